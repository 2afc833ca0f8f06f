#!/usr/bin/env bash
# Install everything the test suite needs, then run all of it.
# Browser tests need Debian's chromium (/usr/bin/chromium); as root we install it.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installerar chromium för webbläsartesterna …"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "fel: webbläsartesterna behöver /usr/bin/chromium: kör 'sudo apt-get install -y chromium'" >&2
    exit 1
  fi
fi

export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
