#!/usr/bin/env bash
# Install on a fresh machine and run the main jobs on the sample data:
# the quarter's duty roster and the year-end appraisal, written under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -e .
mkdir -p out
python -m scheduler solve data/sample_scenario.xlsx --out out/roster.xlsx --time-limit 60 --workers 2
python -m scheduler check data/sample_scenario.xlsx out/roster.xlsx
python -m appraisal run data/sample_cycle.xlsx --out out/appraisal.xlsx \
  --history data/results_2024.xlsx data/results_2025.xlsx
echo "written: out/roster.xlsx out/appraisal.xlsx"
