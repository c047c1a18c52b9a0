//! `itinerary config --default`: a config file with every setting at its
//! default, each explained; the documentation of the format, and a test
//! loads it.

use std::fmt::Write as _;

use crate::app::Intent;
use crate::keys::{BINDINGS, NAMES, spec};
use crate::ui::theme::Role;

/// The commented default config. Settings without a default value (the
/// home zone, the trip, the export folder, colours and keys, whose
/// defaults are the theme's and the key table's) are written commented
/// out, with an example or their default.
pub fn default_file() -> String {
    let mut out = String::from(
        "\
# itinerary's config file: $XDG_CONFIG_HOME/itinerary/config.toml
# (~/.config/itinerary/config.toml), ITINERARY_CONFIG=PATH or --config PATH.
# Every setting below is at its default; docs/config.md describes each.
# Command-line flags win over this file, and this file over the defaults.

# The home office's clock, shown beside the trip's, for a trip without a
# home_timezone of its own (--home-zone overrides both). An IANA name.
# home_timezone = \"Asia/Shanghai\"

# The colours: \"dark\", \"light\" or \"mono\" (no colour; NO_COLOR set
# in the environment means mono too).
theme = \"dark\"

# Start the browser read-only: the editing keys say so and change nothing.
# --read-write undoes it for one run.
read_only = false

# The trip opened when no file is given (default: the bundled trip).
# ~/ is the home folder; a relative path is taken from this file's folder.
# trip = \"~/trips/current.toml\"

[export]
# Where the browser's export (e) writes (default: the current directory).
# dir = \"~/Documents/itineraries\"
# The format of `itinerary export` when neither --format nor -o's
# extension names one: md, text, json or ics (default md).
# format = \"md\"

[colors]
# A role's colour over the theme's: a name (\"red\", \"light-blue\",
# \"dark-gray\"), an index of the terminal's 256 colours (208) or \"#rrggbb\".
# Nothing is told by colour alone: marks, bold and dim stay in every theme.
",
    );
    for (_, name, what) in Role::ALL {
        let _ = writeln!(out, "# {name} = \"magenta\"    # {what}");
    }
    out.push_str(
        "
[keys]
# An action's keys, by its name (docs/keys.md lists them): \"x\", \"Right\",
# \"C-r\" (Control), \"S-Tab\" (Shift), \"Enter\", \"Esc\", \"Space\", \"PageDown\", \"F5\".
# They replace the action's default keys; a key taken from another action
# of the same context is that action's no more (`itinerary config` lists
# such changes). Where text is typed (the picker, the search, the people
# view), letters stay letters. Ctrl-C always quits. The defaults:
",
    );
    for (intent, name) in NAMES {
        if matches!(intent, Intent::Type(_)) {
            continue;
        }
        let Some(b) = BINDINGS.iter().find(|b| b.action == *intent) else {
            continue;
        };
        let keys: Vec<String> = b.keys.iter().map(|k| format!("\"{}\"", spec(*k))).collect();
        let _ = writeln!(
            out,
            "# {name} = [{}]    # {}",
            keys.join(", "),
            b.description
        );
    }
    out
}
