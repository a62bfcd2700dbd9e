#!/usr/bin/env bash
# Makes, on a machine that reaches a Debian mirror but no image registry, the base images the
# Dockerfile and the release tests use, from Debian packages (debootstrap, the mirror apt is
# configured with: Scripts/debian-mirror.sh) imported with `docker import`. Each image is made only
# when its tag is missing. Needs root (debootstrap, chroot, a bind mount).
#
#   sandbox-bench/debian:bookworm-sqlite      Debian bookworm minbase with libsqlite3-0 added, and
#                                             nothing else: the root the release archive's binary
#                                             is tested on (Scripts/test-release.sh)
#   sandbox-bench/debian-runtime:bookworm     the same with ca-certificates: the Dockerfile's
#                                             RUNTIME_IMAGE (public: debian:bookworm-slim)
#   sandbox-bench/swift-builder:bookworm      Debian bookworm with the Swift toolchain of this
#                                             machine (/opt/swift) and what it builds with: the
#                                             Dockerfile's BUILDER_IMAGE (public: swift:6.3-bookworm)
#
# Usage: Deploy/docker/make-base-images.sh [debian|runtime|builder]...   (default: all three)
# Environment: DOCKER_HOST (the engine), SWIFT_TOOLCHAIN (default /opt/swift), DEBIAN_MIRROR.
set -euo pipefail
cd "$(dirname "$0")/../.."

DEBIAN_IMAGE="${SANDBOX_BENCH_DEBIAN_IMAGE:-sandbox-bench/debian:bookworm-sqlite}"
RUNTIME_IMAGE="${SANDBOX_BENCH_RUNTIME_IMAGE:-sandbox-bench/debian-runtime:bookworm}"
BUILDER_IMAGE="${SANDBOX_BENCH_BUILDER_IMAGE:-sandbox-bench/swift-builder:bookworm}"
TOOLCHAIN="${SWIFT_TOOLCHAIN:-/opt/swift}"
# What the Swift toolchain needs at build time on bookworm (the packages swift:6.3-bookworm has),
# and libsqlite3-dev for this project's CSQLite.
BUILDER_PACKAGES=binutils,ca-certificates,git,libc6-dev,libcurl4,libedit2,libgcc-12-dev,libicu72,libncurses6
BUILDER_PACKAGES+=,libpython3.11,libsqlite3-dev,libstdc++-12-dev,libxml2,libz3-4,pkg-config,tzdata,zlib1g-dev

say() { printf 'make-base-images: %s\n' "$*" >&2; }
die() { printf 'make-base-images: error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap and chroot need it)"
mirror=$(Scripts/debian-mirror.sh) || die "no Debian bookworm mirror in the apt sources; set DEBIAN_MIRROR"
work=$(mktemp -d /var/tmp/sandbox-bench-base.XXXXXX)
cleanup() {
  mountpoint -q "$work/builder$TOOLCHAIN" 2>/dev/null && umount "$work/builder$TOOLCHAIN"
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

present() { docker image inspect "$1" >/dev/null 2>&1; }

# debootstrap ROOT PACKAGES: a minbase bookworm root, apt's caches and the docs removed.
bootstrap() {
  local root=$1 packages=$2
  say "debootstrap minbase bookworm + $packages from $mirror"
  debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" >"$root.log" 2>&1 \
    || { tail -20 "$root.log" >&2; die "debootstrap failed"; }
  # As debian:bookworm-slim drops them: the translations (about 33 MB), the docs, the manuals.
  rm -rf "$root/var/cache/apt/archives"/*.deb "$root/var/lib/apt/lists"/* "$root/usr/share/doc" \
    "$root/usr/share/man" "$root/usr/share/info" "$root/usr/share/locale"/*
}

import() {  # import ROOT TAG CHANGE...
  local root=$1 tag=$2
  shift 2
  local changes=()
  for change in "$@"; do changes+=(--change "$change"); done
  tar -C "$root" -c . | docker import "${changes[@]}" - "$tag" >/dev/null
  say "$tag: $(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1 / 1e6}')"
}

debian_and_runtime() {
  if present "$DEBIAN_IMAGE" && present "$RUNTIME_IMAGE"; then
    say "$DEBIAN_IMAGE and $RUNTIME_IMAGE present"
    return
  fi
  local root="$work/debian"
  bootstrap "$root" libsqlite3-0,ca-certificates
  present "$RUNTIME_IMAGE" || import "$root" "$RUNTIME_IMAGE" 'CMD ["bash"]'
  # The test root has libsqlite3 and nothing else beyond minbase: the CA certificates go again.
  chroot "$root" dpkg --purge ca-certificates openssl >/dev/null
  chroot "$root" dpkg --purge libssl3 >/dev/null 2>&1 || true
  present "$DEBIAN_IMAGE" || import "$root" "$DEBIAN_IMAGE" 'CMD ["bash"]'
}

builder() {
  if present "$BUILDER_IMAGE"; then
    say "$BUILDER_IMAGE present"
    return
  fi
  [ -x "$TOOLCHAIN/usr/bin/swift" ] || die "no Swift toolchain at $TOOLCHAIN (set SWIFT_TOOLCHAIN)"
  local root="$work/builder"
  bootstrap "$root" "$BUILDER_PACKAGES"
  mkdir -p "$root$TOOLCHAIN"
  mount --bind "$TOOLCHAIN" "$root$TOOLCHAIN"
  say "importing with the toolchain of $TOOLCHAIN ($(du -sh "$TOOLCHAIN" | cut -f1))"
  import "$root" "$BUILDER_IMAGE" "ENV PATH=$TOOLCHAIN/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    'CMD ["swift", "--version"]'
  umount "$root$TOOLCHAIN"
}

for which in "${@:-debian runtime builder}"; do
  for image in $which; do
    case "$image" in
      debian | runtime) debian_and_runtime ;;
      builder) builder ;;
      *) die "unknown image $image (debian, runtime, builder)" ;;
    esac
  done
done
