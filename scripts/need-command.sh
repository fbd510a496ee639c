#!/usr/bin/env bash
# Make sure a command from a Debian package is installed:
#   scripts/need-command.sh msgfmt gettext
# As root with apt-get it installs the package; otherwise it names the package to install.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 COMMAND DEBIAN_PACKAGE" >&2
    exit 2
fi
command=$1
package=$2

if command -v "$command" >/dev/null; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "$command is missing: install the Debian package $package (apt-get install $package)." >&2
    exit 1
fi
echo "$command is missing; installing the Debian package $package" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q "$package" >&2
