#!/bin/sh
# Times printing one day of a large trip: `itinerary export --day` against
# `calcurse -d` on the same appointments (Debian's calcurse and hyperfine
# must be installed; CI does not run this).
#
#   scripts/calcurse-compare.sh [EVENTS [DAYS [DAY]]]   # default 100000 365 183
#
# The trip comes from the `gen_trip` example (seed 2026, as in the benches);
# the `calcurse_apts` example converts it into calcurse's `apts` file (one
# line per event; see its header for the format). DAY is 1-based; calcurse
# is given the same date. Every export reads and checks the whole file.
set -eu

events=${1:-100000}
days=${2:-365}
day=${3:-183}
target=${CARGO_TARGET_DIR:-target}/release

cargo build --quiet --release --bin itinerary --example gen_trip --example calcurse_apts

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/calcurse"
"$target/examples/gen_trip" "$events" "$days" 2026 >"$dir/trip.toml"
"$target/examples/calcurse_apts" "$dir/trip.toml" >"$dir/calcurse/apts"

start=$(sed -n 's/^start = \([0-9-]*\)$/\1/p' "$dir/trip.toml")
date=$(date -d "$start + $((day - 1)) days" +%m/%d/%Y)

echo "trip: $events events over $days days, $(wc -c <"$dir/trip.toml") bytes;" \
    "calcurse: $(wc -l <"$dir/calcurse/apts") appointments and events"
echo "day $day ($date): itinerary prints $("$target/itinerary" export "$dir/trip.toml" --day "$day" | wc -l) lines," \
    "calcurse $(calcurse -D "$dir/calcurse" -d "$date" | wc -l) lines"

hyperfine --warmup 2 --runs "${RUNS:-10}" -N \
    --command-name "calcurse -d $date" "calcurse -D $dir/calcurse -d $date" \
    --command-name "itinerary export --day $day" "$target/itinerary export $dir/trip.toml --day $day"
