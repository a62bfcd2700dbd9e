#!/usr/bin/env bash
# Runs the CI workflows' shell steps (Deploy/ci/ci.sh) on this machine as the runners would, in a
# throw-away workspace with GitHub's environment variables, and checks their outcome:
#
#   0. the first pull request, before any nightly run: restore says "no baseline yet" in the job
#      summary and exits 0; the gate checks the rules that need no baseline and passes;
#   1. nightly, no bundle yet: the run passes as the first reference and is exported as the bundle;
#   2. the bundle becomes the "artifact" the gate workflow downloads;
#   3. gate, unchanged sandbox: a fresh database, `run --gate --baseline-file`, exit 0;
#   4. gate, a sandbox really slower to create (a CPU limit that throttles runc's container init):
#      exit 1, a failing JUnit test case, the Markdown summary appended to $GITHUB_STEP_SUMMARY;
#   5. a damaged artifact: restore refuses it (exit 2) and leaves no bundle for the gate to use.
#
# Usage: Deploy/ci/run-locally.sh [BINARY]   (default: build .build/release/sandbox-bench)
#        Deploy/ci/run-locally.sh --job        one gate job, timed from checkout to verdict: a clean
#                                              clone of this checkout's HEAD, then the gate workflow's
#                                              steps (setup, restore, gate) in it; the nightly artifact
#                                              from $CI_DOWNLOADED when set, else "no baseline yet"
# Environment: CI_SPECS (default: "--spec creation --spec cleanup") narrows the suite to keep it short;
#              CI_SLOWER (default: "--cpus 0.02") is what makes the candidate slower;
#              CI_CACHE (default: ~/.cache/sandbox-bench-ci) stands for the runner's cache service:
#              what the workflows' cache steps restore and save (an empty folder: a cold job).
set -euo pipefail
cd "$(dirname "$0")/../.."
SPECS="${CI_SPECS:---spec creation --spec cleanup}"
SLOWER="${CI_SLOWER:---cpus 0.02}"
export CI_CACHE="${CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sandbox-bench-ci}"
work=$(mktemp -d /tmp/sandbox-bench-ci.XXXXXX)
trap 'rm -rf "$work"' EXIT
export RUNNER_TEMP="$work/runner-temp" CI_SUITE=quick CI_TESTBED=local-ci
mkdir -p "$RUNNER_TEMP"

say() { printf '\nrun-locally: %s\n' "$*" >&2; }
fail() { printf 'run-locally: FAILED: %s\n' "$*" >&2; exit 1; }

if [ "${1:-}" = --job ]; then
  started=$(date +%s)
  timed() {  # timed NAME COMMAND...: runs it, prints its time, keeps its exit code
    local name=$1 began status=0
    shift
    began=$(date +%s)
    "$@" >"$work/$name.log" 2>&1 || status=$?
    printf 'run-locally: %-8s %4d s  exit %d\n' "$name" "$(( $(date +%s) - began ))" "$status" >&2
    return "$status"
  }
  # The checkout step: a clean clone, no build folder, no ci-out.
  timed checkout git clone -q --no-hardlinks "$PWD" "$work/checkout" || fail "git clone"
  [ "$(git -C "$work/checkout" rev-parse HEAD)" = "$(git rev-parse HEAD)" ] || fail "the clone is not at this checkout's HEAD"
  cd "$work/checkout"
  export CI_OUT="$work/gate" CI_DOWNLOADED="${CI_DOWNLOADED:-$work/no-artifact}" GITHUB_STEP_SUMMARY="$work/summary.md"
  export GITHUB_OUTPUT="$work/output" CI_RUN_OPTIONS="$SPECS"
  printf 'run-locally: one gate job; cache %s; load average %s\n' "$CI_CACHE" "$(cut -d' ' -f1-3 /proc/loadavg)" >&2
  timed setup Deploy/ci/ci.sh setup || { tail -20 "$work/setup.log" >&2; exit 1; }
  timed restore Deploy/ci/ci.sh restore || { tail -5 "$work/restore.log" >&2; exit 1; }
  verdict=0
  timed gate Deploy/ci/ci.sh gate || verdict=$?
  grep -h '^ci: .*cache' "$work/setup.log" | sed 's/^/run-locally:   /' >&2 || true
  printf 'run-locally: job from checkout to verdict (exit %d): %d s; load average %s\n' "$verdict" \
    "$(( $(date +%s) - started ))" "$(cut -d' ' -f1-3 /proc/loadavg)" >&2
  exit "$verdict"
