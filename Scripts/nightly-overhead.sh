#!/usr/bin/env bash
# What the busy-host handling costs a nightly on a quiet host: the default suite run PAIRS times
# with it (foreign load measured around each iteration, the wait for a quiet host, busy
# iterations measured again) and PAIRS times without (`--ignore-host-load`), alternately — with
# first, then without, then without, then with, … so that neither meets a warmer host more often —,
# each into a private database, and the wall time of each and the median of each side printed.
#
#   Scripts/nightly-overhead.sh [-p PAIRS] BINARY [RUN OPTIONS...]     (default 2 pairs)
#
# The host must be otherwise quiet: another tenant's work makes the side with the handling wait
# and measure again, which is its purpose, not its overhead.
set -euo pipefail
PAIRS=2
while getopts "p:" option; do
  case "$option" in
    p) PAIRS=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-p PAIRS] BINARY [RUN OPTIONS...]" >&2; exit 2; }
[[ "$PAIRS" =~ ^[1-9][0-9]?$ ]] || { echo "nightly-overhead: -p takes 1 to 99 pairs" >&2; exit 2; }
BINARY=$(realpath "$1")
shift
WORK=$(mktemp -d /tmp/sbnightly.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export SANDBOX_BENCH_DB="$WORK/results.sqlite" SANDBOX_BENCH_LOCK="$WORK/run.lock"
unset SANDBOX_BENCH_IGNORE_HOST_LOAD

one() { # SIDE [RUN OPTIONS...]: prints the wall time of one nightly run, in seconds
  local side=$1 started status=0
  shift
  started=$(date +%s.%N)
  if [ "$side" = with ]; then
    "$BINARY" run --no-report --quiet "$@" > "$WORK/out" 2>&1 || status=$?
  else
    "$BINARY" run --no-report --quiet --ignore-host-load "$@" > "$WORK/out" 2>&1 || status=$?
  fi
  [ "$status" -le 1 ] || { echo "nightly-overhead: a run ended with exit $status:" >&2; sed 's/^/    /' "$WORK/out" >&2; exit 3; }
  python3 -c "import time; print(round(time.time() - $started, 1))"
}

declare -a WITH WITHOUT
for pair in $(seq 1 "$PAIRS"); do
  if [ $((pair % 2)) -eq 1 ]; then order=(with without); else order=(without with); fi
  for side in "${order[@]}"; do
    seconds=$(one "$side" "$@")
    printf 'pair %2d  %-7s  %6.1f s\n' "$pair" "$side" "$seconds"
    if [ "$side" = with ]; then WITH+=("$seconds"); else WITHOUT+=("$seconds"); fi
  done
done
python3 - "${WITH[*]}" "${WITHOUT[*]}" << 'PY'
import statistics, sys
with_, without = ([float(x) for x in side.split()] for side in sys.argv[1:3])
a, b = statistics.median(with_), statistics.median(without)
print(f"median with the busy-host handling {a:.1f} s, without {b:.1f} s: {100 * (a / b - 1):+.1f} %")
PY
