#!/usr/bin/env bash
# Install everything the test suite needs, then run all of it.
# Browser tests need Debian's chromium (/usr/bin/chromium), the quality gates Java and npm; as root
# we install them.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"

# Debian packages the tests need: chromium for the browser tests; for the quality gates
# (tests/test_gate_*.py) Java runs the Nu Html Checker and npm installs it and axe-core.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(npm)  # Debian's npm brings its nodejs
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installerar ${missing[*]} för testerna …"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "fel: testerna behöver ${missing[*]}: kör 'sudo apt-get install -y ${missing[*]}'" >&2
    exit 1
  fi
fi

# axe-core, vnu-jar and remark at the versions in package-lock.json, again whenever the lock file changed.
# --ignore-scripts: vnu-jar's install script would download a Java runtime; Debian's is used instead.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi

export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
