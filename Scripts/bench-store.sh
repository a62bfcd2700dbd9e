#!/usr/bin/env bash
# Benchmarks the results database.
#
# Without --backend: builds the store benchmark in release mode, fills a fresh SQLite database
# with ten years of synthetic nightly runs of one host (3,650 runs, every metric, every raw
# sample with its lifecycle phases) and prints the database size, the time to store one run,
# to read one metric's full history and to resolve the latest completed run.
#
#   Scripts/bench-store.sh                     fill a temporary database, print the figures, delete it
#   Scripts/bench-store.sh --keep PATH         leave the filled database at PATH (must not exist yet)
#   Scripts/bench-store.sh --runs N            store N runs instead of 3,650
#
# With --backend: a fleet's year, ten testbeds × 365 nightly runs, in SQLite, in PostgreSQL (a
# throw-away cluster on a Unix socket, with durable commits, stopped and removed afterwards), or
# both on the same synthetic data, side by side: store a run, one metric's history of one
# testbed, gate, report, report --fleet (each the median of several repetitions).
#
#   Scripts/bench-store.sh --backend sqlite|postgresql|both [--testbeds N] [--nights N] [--busy N]
#
# --busy N keeps N busy loops running beside the benchmark (a host whose cores other work takes;
# the README's "busy" columns are --busy 2 on a 2-core host).
#
# Environment: SWIFT_SCRATCH_PATH   build folder (default: .build)
set -euo pipefail

cd "$(dirname "$0")/.."
scratch=(--scratch-path "${SWIFT_SCRATCH_PATH:-.build}")
backend=
busy=0
passed=()
while [ $# -gt 0 ]; do
  case "$1" in
    --backend) backend=${2:?--backend needs sqlite, postgresql or both}; shift 2 ;;
    --busy)
      busy=${2:?--busy needs a number of busy loops}
      [[ "$busy" =~ ^[0-9]{1,2}$ ]] || { echo "bench-store: error: --busy takes 0 to 99 busy loops, not $busy" >&2; exit 2; }
      shift 2 ;;
    *) passed+=("$1"); shift ;;
  esac
done
swift build -c release --force-resolved-versions "${scratch[@]}" --product store-benchmark >&2
benchmark="$(swift build -c release "${scratch[@]}" --show-bin-path)/store-benchmark"
[ -n "$backend" ] || exec "$benchmark" measure "${passed[@]}"

work=$(mktemp -d /tmp/sandbox-bench-store-bench.XXXXXX)
cluster_dir=
loops=()
cleanup() {
  [ ${#loops[@]} -eq 0 ] || kill "${loops[@]}" 2>/dev/null || true
  [ -z "$cluster_dir" ] || Scripts/postgres-cluster.sh stop "$cluster_dir"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
for _ in $(seq 1 "$busy"); do
  yes >/dev/null &
  loops+=($!)
done

run_backend() {
  local name=$1 db=$2
  echo "== $name" >&2
  "$benchmark" fleet --db "$db" --json "${passed[@]}" | tee "$work/$name.out" >&2
  tail -1 "$work/$name.out" >"$work/$name.json"
}

case "$backend" in
  sqlite|both) run_backend sqlite "$work/fleet.sqlite" ;;&
  postgresql|both)
    cluster=$(Scripts/postgres-cluster.sh start --durable)
    cluster_dir=$(sed -n 1p <<<"$cluster")
    url=$(sed -n 2p <<<"$cluster")
    psql -q "$url" -c "CREATE DATABASE fleet_bench"
    run_backend postgresql "${url/\/postgres\?//fleet_bench?}"
    ;;
  sqlite) ;;
  *) echo "bench-store: error: --backend takes sqlite, postgresql or both, not $backend" >&2; exit 2 ;;
esac

# The figures side by side, in milliseconds.
python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
rows = [("store one run", "store", 50), ("history, one testbed", "history", 50), ("gate", "gate", 100),
        ("report", "report", 2000), ("report --fleet", "fleetReport", 2000)]
backends = [b for b in ("sqlite", "postgresql") if os.path.exists(os.path.join(work, b + ".json"))]
figures = {b: json.load(open(os.path.join(work, b + ".json"))) for b in backends}
print()
print("| operation | " + " | ".join(backends) + " | target |")
print("|---|" + "---:|" * len(backends) + "---:|")
for label, key, target in rows:
    cells = ["%.1f ms" % (figures[b][key] * 1000) for b in backends]
    print("| %s | %s | ≤ %d ms |" % (label, " | ".join(cells), target))
PY
