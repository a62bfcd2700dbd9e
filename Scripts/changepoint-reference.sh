#!/usr/bin/env bash
# Runs Scripts/changepoint-reference.py with Apache Otava from PyPI, in a virtual environment
# under .build/ made on first use (needs python3 with venv, and PyPI). The request is read on
# stdin, the answer printed on stdout; see the Python file.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/changepoint-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
"$venv/bin/python" -c 'import otava' 2>/dev/null || "$venv/bin/pip" install -q 'apache-otava==0.8.0' >&2
exec "$venv/bin/python" Scripts/changepoint-reference.py
