#!/usr/bin/env bash
# Installs what the calendar and printing tests talk to, when it is missing:
# calcurse and khal, Chromium with the Noto CJK fonts and poppler's
# pdftotext/pdfinfo (the printed programme's tests; Debian's packages), and a Python virtual environment under
# target/test-venv with Radicale (the CalDAV server the publish tests start on
# 127.0.0.1), icalendar and caldav (independent readers of what we write).
# Safe to run again: it installs only what is not there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v calcurse >/dev/null 2>&1 || missing+=(calcurse)
command -v khal >/dev/null 2>&1 || missing+=(khal)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "test-deps: installing ${missing[*]} from Debian's packages" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

venv=target/test-venv
if ! "$venv/bin/python" -c 'import radicale, icalendar, caldav' >/dev/null 2>&1; then
  echo "test-deps: installing radicale, icalendar, caldav into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check \
    'radicale==3.9.0' 'icalendar==7.3.0' 'caldav==3.6.0'
fi
