#!/usr/bin/env bash
# Install everything on a fresh machine (Python 3.11 + pip) and run the default test suite.
# Usage: bash scripts/test.sh [extra pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -e ".[test]"
# The browser test drives Debian's chromium (CJK fonts so its screenshots show Chinese); install
# them when we may (root on Debian), else that one test skips with its reason.
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      chromium fonts-noto-cjk >/dev/null) \
    || echo "note: chromium could not be installed; the browser test will be skipped"
fi
ruff check .
python -m pytest "$@"
