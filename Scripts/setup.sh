#!/usr/bin/env bash
# Prepares a Debian machine for sandbox-bench. Idempotent: every step checks first and
# does nothing when its result is already there, so it is safe to run again and again.
#
#   1. installs docker.io, debootstrap, libsqlite3-dev and postgresql (the server the PostgreSQL
#      backend's tests start throw-away clusters of) from Debian packages when missing;
#   2. starts the Docker engine when no daemon answers on the socket, always with
#      --bridge=none --iptables=false --ip-forward=false (no Docker network ever exists);
#   3. builds the default sandbox image from Debian packages when its tag is missing.
#
# Usage: Scripts/setup.sh [options] [packages] [engine] [image]   (default: all three, in this order)
#
# Options (off by default):
#   --with-gvisor     also installs gVisor (Debian's runsc package) and registers it with the
#                     engine as the runtime "runsc" (--network=none --platform=ptrace): merged into
#                     the engine's daemon.json, every other key kept, the engine reloaded (SIGHUP),
#                     and `docker info` checked to list it. Nothing changes when it is there already.
#   --install-gvisor  installs the runsc package only (what the test suite needs: its gVisor tests
#                     register runsc with a private engine of their own).
#   --merge-gvisor-config
#                     only merges runsc into $SANDBOX_BENCH_DAEMON_JSON and exits (for tests).
# With --install-gvisor or --with-gvisor, runsc is installed with the packages step and (for
# --with-gvisor) registered after the engine step.
#
# Environment:
#   SANDBOX_BENCH_IMAGE   tag of the sandbox image (default sandbox-bench/python:bookworm)
#   DOCKER_HOST           unix:///path of the engine socket (default unix:///var/run/docker.sock)
#   DOCKERD_LOG           where dockerd logs (default /var/log/sandbox-bench-dockerd.log)
#   DEBIAN_MIRROR         Debian mirror for debootstrap (default: read from the apt sources)
#   SANDBOX_BENCH_DAEMON_JSON  the engine's configuration file --with-gvisor merges into
#                         (default /etc/docker/daemon.json)
set -euo pipefail

GVISOR=none
STEPS=()
for argument in "$@"; do
  case "$argument" in
    --with-gvisor) GVISOR=register ;;
    --install-gvisor) [ "$GVISOR" = register ] || GVISOR=install ;;
    --merge-gvisor-config) GVISOR=merge-only ;;
    packages | engine | image) STEPS+=("$argument") ;;
    *)
      printf 'setup: error: unknown argument %s (steps: packages, engine, image; ' "$argument" >&2
      printf 'options: --with-gvisor, --install-gvisor)\n' >&2
      exit 2
      ;;
  esac
done
[ ${#STEPS[@]} -gt 0 ] || STEPS=(packages engine image)
DAEMON_JSON="${SANDBOX_BENCH_DAEMON_JSON:-/etc/docker/daemon.json}"

IMAGE="${SANDBOX_BENCH_IMAGE:-sandbox-bench/python:bookworm}"
SOCKET="${DOCKER_HOST:-unix:///var/run/docker.sock}"
SOCKET="${SOCKET#unix://}"
DOCKERD_LOG="${DOCKERD_LOG:-/var/log/sandbox-bench-dockerd.log}"
# The Debian client, which matches the Debian daemon; another client earlier on PATH may be newer.
DOCKER=/usr/bin/docker

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
  local missing=()
  [ -x /usr/sbin/dockerd ] || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
  [ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
  command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v pgrep >/dev/null 2>&1 || missing+=(procps)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -eq 0 ]; then
    say "packages present (docker.io, debootstrap, libsqlite3-dev, sqlite3, curl, procps, postgresql)"
    return
  fi
  say "installing ${missing[*]}"
  # The PostgreSQL package would create and start a system-wide cluster; the tests start their
  # own throw-away ones, so neither the cluster nor any service start is wanted here.
  local policy_added=0
  if [[ " ${missing[*]} " == *" postgresql "* ]]; then
    as_root mkdir -p /etc/postgresql-common
    [ -f /etc/postgresql-common/createcluster.conf ] \
      || echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
      as_root chmod 755 /usr/sbin/policy-rc.d
      policy_added=1
    fi
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  [ "$policy_added" -eq 0 ] || as_root rm -f /usr/sbin/policy-rc.d
}

engine_answers() {
  curl -sf --max-time 2 --unix-socket "$SOCKET" http://localhost/_ping >/dev/null 2>&1
}

# Is a dockerd already running for $SOCKET? One started with -H/--host naming it or, for the
# default socket, one started without any -H: other engines on this machine (private ones on
# sockets of their own) must neither be waited for nor stop this one from starting.
dockerd_serves_socket() {
  local pid args
  for pid in $(pgrep -x dockerd 2>/dev/null); do
    args=" $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) "
    case "$args" in
      *" -H unix://$SOCKET "* | *" --host unix://$SOCKET "* | *" -H=unix://$SOCKET "* | *" --host=unix://$SOCKET "*)
        return 0 ;;
    esac
    if [ "$SOCKET" = /var/run/docker.sock ] && ! grep -qE ' (-H|--host)[ =]' <<<"$args"; then return 0; fi
  done
  return 1
}

