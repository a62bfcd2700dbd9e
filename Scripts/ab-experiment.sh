#!/usr/bin/env bash
# Measures what `sandbox-bench ab` sees of a real creation slowdown, on this host's engine.
#
# Registers two OCI runtimes with the engine (daemon.json `runtimes`, then SIGHUP to dockerd):
# `sbexp-a`, a wrapper around runc, and `sbexp-b`, the same wrapper that sleeps DELAY seconds
# before `runc create` — the engine, the tool and the sandbox cannot tell that from a runtime that
# really got slower. Then runs `ab` REPEAT times for each scenario and prints, per `ab`: its time,
# B's creation change against A with its 95 % interval, the samples per side, and whether the
# stored decision alerted (and what 20 %, 10 % and 5 % limits would say of the same data). Everything
# it registered and wrote is removed on exit, also on failure or SIGINT/SIGTERM/SIGHUP (not SIGKILL).
#
# With -c FRACTION, B's delay follows the host: before each `ab`, it is set to FRACTION of the
# creation median A measured in the previous `ab` (the first `ab` uses DELAY), so that B is about
# FRACTION slower to create whatever load the host carries at that moment. The wrapper reads its
# delay from a file at each call, so changing it needs no reload of the engine.
#
# Usage: Scripts/ab-experiment.sh [-n REPEAT] [-d DELAY] [-c FRACTION] [-s SCENARIOS] BINARY [AB OPTIONS...]
#   SCENARIOS: comma-separated, from same, slower, same5, slower5 (default: all four):
#     same     A = B (both sbexp-a), default limit       slower   B = sbexp-b, default limit
#     same5    A = B, --max-creation-slowdown 5%         slower5  B = sbexp-b, --max-creation-slowdown 5%
#   AB OPTIONS go to every `ab` (default: --suite quick).
# Needs root (daemon.json, SIGHUP). Never touches a network; the engine keeps its own flags.
set -euo pipefail

REPEAT=10
DELAY=0.035
FRACTION=
SCENARIOS=same,slower,same5,slower5
while getopts "n:d:c:s:" option; do
  case "$option" in
    n) REPEAT=$OPTARG ;;
    d) DELAY=$OPTARG ;;
    c) FRACTION=$OPTARG ;;
    s) SCENARIOS=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-n REPEAT] [-d DELAY] [-c FRACTION] [-s SCENARIOS] BINARY [AB OPTIONS...]" >&2; exit 2; }
