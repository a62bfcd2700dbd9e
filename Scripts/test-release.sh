#!/usr/bin/env bash
# Tests the release as a user gets it, once each (.ci/run calls it after Scripts/test.sh):
#
#   1. Scripts/release.sh makes the archive (a release build: the slow part, minutes on 2 cores;
#      skipped with RELEASE_ARCHIVE=PATH).
#   2. The archive on a Debian root that has only libsqlite3 added (sandbox-bench/debian:bookworm-sqlite,
#      a container with no network): Deploy/install.sh --tool-only refuses a damaged copy, installs
#      the archive, and the binary — no Swift runtime on that root — runs a suite against the engine
#      into a new SQLite database, has its man page and completions.
#   3. The image: built from the Dockerfile with `docker build --network none` on the locally made
#      base images, at most 150 MB, run as the README says (the engine socket and the current folder
#      mounted): a run lands in the mounted folder's database, `runs list` reads it back, no
#      container is left behind.
#
# Makes the Debian base images when missing (Deploy/docker/make-base-images.sh: debootstrap, needs
# root, about a minute).
# Environment: DOCKER_HOST (the engine; default its usual socket), RELEASE_ARCHIVE, IMAGE_LIMIT_MB.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null 2>&1 || export PATH="$PATH:/opt/swift/usr/bin"

DEBIAN_IMAGE=sandbox-bench/debian:bookworm-sqlite
RUNTIME_IMAGE=sandbox-bench/debian-runtime:bookworm
BUILDER_IMAGE=sandbox-bench/swift-builder:bookworm
SOCKET="${DOCKER_HOST:-unix:///var/run/docker.sock}"
SOCKET="${SOCKET#unix://}"
LIMIT_MB="${IMAGE_LIMIT_MB:-150}"
# The specs the end-to-end runs measure: one lifecycle spec is enough to cross every layer.
RUN_OPTIONS=(--suite quick --spec creation --iterations 3 --testbed release-test)

say() { printf '\ntest-release: %s\n' "$*" >&2; }
fail() { printf 'test-release: FAILED: %s\n' "$*" >&2; exit 1; }
started=$(date +%s)
work=$(mktemp -d /tmp/sandbox-bench-release.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ -n "${RELEASE_ARCHIVE:-}" ]; then
  archive=$(realpath "$RELEASE_ARCHIVE")
else
  say "release archive (Scripts/release.sh)"
  archive=$(realpath "$(Scripts/release.sh)")
fi
say "archive $archive: $(du -h "$archive" | cut -f1), made in $(( $(date +%s) - started )) s"
version=$(tar -xzOf "$archive" --wildcards '*/bin/sandbox-bench' >"$work/probe" && chmod +x "$work/probe" && "$work/probe" --version)

Deploy/docker/make-base-images.sh debian runtime
# The builder stage only checks and unpacks the archive given in the context: the Swift builder
# image when this machine has made it (make-base-images.sh builder: 3.9 GB, about 2 minutes),
# else the runtime base, which has what that takes (tar, sha256sum, bash).
docker image inspect "$BUILDER_IMAGE" >/dev/null 2>&1 || BUILDER_IMAGE=$RUNTIME_IMAGE