start_engine() {
  if engine_answers; then
    say "engine answers on $SOCKET"
    return
  fi
  if dockerd_serves_socket; then
    say "a dockerd process serving $SOCKET exists but does not answer yet; waiting for it"
  else
    say "starting dockerd (--bridge=none --iptables=false --ip-forward=false), log: $DOCKERD_LOG"
    as_root mkdir -p "$(dirname "$DOCKERD_LOG")"
    # setsid: the daemon must outlive this script and its terminal.
    # The log is opened by root too: /var/log is not writable by a user running this with sudo.
    # The background job must not hold this script's stdout either, or a caller reading it never
    # sees its end; and it is sh itself (not a subshell running a function) so that nothing but
    # dockerd stays behind.
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" sh -c 'exec setsid /usr/sbin/dockerd --bridge=none --iptables=false --ip-forward=false \
      --host "unix://$1" >>"$2" 2>&1 < /dev/null' sh "$SOCKET" "$DOCKERD_LOG" > /dev/null 2>&1 < /dev/null &
  fi
  for _ in $(seq 1 60); do
    engine_answers && { say "engine is up"; return; }
    sleep 1
  done
  die "the Docker engine did not answer on $SOCKET within 60 s; see $DOCKERD_LOG"
}

# The Debian mirror of the apt sources configured here (or $DEBIAN_MIRROR).
debian_mirror() {
  "$(dirname "${BASH_SOURCE[0]}")/debian-mirror.sh"
}