BINARY=$(realpath "$1")
shift
AB_OPTIONS=("$@")
[ ${#AB_OPTIONS[@]} -gt 0 ] || AB_OPTIONS=(--suite quick)
[ "$(id -u)" -eq 0 ] || { echo "ab-experiment: needs root (daemon.json, SIGHUP to dockerd)" >&2; exit 2; }

DAEMON_JSON=/etc/docker/daemon.json
WRAPPERS=/usr/local/lib/sandbox-bench-experiment
DOCKERD=$(pgrep -a -x dockerd | awk '/--host unix:\/\/\/var\/run\/docker.sock|^[0-9]+ \/usr\/sbin\/dockerd/ {print $1; exit}')
[ -n "$DOCKERD" ] || { echo "ab-experiment: no dockerd on /var/run/docker.sock" >&2; exit 3; }
WORK=$(mktemp -d /tmp/sandbox-bench-ab.XXXXXX)

say() { printf 'ab-experiment: %s\n' "$*" >&2; }

reload() {
  kill -HUP "$DOCKERD"
  sleep 2
}

# Everything below is undone by `cleanup`, on any exit: success, failure, SIGINT, SIGTERM, SIGHUP.
# A signal interrupts the `wait` for the running `ab` at once (it runs in the background for that);
# the `ab` is then stopped with SIGTERM (it removes its containers) and waited for, before its
# runtimes are unregistered. Only SIGKILL of this script escapes it.
REGISTERED=
CHILD=
CLEANED=
cleanup() {
  [ -z "$CLEANED" ] || return 0
  CLEANED=1
  set +e
  trap '' INT TERM HUP
  if [ -n "$CHILD" ] && kill -0 "$CHILD" 2>/dev/null; then
    say "stopping ab (pid $CHILD)"
    kill -TERM "$CHILD"
    for _ in $(seq 1 60); do kill -0 "$CHILD" 2>/dev/null || break; sleep 1; done
    kill -0 "$CHILD" 2>/dev/null && kill -KILL "$CHILD"
    wait "$CHILD" 2>/dev/null
  fi
  if [ -n "$REGISTERED" ]; then
    # Containers of the experiment's runtimes are this script's alone (another user's carry other runtimes).
    for id in $(docker ps -aq --filter label=sandbox-bench.owner=sandbox-bench); do
      case "$(docker inspect --format '{{.HostConfig.Runtime}}' "$id" 2>/dev/null)" in
        sbexp-*) docker rm -f "$id" > /dev/null ;;
      esac
    done
    # The engine keeps runtimes a reload does not name: name none first, then restore the file.
    python3 - "$DAEMON_JSON" <<'PY'
import json, os, sys
path = sys.argv[1]
config = json.load(open(path)) if os.path.exists(path) and os.path.getsize(path) else {}
config["runtimes"] = {}
json.dump(config, open(path, "w"), indent=2)
PY
    reload
    if [ -f "$WORK/daemon.json.saved" ]; then
      cp "$WORK/daemon.json.saved" "$DAEMON_JSON"
    else
      rm -f "$DAEMON_JSON"
    fi
    reload
    say "runtimes unregistered: $(docker info --format '{{json .Runtimes}}' | python3 -c 'import json, sys; print(" ".join(sorted(json.load(sys.stdin))))')"
  fi
  rm -rf "$WRAPPERS" "$WORK"
  say "wrappers and work files removed"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

if [ -f "$DAEMON_JSON" ]; then cp "$DAEMON_JSON" "$WORK/daemon.json.saved"; fi
[ ! -s "$DAEMON_JSON" ] || ! grep -q '"runtimes"' "$DAEMON_JSON" \
  || { echo "ab-experiment: $DAEMON_JSON already registers runtimes; refusing to change it" >&2; exit 3; }

mkdir -p "$WRAPPERS"
echo 0 > "$WRAPPERS/delay-a"
echo "$DELAY" > "$WRAPPERS/delay-b"
for side in a b; do
  cat > "$WRAPPERS/runc-$side" <<WRAPPER
#!/bin/sh
# sandbox-bench experiment: runc, with a sleep of \$(cat $WRAPPERS/delay-$side) s before \`create\`.
for argument in "\$@"; do
  if [ "\$argument" = create ]; then sleep "\$(cat $WRAPPERS/delay-$side)"; break; fi
done
exec /usr/sbin/runc "\$@"
WRAPPER
  chmod 755 "$WRAPPERS/runc-$side"
done
REGISTERED=1
python3 - "$DAEMON_JSON" "$WRAPPERS" <<'PY'
import json, os, sys
path, wrappers = sys.argv[1], sys.argv[2]
config = json.load(open(path)) if os.path.exists(path) and os.path.getsize(path) else {}
config["runtimes"] = {f"sbexp-{side}": {"path": f"{wrappers}/runc-{side}"} for side in "ab"}
json.dump(config, open(path, "w"), indent=2)
PY
reload
docker info --format '{{json .Runtimes}}' | grep -q sbexp-b || { echo "ab-experiment: the engine did not register the runtimes" >&2; exit 3; }
say "registered sbexp-a and sbexp-b (sleep $DELAY s before create${FRACTION:+, then $FRACTION of the creation median of A}) with dockerd $DOCKERD"

"$BINARY" profile show --runtime sbexp-a > "$WORK/a.json"
"$BINARY" profile show --runtime sbexp-b > "$WORK/b.json"
export SANDBOX_BENCH_DB="$WORK/results.sqlite" SANDBOX_BENCH_LOCK="$WORK/run.lock"

# One line per `ab`: scenario, time, B's delay and A's creation median (so the intended change),
# B's creation change against A with its 95 % interval and p-value, samples per side (and pairs),
# the stored decision, and what 20 %, 10 % and 5 % limits say of the same data.
summarize() {
  python3 - "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" <<'PY'
import json, sys
scenario, seconds, status, stored, twenty, ten, five, delay = sys.argv[1:9]
def creation(path):
    data = json.load(open(path))
    metric = next(m for m in data["metrics"] if m["metric"] == "creation.create_start_s")
    outcome = next(o for o in data["outcomes"] if o["rule"] == "creation-slowdown")
    return metric, outcome["status"]
metric, verdict = creation(stored)
interval = metric.get("interval") or {}
fmt = lambda x: f"{x * 100:+.1f} %"
outcome = next(o for o in json.load(open(stored))["outcomes"] if o["rule"] == "creation-slowdown")
pairs = (metric.get("paired") or {}).get("pairs", "-")
intended = float(delay) / metric["baseline"] if scenario.startswith("slower") else 0.0
print(f"{scenario:8} {float(seconds):6.1f} s  exit {status}  A {metric['baseline']:.3f} s  delay {float(delay) * 1000:.0f} ms "
      f"(intended {fmt(intended)})  change {fmt(metric['change'])}  "
      f"95 % CI {fmt(interval.get('lower', float('nan')))} … {fmt(interval.get('upper', float('nan')))}  "
      f"p {outcome.get('pValue', float('nan')):.4f}  n {metric['baselineCount']}/{metric['currentCount']} pairs {pairs}  "
      f"stored {verdict}  "
      f"20 % {creation(twenty)[1]}  10 % {creation(ten)[1]}  5 % {creation(five)[1]}", flush=True)
PY
}

IFS=, read -r -a scenarios <<< "$SCENARIOS"
for scenario in "${scenarios[@]}"; do
  case "$scenario" in
    same) b=a; limit=() ;;
    slower) b=b; limit=() ;;
    same5) b=a; limit=(--max-creation-slowdown 5%) ;;
    slower5) b=b; limit=(--max-creation-slowdown 5%) ;;
    *) echo "ab-experiment: unknown scenario $scenario" >&2; exit 2 ;;
  esac
  for i in $(seq 1 "$REPEAT"); do
    started=$(date +%s.%N)
    status=0
    "$BINARY" ab "$WORK/a.json" "$WORK/$b.json" "${AB_OPTIONS[@]}" "${limit[@]}" --min-parallel-efficiency 0.1 --no-report --quiet \
      > "$WORK/ab.out" 2>&1 &
    CHILD=$!
    wait "$CHILD" || status=$?
    CHILD=
    seconds=$(echo "$(date +%s.%N) - $started" | bc)
    if [ "$status" -ge 2 ]; then cat "$WORK/ab.out" >&2; echo "ab-experiment: ab exited $status" >&2; exit "$status"; fi
    "$BINARY" diff --format json > "$WORK/stored.json"
    "$BINARY" diff --format json --max-creation-slowdown 20% > "$WORK/twenty.json"
    "$BINARY" diff --format json --max-creation-slowdown 10% > "$WORK/ten.json"
    "$BINARY" diff --format json --max-creation-slowdown 5% > "$WORK/five.json"
    summarize "$scenario" "$seconds" "$status" "$WORK/stored.json" "$WORK/twenty.json" "$WORK/ten.json" "$WORK/five.json" \
      "$(cat "$WRAPPERS/delay-b")"
    if [ -n "$FRACTION" ]; then
      # The next B: FRACTION of the creation median A just measured.
      python3 -c 'import json, sys; m = next(m for m in json.load(open(sys.argv[1]))["metrics"] if m["metric"] == "creation.create_start_s"); print(round(float(sys.argv[2]) * m["baseline"], 4))' \
        "$WORK/stored.json" "$FRACTION" > "$WRAPPERS/delay-b.next"
      mv "$WRAPPERS/delay-b.next" "$WRAPPERS/delay-b"
    fi
  done
done
exit 0
