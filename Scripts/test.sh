#!/usr/bin/env bash
# Sets the machine up (Scripts/setup.sh: packages, Docker engine, sandbox image) and runs every
# test. Tests that need the Docker engine run and fail, never skip, because this script sets
# SANDBOX_BENCH_REQUIRE_DOCKER=1. The build fails on an import a target does not declare.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null 2>&1 || { echo "test: error: swift is not on PATH; install a Swift 6 toolchain or add its bin folder to PATH" >&2; exit 1; }
export SANDBOX_BENCH_REQUIRE_DOCKER=1
Scripts/setup.sh
swift build --build-tests --explicit-target-dependency-import-check error
swift test --skip-build "$@"
