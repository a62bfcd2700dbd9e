#!/usr/bin/env bash
# Sets the machine up (Scripts/setup.sh: packages, Docker engine, sandbox image) and runs every
# test. Tests that need the Docker engine run and fail, never skip, because this script sets
# SANDBOX_BENCH_REQUIRE_DOCKER=1.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"
export SANDBOX_BENCH_REQUIRE_DOCKER=1
Scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
