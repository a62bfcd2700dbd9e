#!/usr/bin/env bash
# Benchmarks the results database: builds the store benchmark in release mode, fills a fresh
# database with ten years of synthetic nightly runs (3,650 runs, every metric, every raw
# sample with its lifecycle phases) and prints the database size, the time to store one run,
# to read one metric's full history and to resolve the latest completed run.
#
#   Scripts/bench-store.sh                     fill a temporary database, print the figures, delete it
#   Scripts/bench-store.sh --keep PATH         leave the filled database at PATH (must not exist yet)
#   Scripts/bench-store.sh --runs N            store N runs instead of 3,650
#
# Environment: SWIFT_SCRATCH_PATH   build folder (default: .build)
set -euo pipefail

cd "$(dirname "$0")/.."
scratch=(--scratch-path "${SWIFT_SCRATCH_PATH:-.build}")
swift build -c release "${scratch[@]}" --product store-benchmark >&2
exec "$(swift build -c release "${scratch[@]}" --show-bin-path)/store-benchmark" measure "$@"
