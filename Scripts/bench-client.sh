#!/usr/bin/env bash
# Benchmark of the client's own overhead: N full sandbox lifecycles (default 50)
# through sandbox-bench and through the Docker SDK for Python, alternating. Not a test.
# Usage: Scripts/bench-client.sh [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null 2>&1 || { echo "bench-client: error: swift is not on PATH; install a Swift 6 toolchain or add its bin folder to PATH" >&2; exit 1; }
Scripts/setup.sh
if ! log=$(swift build -c release --force-resolved-versions --product client-benchmark 2>&1); then echo "$log" >&2; exit 1; fi
venv=.build/bench-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import docker' 2>/dev/null || "$venv/bin/pip" install -q 'docker>=7,<8'
"$venv/bin/python" Scripts/bench-client.py "$(swift build -c release --show-bin-path)/client-benchmark" "${1:-50}"