build_image() {
  if $DOCKER -H "unix://$SOCKET" image inspect "$IMAGE" >/dev/null 2>&1; then
    say "image $IMAGE present"
    return
  fi
  local mirror rootfs
  mirror=$(debian_mirror) || die "no Debian bookworm mirror found in /etc/apt/sources.list.d/ or /etc/apt/sources.list; set DEBIAN_MIRROR"
  rootfs=$(mktemp -d /var/tmp/sandbox-bench-rootfs.XXXXXX)
  trap 'as_root rm -rf "$rootfs"' EXIT
  say "building $IMAGE with debootstrap (minbase bookworm + python3, numpy, pandas) from the configured mirror; about 75 s"
  as_root debootstrap --variant=minbase --include=python3,python3-numpy,python3-pandas \
    bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 \
    || { tail -20 "$rootfs.log" >&2; die "debootstrap failed; full log in $rootfs.log"; }
  rm -f "$rootfs.log"
  as_root ln -sf python3 "$rootfs/usr/bin/python"
  grep -q '^sandbox:' "$rootfs/etc/passwd" \
    || echo 'sandbox:x:1000:1000:sandbox-bench:/tmp:/usr/sbin/nologin' | as_root tee -a "$rootfs/etc/passwd" >/dev/null
  grep -q '^sandbox:' "$rootfs/etc/group" \
    || echo 'sandbox:x:1000:' | as_root tee -a "$rootfs/etc/group" >/dev/null
  # Nothing in the image needs apt's caches or the docs; a smaller image starts no slower.
  as_root rm -rf "$rootfs/var/cache/apt/archives"/*.deb "$rootfs/var/lib/apt/lists"/* \
    "$rootfs/usr/share/doc" "$rootfs/usr/share/man"
  as_root tar -C "$rootfs" -c . | $DOCKER -H "unix://$SOCKET" import \
    --change 'USER 1000:1000' --change 'WORKDIR /tmp' --change 'CMD ["python3"]' - "$IMAGE" >/dev/null
  as_root rm -rf "$rootfs"
  trap - EXIT
  say "image $IMAGE built"
}

# Adds the runtime "runsc" to the engine's configuration file, keeping every other key (and every
# other runtime) as it is; writes nothing when runsc is registered already. Prints "changed" or
# "unchanged". python3 (Debian's python3-minimal) reads and writes the JSON: a shell edit of JSON
# would be a parser of our own.
merge_gvisor_config() {
  as_root python3 - "$DAEMON_JSON" <<'PY'
import json, os, sys, tempfile
path = sys.argv[1]
wanted = {"path": "/usr/bin/runsc", "runtimeArgs": ["--network=none", "--platform=ptrace"]}
try:
    with open(path) as f:
        text = f.read()
except FileNotFoundError:
    text = ""
config = json.loads(text) if text.strip() else {}
if not isinstance(config, dict):
    sys.exit("setup: error: %s is not a JSON object" % path)
runtimes = config.setdefault("runtimes", {})
if not isinstance(runtimes, dict):
    sys.exit("setup: error: \"runtimes\" in %s is not an object" % path)
if runtimes.get("runsc") == wanted:
    print("unchanged")
    sys.exit(0)
if "runsc" in runtimes:
    sys.exit("setup: error: %s registers another runsc already: %s; remove it or make it %s"
             % (path, json.dumps(runtimes["runsc"]), json.dumps(wanted)))
runtimes["runsc"] = wanted
folder = os.path.dirname(os.path.abspath(path))
os.makedirs(folder, exist_ok=True)
fd, temporary = tempfile.mkstemp(dir=folder, prefix=".daemon.json.")
with os.fdopen(fd, "w") as f:
    json.dump(config, f, indent=2, sort_keys=True)
    f.write("\n")
if os.path.exists(path):
    os.chmod(temporary, os.stat(path).st_mode & 0o777)
else:
    os.chmod(temporary, 0o644)
os.replace(temporary, path)
print("changed")
PY
}

engine_lists_gvisor() {
  "$DOCKER" -H "unix://$SOCKET" info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc"'
}

install_gvisor() {
  [ -x /usr/bin/runsc ] && command -v python3 >/dev/null 2>&1 && return
  say "installing runsc (gVisor) from Debian packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends runsc python3-minimal >/dev/null
}

register_gvisor() {
  if engine_lists_gvisor; then
    say "runsc is registered with the engine already"
    return
  fi
  local outcome
  outcome=$(merge_gvisor_config)
  say "runsc $outcome in $DAEMON_JSON"
  local pid
  pid=$(as_root cat /var/run/docker.pid 2>/dev/null || pgrep -xo dockerd || true)
  [ -n "$pid" ] || die "no dockerd to reload; start it again with --config-file $DAEMON_JSON"
  as_root kill -HUP "$pid"
  for _ in $(seq 30); do engine_lists_gvisor && { say "the engine lists runsc"; return; }; sleep 1; done
  die "the engine does not list runsc after a reload; does it read $DAEMON_JSON (dockerd --config-file)? see $DOCKERD_LOG"
}

if [ "$GVISOR" = merge-only ]; then
  merge_gvisor_config
  exit 0
fi
# Steps: every one by default; `Scripts/setup.sh packages engine` leaves the image to the caller
# (Deploy/ci/ci.sh loads it from its cache first).
for step in "${STEPS[@]}"; do
  case "$step" in
    packages)
      install_packages
      [ "$GVISOR" = none ] || install_gvisor
      ;;
    engine)
      start_engine
      [ "$GVISOR" != register ] || register_gvisor
      ;;
    image) build_image ;;
  esac
done
