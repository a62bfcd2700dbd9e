#!/usr/bin/env bash
# Sets the machine up (Scripts/setup.sh: packages with gVisor's runsc, Docker engine, sandbox image), starts a
# throw-away PostgreSQL cluster (Unix socket only) for the PostgreSQL backend's tests, runs every
# test, and stops and removes the cluster and every cluster a test started. Tests that need the Docker engine or PostgreSQL run
# and fail, never skip, because this script sets SANDBOX_BENCH_REQUIRE_DOCKER=1 and
# SANDBOX_BENCH_REQUIRE_POSTGRES=1. The build fails on an import a target does not declare, even one
# reached through another target (ModuleGraphTests, which also checks docs/ARCHITECTURE.md's table),
# and takes the dependencies at the versions pinned in Package.resolved (docs/release.md).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null 2>&1 || { echo "test: error: swift is not on PATH; install a Swift 6 toolchain or add its bin folder to PATH" >&2; exit 1; }
export SANDBOX_BENCH_REQUIRE_DOCKER=1 SANDBOX_BENCH_REQUIRE_POSTGRES=1
# runsc (gVisor) installed, not registered: the gVisor tests register it with a private engine.
Scripts/setup.sh --install-gvisor
# Every cluster started from here on, this one and each test's own, is listed and stopped at the
# end: a test cut off by its time limit never reaches its own clean-up.
export SANDBOX_BENCH_CLUSTERS
SANDBOX_BENCH_CLUSTERS=$(mktemp /tmp/sandbox-bench-clusters.XXXXXX)
stop_clusters() {
  local dir
  while read -r dir; do
    [ ! -d "$dir" ] || Scripts/postgres-cluster.sh stop "$dir" 2>/dev/null || true
  done <"$SANDBOX_BENCH_CLUSTERS"
  rm -f "$SANDBOX_BENCH_CLUSTERS"
}
trap stop_clusters EXIT
cluster=$(Scripts/postgres-cluster.sh start)
export SANDBOX_BENCH_TEST_POSTGRES
SANDBOX_BENCH_TEST_POSTGRES=$(sed -n 2p <<<"$cluster")
# House style: the committed .swift-format configuration, checked, never rewritten here.
swift format lint --strict --recursive --parallel Package.swift Sources Tests Benchmarks Plugins
swift build --build-tests --force-resolved-versions --explicit-target-dependency-import-check error
swift test --skip-build "$@"
