#!/usr/bin/env bash
# Installs what the tests talk to, when it is missing: calcurse and khal
# (Debian's packages), man-db and groff (the man page is rendered by `man -l`),
# Chromium with the Noto CJK fonts and poppler's pdftotext/pdfinfo (the printed
# programme's tests), and a Python virtual environment under
# target/test-venv with Radicale (the CalDAV server the publish tests start on
# 127.0.0.1), icalendar and caldav (independent readers of what we write), and
# recurring-ical-events (the reference import's expansion is compared with).
# Safe to run again: it installs only what is not there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v calcurse >/dev/null 2>&1 || missing+=(calcurse)
command -v khal >/dev/null 2>&1 || missing+=(khal)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
command -v man >/dev/null 2>&1 || missing+=(man-db)
command -v groff >/dev/null 2>&1 || missing+=(groff)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "test-deps: installing ${missing[*]} from Debian's packages" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

venv=target/test-venv
if ! "$venv/bin/python" -c 'import radicale, icalendar, caldav, recurring_ical_events' >/dev/null 2>&1; then
  echo "test-deps: installing radicale, icalendar, caldav, recurring-ical-events into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check \
    'radicale==3.9.0' 'icalendar==7.3.0' 'caldav==3.6.0' \
    'recurring-ical-events==3.8.2'
fi