fi
[ $# -gt 0 ] && export SANDBOX_BENCH="$(realpath "$1")"

step() {  # step NAME EXPECTED-EXIT COMMAND...
  local name=$1 expected=$2 status=0 started
  shift 2
  started=$(date +%s)
  "$@" || status=$?
  say "$name: exit $status (expected $expected) in $(( $(date +%s) - started )) s"
  [ "$status" -eq "$expected" ] || fail "$name exited $status, not $expected"
}

say "setup"
step "setup" 0 Deploy/ci/ci.sh setup

export CI_RUN_OPTIONS="$SPECS"
if [ ! -f Deploy/ci/baseline/nightly.json ]; then
  say "gate workflow, the first pull request: no nightly has run, no bundle is committed"
  export CI_OUT="$work/gate-first" CI_DOWNLOADED="$work/nothing-downloaded" GITHUB_STEP_SUMMARY="$work/gate-first-summary.md"
  export GITHUB_OUTPUT="$work/gate-first-output"
  step "restore (no baseline yet)" 0 Deploy/ci/ci.sh restore
  grep -q 'no baseline yet' "$GITHUB_STEP_SUMMARY" || fail "the job summary does not say \"no baseline yet\""
  grep -qx 'baseline=none' "$GITHUB_OUTPUT" || fail "restore did not set the output baseline=none"
  step "gate (no baseline yet: the rules that need none)" 0 Deploy/ci/ci.sh gate
  grep -q 'failures="0"' "$CI_OUT/junit.xml" || fail "the JUnit file of the first gate has failures"
  status=0; CI_REQUIRE_BASELINE=1 Deploy/ci/ci.sh restore 2>/dev/null || status=$?
  [ "$status" -eq 2 ] || fail "CI_REQUIRE_BASELINE=1 without a bundle exited $status, not 2"
  unset GITHUB_OUTPUT
fi

say "nightly workflow, first night: no bundle yet"
export CI_OUT="$work/nightly" CI_DOWNLOADED="$work/nightly-downloaded" GITHUB_STEP_SUMMARY="$work/nightly-summary.md"
step "restore" 0 Deploy/ci/ci.sh restore
step "nightly" 0 Deploy/ci/ci.sh nightly
[ -s "$CI_OUT/bundle/nightly.json" ] || fail "the nightly did not export a bundle"
mkdir -p "$work/artifact" && cp "$CI_OUT/bundle/nightly.json" "$work/artifact/nightly.json"

say "gate workflow, unchanged sandbox"
export CI_OUT="$work/gate-unchanged" CI_DOWNLOADED="$work/artifact" GITHUB_STEP_SUMMARY="$work/gate-unchanged-summary.md"
step "restore" 0 Deploy/ci/ci.sh restore
step "gate (unchanged)" 0 Deploy/ci/ci.sh gate
grep -q 'failures="0"' "$CI_OUT/junit.xml" || fail "the JUnit file of the passing gate has failures"
[ -s "$GITHUB_STEP_SUMMARY" ] || fail "nothing was appended to GITHUB_STEP_SUMMARY"
ls "$CI_OUT/reports/"*.html >/dev/null || fail "no report was written"

say "gate workflow, a sandbox slower to create containers ($SLOWER)"
export CI_OUT="$work/gate-slower" GITHUB_STEP_SUMMARY="$work/gate-slower-summary.md" CI_RUN_OPTIONS="$SPECS $SLOWER"
step "restore" 0 Deploy/ci/ci.sh restore
step "gate (slower)" 1 Deploy/ci/ci.sh gate
grep -q '<failure' "$CI_OUT/junit.xml" || fail "the JUnit file of the failing gate has no failure"
grep -q 'creation' "$GITHUB_STEP_SUMMARY" || fail "the step summary does not name the creation metric"

say "a damaged artifact (a newer format than this tool reads): refused, and not put in place"
export CI_OUT="$work/gate-damaged" CI_DOWNLOADED="$work/damaged"
mkdir -p "$CI_DOWNLOADED" && sed 's/"formatVersion" : 1,/"formatVersion" : 99,/' "$work/artifact/nightly.json" >"$CI_DOWNLOADED/nightly.json"
grep -q '"formatVersion" : 99' "$CI_DOWNLOADED/nightly.json" || fail "could not make the damaged artifact"
step "restore (damaged)" 2 Deploy/ci/ci.sh restore
[ ! -e "$CI_OUT/baseline/nightly.json" ] || fail "a bundle that failed its check was left in place"
step "gate (no bundle)" 2 Deploy/ci/ci.sh gate

say "all CI steps behaved as the workflows expect"
