#!/usr/bin/env bash
# The shell steps of the CI workflows in this folder, one subcommand per step, so that a step
# runs the same on a GitHub runner and on a developer's machine (Deploy/ci/run-locally.sh).
#
#   ci.sh cache-keys  the keys of the three caches, as `name=key` lines (for $GITHUB_OUTPUT):
#                   tool  = the Swift toolchain, Package.resolved, Package.swift, Sources/, Migrations/
#                   deps  = the Swift toolchain and Package.resolved (the .build folder)
#                   image = the sandbox image's definition (build_image in Scripts/setup.sh)
#   ci.sh setup     the engine (Scripts/setup.sh), the sandbox image — loaded from $CI_CACHE/image
#                   when it holds the image of this definition, else built and saved there —, and
#                   sandbox-bench in release mode: copied from $CI_CACHE/bin when it holds the build
#                   of these sources, else built (with --force-resolved-versions) and saved there;
#                   skipped when $SANDBOX_BENCH names a binary
#   ci.sh restore   the baseline bundle: the nightly job's artifact when one was downloaded into
#                   $CI_DOWNLOADED, else the bundle committed as Deploy/ci/baseline/nightly.json;
#                   checked (format, version) and copied to $CI_OUT/baseline/nightly.json. When there
#                   is none at all (the first pull request, before any nightly run): "no baseline
#                   yet" in $GITHUB_STEP_SUMMARY, `baseline=none` in $GITHUB_OUTPUT, exit 0
#   ci.sh gate      runs the suite into a fresh database and gates it against the bundle
#                   (`run --gate --baseline-file`): JUnit, Markdown, $GITHUB_STEP_SUMMARY, report;
#                   after a restore that found no baseline yet, gates by the rules that need none
#                   (parallel efficiency, cleanup failures, containers left, isolation) and says so
#   ci.sh nightly   runs the suite, gates it against the previous bundle when there is one, and,
#                   when it passed, exports the run as the new bundle ($CI_OUT/bundle/nightly.json)
#
# The exit code is sandbox-bench's: 0 passed, 1 regression, 2 bad input, 3 environment, 4 suite
# failure. Of restore: 0 a bundle restored, or no baseline yet (said in the job summary); 2 a bundle
# that fails its check (nothing is put in place), or no baseline while CI_REQUIRE_BASELINE=1.
# Of gate: 2 when restore did not run or refused the bundle.
#
# Environment:
#   SANDBOX_BENCH       the binary (default: .build/release/sandbox-bench, built by `setup`)
#   CI_OUT              where everything is written (default: $RUNNER_TEMP/sandbox-bench, else ./ci-out)
#   CI_DOWNLOADED       folder the nightly artifact was downloaded into (default: ./ci-downloaded)
#   CI_SUITE            suite of the gate and of the nightly run (default: full)
#   CI_TESTBED          testbed of CI runs: nightly and gate runs must share it (default: github-actions)
#   CI_CONFIG           rules file (default: Deploy/ci/gate.json)
#   CI_RUN_OPTIONS      extra options of `run`, e.g. profile options (default: none)
#   CI_CACHE            the folder the workflow's caches restore and save (default: ./ci-cache)
#   CI_REQUIRE_BASELINE 1: no baseline bundle at all is an error (exit 2), as before any nightly
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
NO_BASELINE="$OUT/baseline/none"
CACHE="${CI_CACHE:-$PWD/ci-cache}"
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

swift_version() {
  command -v swift >/dev/null 2>&1 || export PATH="$PATH:/opt/swift/usr/bin"
  swift --version 2>/dev/null | head -1
}