say "the archive on a Debian root with only libsqlite3 added"
mkdir -p "$work/dist" "$work/damaged"
cp "$archive" "$archive.sha256" "$work/dist/"
# Every mounted path is under $work: the engine resolves it in its own view of the file system.
cp Deploy/install.sh "$work/install.sh"
# A damaged copy: one byte of the archive changed, its checksum file as published.
cp "$archive" "$archive.sha256" "$work/damaged/"
printf 'X' | dd of="$work/damaged/$(basename "$archive")" bs=1 seek=4096 conv=notrunc status=none
docker run --rm --network none -e VERSION="$version" -e ARCHIVE="$(basename "$archive")" \
  -v "$work/dist:/dist:ro" -v "$work/damaged:/damaged:ro" -v "$work/install.sh:/install.sh:ro" \
  -v "$SOCKET:/var/run/docker.sock" "$DEBIAN_IMAGE" bash -euo pipefail -c '
    fail() { echo "in the Debian root: FAILED: $*" >&2; exit 1; }
    ! ls /usr/lib/swift /usr/lib/x86_64-linux-gnu/libswiftCore.so >/dev/null 2>&1 || fail "this root has a Swift runtime"
    status=0; /install.sh --tool-only "/damaged/$ARCHIVE" 2>/tmp/damaged.err || status=$?
    [ "$status" -eq 2 ] || fail "a damaged archive was installed (exit $status)"
    grep -q "does not match its checksum" /tmp/damaged.err || fail "the refusal does not say why: $(cat /tmp/damaged.err)"
    [ ! -e /usr/local/bin/sandbox-bench ] || fail "the damaged archive left a binary behind"
    /install.sh --tool-only "/dist/$ARCHIVE"
    [ "$(sandbox-bench --version)" = "$VERSION" ] || fail "version $(sandbox-bench --version), not $VERSION"
    grep -q "^\.Dt SANDBOX-BENCH 1" /usr/local/share/man/man1/sandbox-bench.1 || fail "no man page (mdoc, section 1)"
    grep -q "baseline" /usr/local/share/man/man1/sandbox-bench.1 || fail "the man page lacks the subcommands"
    bash -c "source /usr/local/share/bash-completion/completions/sandbox-bench && complete -p sandbox-bench" >/dev/null \
      || fail "the bash completion does not load"
    [ -s /usr/local/share/zsh/site-functions/_sandbox-bench ] && [ -s /usr/local/share/fish/vendor_completions.d/sandbox-bench.fish ] \
      || fail "zsh or fish completion missing"
    sandbox-bench run --db /tmp/results.sqlite '"${RUN_OPTIONS[*]}"' --quiet
    sandbox-bench runs list --db /tmp/results.sqlite | grep -q completed || fail "the run is not listed as completed"
    echo "archive on Debian: $(sandbox-bench --version) ran a suite; libraries: $(ldd /usr/local/bin/sandbox-bench | awk "{print \$1}" | tr "\n" " ")"
  ' || fail "the archive on the Debian root"

say "the image (docker build --network none, base images made here)"
tag="sandbox-bench:$version"
context="$work/context"
# The committed files only (a working tree's build folders and other archives stay out).
mkdir -p "$context" && git ls-files -z | xargs -0 cp --parents -t "$context"
mkdir -p "$context/dist" && cp "$archive" "$archive.sha256" "$context/dist/"
image_started=$(date +%s)
docker build -q --network none --build-arg BUILDER_IMAGE="$BUILDER_IMAGE" --build-arg RUNTIME_IMAGE="$RUNTIME_IMAGE" \
  -t "$tag" "$context" >/dev/null || fail "docker build"
size=$(docker image inspect --format '{{.Size}}' "$tag")
say "image $tag: $(( size / 1000000 )) MB, built in $(( $(date +%s) - image_started )) s"
[ "$size" -le $(( LIMIT_MB * 1000000 )) ] || fail "the image is $(( size / 1000000 )) MB, more than $LIMIT_MB MB"

data="$work/data"
mkdir -p "$data"
(
  cd "$data"
  docker run --rm --network none -v "$SOCKET:/var/run/docker.sock" -v "$PWD:/data" "$tag" run "${RUN_OPTIONS[@]}" --quiet \
    || fail "the image's run exited $?"
  [ -s sandbox-bench/results.sqlite ] || fail "no database in the mounted folder (sandbox-bench/results.sqlite)"
  listed=$(docker run --rm --network none -v "$PWD:/data" "$tag" runs list)
  grep -q completed <<<"$listed" || fail "runs list in the image does not show the completed run: $listed"
)
leftovers=$(docker ps -aq --filter label=sandbox-bench.owner)
[ -z "$leftovers" ] || fail "containers left behind: $leftovers"
docker image rm -f "$tag" >/dev/null
say "passed in $(( $(date +%s) - started )) s (archive $(du -h "$archive" | cut -f1), image $(( size / 1000000 )) MB)"
