#!/usr/bin/env bash
# The shell steps of the CI workflows in this folder, one subcommand per step, so that a step
# runs the same on a GitHub runner and on a developer's machine (Deploy/ci/run-locally.sh).
#
#   ci.sh setup     the engine and the sandbox image (Scripts/setup.sh), and sandbox-bench built
#                   in release mode (skipped when $SANDBOX_BENCH names a binary)
#   ci.sh restore   the baseline bundle: the nightly job's artifact when one was downloaded into
#                   $CI_DOWNLOADED, else the bundle committed as Deploy/ci/baseline/nightly.json;
#                   checked (format, version) and copied to $CI_OUT/baseline/nightly.json
#   ci.sh gate      runs the suite into a fresh database and gates it against the bundle
#                   (`run --gate --baseline-file`): JUnit, Markdown, $GITHUB_STEP_SUMMARY, report
#   ci.sh nightly   runs the suite, gates it against the previous bundle when there is one, and,
#                   when it passed, exports the run as the new bundle ($CI_OUT/bundle/nightly.json)
#
# The exit code is sandbox-bench's: 0 passed, 1 regression, 2 bad input (no bundle), 3 environment,
# 4 suite failure.
#
# Environment:
#   SANDBOX_BENCH       the binary (default: .build/release/sandbox-bench, built by `setup`)
#   CI_OUT              where everything is written (default: $RUNNER_TEMP/sandbox-bench, else ./ci-out)
#   CI_DOWNLOADED       folder the nightly artifact was downloaded into (default: ./ci-downloaded)
#   CI_SUITE            suite of the gate and of the nightly run (default: full)
#   CI_TESTBED          testbed of CI runs: nightly and gate runs must share it (default: github-actions)
#   CI_CONFIG           rules file (default: Deploy/ci/gate.json)
#   CI_RUN_OPTIONS      extra options of `run`, e.g. profile options (default: none)
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT="${CI_OUT:-${RUNNER_TEMP:+$RUNNER_TEMP/sandbox-bench}}"
OUT="${OUT:-$PWD/ci-out}"
DOWNLOADED="${CI_DOWNLOADED:-$PWD/ci-downloaded}"
SUITE="${CI_SUITE:-full}"
TESTBED="${CI_TESTBED:-github-actions}"
CONFIG="${CI_CONFIG:-Deploy/ci/gate.json}"
COMMITTED=Deploy/ci/baseline/nightly.json
BUNDLE="$OUT/baseline/nightly.json"
read -r -a RUN_OPTIONS <<< "${CI_RUN_OPTIONS:-}"

say() { printf 'ci: %s\n' "$*" >&2; }
die() { local code=$1; shift; printf 'ci: error: %s\n' "$*" >&2; exit "$code"; }

tool() {
  local binary="${SANDBOX_BENCH:-.build/release/sandbox-bench}"
  [ -x "$binary" ] || die 3 "no sandbox-bench at $binary; run \`Deploy/ci/ci.sh setup\` or set SANDBOX_BENCH"
  "$binary" "$@"
}

# A fresh database for each step: a CI runner has no history; the bundle is the history.
fresh_database() {
  mkdir -p "$OUT"
  rm -f "$OUT/$1.sqlite"
  echo "$OUT/$1.sqlite"
}

setup() {
  Scripts/setup.sh
  if [ -z "${SANDBOX_BENCH:-}" ]; then
    command -v swift >/dev/null 2>&1 || export PATH="$PATH:/opt/swift/usr/bin"
    swift build -c release --force-resolved-versions --product sandbox-bench
  fi
  tool --version
}

restore() {
  local source
  if [ -f "$DOWNLOADED/nightly.json" ]; then
    source="$DOWNLOADED/nightly.json"
  elif [ -f "$COMMITTED" ]; then
    source="$COMMITTED"
  else
    die 2 "no baseline bundle: run the nightly workflow once (it uploads one), or commit $COMMITTED (\`sandbox-bench baseline export NAME -o $COMMITTED\`)"
  fi
  # Importing into a throw-away database checks the file as the gate will read it, before it is
  # put in place: a bundle that fails the check must not stay behind for the nightly to trip on.
  tool baseline import "$source" --db "$(fresh_database bundle-check)" >&2
  mkdir -p "$(dirname "$BUNDLE")"
  cp "$source" "$BUNDLE.tmp" && mv "$BUNDLE.tmp" "$BUNDLE"
  say "baseline bundle: $source"
}

gate() {
  [ -f "$BUNDLE" ] || die 2 "no baseline bundle at $BUNDLE; run \`Deploy/ci/ci.sh restore\` first"
  local db
  db=$(fresh_database gate)
  tool run --db "$db" --suite "$SUITE" --testbed "$TESTBED" --config "$CONFIG" "${RUN_OPTIONS[@]}" \
    --out "$OUT/reports" --gate --baseline-file "$BUNDLE" --junit "$OUT/junit.xml" --markdown "$OUT/gate.md"
}

nightly() {
  local db previous=() status=0
  db=$(fresh_database nightly)
  [ -f "$BUNDLE" ] && previous=(--baseline-file "$BUNDLE")
  tool run --db "$db" --suite "$SUITE" --testbed "$TESTBED" --config "$CONFIG" "${RUN_OPTIONS[@]}" \
    --out "$OUT/reports" --gate "${previous[@]}" --junit "$OUT/junit.xml" --markdown "$OUT/gate.md" || status=$?
  if [ "$status" -ne 0 ]; then
    say "the nightly run did not pass (exit $status): the bundle is not refreshed"
    return "$status"
  fi
  mkdir -p "$OUT/bundle"
  tool baseline export latest --db "$db" --testbed "$TESTBED" -o "$OUT/bundle/nightly.json"
}

case "${1:-}" in
  setup | restore | gate | nightly) "$1" ;;
  *) die 2 "usage: Deploy/ci/ci.sh setup|restore|gate|nightly" ;;
esac