# sha256 over the named text and the tracked files under the paths given.
digest() {
  local text=$1
  shift
  {
    printf '%s\n' "$text"
    [ $# -eq 0 ] || git ls-files -z -- "$@" | LC_ALL=C sort -z | xargs -0 sha256sum
  } | sha256sum | cut -c1-32
}

tool_key() { echo "tool-$(digest "$(swift_version)" Package.resolved Package.swift Sources Migrations)"; }
deps_key() { echo "deps-$(digest "$(swift_version)" Package.resolved)"; }
image_key() {
  echo "image-$(digest "${SANDBOX_BENCH_IMAGE:-sandbox-bench/python:bookworm} $(sed -n '/^build_image()/,/^}/p' Scripts/setup.sh)")"
}

cache_keys() {
  echo "tool=$(tool_key)"
  echo "deps=$(deps_key)"
  echo "image=$(image_key)"
}

sandbox_image() {
  local image="${SANDBOX_BENCH_IMAGE:-sandbox-bench/python:bookworm}" saved
  saved="$CACHE/image/$(image_key).tar"
  if ! docker image inspect "$image" >/dev/null 2>&1 && [ -f "$saved" ]; then
    docker load -q -i "$saved" >/dev/null && say "sandbox image loaded from the cache ($saved)"
  fi
  Scripts/setup.sh image
  if [ ! -f "$saved" ]; then
    mkdir -p "$CACHE/image"
    rm -f "$CACHE/image"/image-*.tar
    docker save -o "$saved.tmp" "$image" && mv "$saved.tmp" "$saved"
    say "sandbox image saved to the cache ($saved)"
  fi
}

build_tool() {
  local cached
  cached="$CACHE/bin/$(tool_key)/sandbox-bench"
  mkdir -p .build/release
  if [ -x "$cached" ]; then
    cp "$cached" .build/release/sandbox-bench
    say "sandbox-bench of these sources from the cache ($cached)"
    return
  fi
  swift build -c release --force-resolved-versions --product sandbox-bench
  mkdir -p "$(dirname "$cached")"
  rm -rf "$CACHE/bin"/tool-*
  mkdir -p "$(dirname "$cached")"
  cp "$(swift build -c release --show-bin-path)/sandbox-bench" "$cached"
  say "sandbox-bench saved to the cache ($cached)"
}

setup() {
  Scripts/setup.sh packages engine
  sandbox_image
  [ -n "${SANDBOX_BENCH:-}" ] || build_tool
  tool --version
}

summary() { [ -z "${GITHUB_STEP_SUMMARY:-}" ] || printf '%s\n' "$@" >>"$GITHUB_STEP_SUMMARY"; }
output() { [ -z "${GITHUB_OUTPUT:-}" ] || printf '%s\n' "$@" >>"$GITHUB_OUTPUT"; }

restore() {
  local source
  rm -f "$NO_BASELINE"
  if [ -f "$DOWNLOADED/nightly.json" ]; then
    source="$DOWNLOADED/nightly.json"
  elif [ -f "$COMMITTED" ]; then
    source="$COMMITTED"
  else
    local how="the nightly workflow uploads one when it passes (run it once by hand: workflow_dispatch), or commit $COMMITTED (\`sandbox-bench baseline export NAME -o $COMMITTED\`)"
    [ "${CI_REQUIRE_BASELINE:-0}" != 1 ] || die 2 "no baseline bundle: $how"
    mkdir -p "$(dirname "$NO_BASELINE")"
    rm -f "$BUNDLE"
    : >"$NO_BASELINE"
    summary "## sandbox-bench: no baseline yet" "" \
      "No nightly run has made a baseline bundle yet, so this run is gated only by the rules that need no baseline (parallel efficiency, cleanup failures, containers left behind, isolation); the comparison with a baseline starts once one exists: $how." ""
    output baseline=none
    say "no baseline yet: the gate checks the rules that need none ($how)"
    return 0
  fi
  # Importing into a throw-away database checks the file as the gate will read it, before it is
  # put in place: a bundle that fails the check must not stay behind for the nightly to trip on.
  tool baseline import "$source" --db "$(fresh_database bundle-check)" >&2
  mkdir -p "$(dirname "$BUNDLE")"
  cp "$source" "$BUNDLE.tmp" && mv "$BUNDLE.tmp" "$BUNDLE"
  output "baseline=$([ "$source" = "$COMMITTED" ] && echo committed || echo nightly)"
  say "baseline bundle: $source"
}

gate() {
  local db against=()
  if [ -f "$BUNDLE" ]; then
    against=(--baseline-file "$BUNDLE")
  elif [ -f "$NO_BASELINE" ]; then
    say "no baseline yet: gating by the rules that need none"
  else
    die 2 "no baseline bundle at $BUNDLE; run \`Deploy/ci/ci.sh restore\` first"
  fi
  db=$(fresh_database gate)
  tool run --db "$db" --suite "$SUITE" --testbed "$TESTBED" --config "$CONFIG" "${RUN_OPTIONS[@]}" \
    --out "$OUT/reports" --gate "${against[@]}" --junit "$OUT/junit.xml" --markdown "$OUT/gate.md"
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
  cache-keys) cache_keys ;;
  *) die 2 "usage: Deploy/ci/ci.sh cache-keys|setup|restore|gate|nightly" ;;
esac
