#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests (tests/browser/):
#   scripts/need-chromium.sh
# Playwright drives that browser through its executable path. Playwright's own browser
# download (`playwright install`) cannot work on the project's machines, so it is never run.
# As root with apt-get it installs the package `chromium`; otherwise it says what to install.
# CHROMIUM names the browser to look for (default /usr/bin/chromium, where Debian puts it).
set -euo pipefail

chromium=${CHROMIUM:-/usr/bin/chromium}
# Debian's chromium-l10n: without it Chromium speaks only English (date fields "mm/dd/yyyy").
swedish=/usr/lib/chromium/locales/sv.pak

# (Another browser named by CHROMIUM brings its own translations.)
if [ -f "$chromium" ] && [ -x "$chromium" ] \
    && { [ "$chromium" != /usr/bin/chromium ] || [ -f "$swedish" ]; }; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    {
        echo "Chromium is missing ($chromium): the browser tests need Debian's package chromium."
        echo "Install it as root:  apt-get update && apt-get install -y chromium chromium-l10n"
        echo "then run make again. (Playwright's own 'playwright install' cannot work here.)"
    } >&2
    exit 1
fi
echo "Chromium or its Swedish is missing ($chromium); installing the Debian packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
# Only the browser, its translations (a Swedish date field reads "åååå-mm-dd", not
# "mm/dd/yyyy") and one font family for its pages: not its desktop recommendations
# (printer set-up, power and notification daemons), which a headless test never uses.
apt-get install -y -q --no-install-recommends chromium chromium-l10n fonts-liberation >&2
if ! [ -x "$chromium" ]; then
    echo "The package chromium is installed, but $chromium is still missing." >&2
    exit 1
fi
