#!/usr/bin/env bash
# Installs sandbox-bench and its nightly job.
#
#   Deploy/install.sh [--tool-only] [ARCHIVE.tar.gz | BINARY]
#
# ARCHIVE is a release archive (Scripts/release.sh): its checksum is checked against the
# ARCHIVE.sha256 beside it when there is one, every file in it against its SHA256SUMS, and the
# executable, the man page and the bash, zsh and fish completions are installed under $PREFIX
# (default /usr/local). BINARY (default .build/release/sandbox-bench) installs the executable only.
#
# Then, unless --tool-only, the nightly job: the wrapper Deploy/nightly.sh, the systemd service
# and timer, the run lock's folder (tmpfiles.d), the service user (in the docker group) and its
# folders, and the timer enabled. --tool-only needs nothing else of the repository: this script
# and an archive are enough (docs/release.md).
#
# With DESTDIR=DIR, copies the files under DIR only (no user, no systemctl): for packaging,
# and for checking the units with `systemd-analyze verify --root=DIR`.
set -euo pipefail

die() { echo "install: error: $*" >&2; exit 2; }

tool_only=0
if [[ "${1:-}" == --tool-only ]]; then tool_only=1; shift; fi
[[ $# -le 1 ]] || die "usage: Deploy/install.sh [--tool-only] [ARCHIVE.tar.gz | BINARY]"
source=${1:-}
[[ -z "$source" ]] || source=$(realpath -e -- "$source") || die "$1 does not exist"
repository=$(realpath "$(dirname "$0")/..")
root=${DESTDIR:-}
prefix=${PREFIX:-/usr/local}

install_archive() {
  local archive=$1 folder
  if [[ -f "$archive.sha256" ]]; then
    (cd "$(dirname "$archive")" && sha256sum --quiet -c "$(basename "$archive").sha256" >&2) \
      || die "$archive does not match its checksum in $archive.sha256; download it again"
  fi
  unpacked=$(mktemp -d)  # global: the EXIT trap runs after this function has returned
  trap 'rm -rf "$unpacked"' EXIT
  tar -xzf "$archive" -C "$unpacked" --no-same-owner || die "$archive is not a readable .tar.gz"
  folder=$(find "$unpacked" -mindepth 1 -maxdepth 1 -type d -name 'sandbox-bench-*' | head -1)
  [[ -n "$folder" && -f "$folder/SHA256SUMS" ]] || die "$archive is not a sandbox-bench release archive"
  (cd "$folder" && sha256sum --quiet --strict -c SHA256SUMS) \
    || die "a file in $archive does not match its SHA256SUMS; download it again"
  install -D -m 0755 "$folder/bin/sandbox-bench" "$root$prefix/bin/sandbox-bench"
  install -D -m 0644 "$folder/share/man/man1/sandbox-bench.1" "$root$prefix/share/man/man1/sandbox-bench.1"
  install -D -m 0644 "$folder/share/bash-completion/completions/sandbox-bench" \
    "$root$prefix/share/bash-completion/completions/sandbox-bench"
  install -D -m 0644 "$folder/share/zsh/site-functions/_sandbox-bench" "$root$prefix/share/zsh/site-functions/_sandbox-bench"
  install -D -m 0644 "$folder/share/fish/vendor_completions.d/sandbox-bench.fish" \
    "$root$prefix/share/fish/vendor_completions.d/sandbox-bench.fish"
  echo "install: sandbox-bench $("$root$prefix/bin/sandbox-bench" --version 2>/dev/null || echo "(not runnable here)")" \
    "in $root$prefix/bin, with its man page and completions" >&2
}

case "$source" in
  *.tar.gz) install_archive "$source" ;;
  *)
    binary=${source:-$repository/.build/release/sandbox-bench}
    [[ -x "$binary" ]] || die "$binary is not an executable; build it with swift build -c release, or give a release archive"
    install -D -m 0755 "$binary" "$root$prefix/bin/sandbox-bench"
    ;;
esac
[[ "$tool_only" -eq 0 ]] || exit 0

# The nightly job (its units name /usr/local/bin/sandbox-bench).
cd "$repository"
[[ "$prefix" == /usr/local ]] || echo "install: note: the nightly units run /usr/local/bin/sandbox-bench" >&2
install -D -m 0755 Deploy/nightly.sh "$root/usr/local/lib/sandbox-bench/nightly.sh"
install -D -m 0644 Deploy/sandbox-bench-nightly.service "$root/etc/systemd/system/sandbox-bench-nightly.service"
install -D -m 0644 Deploy/sandbox-bench-nightly.timer "$root/etc/systemd/system/sandbox-bench-nightly.timer"
install -D -m 0644 Deploy/sandbox-bench-tmpfiles.conf "$root/etc/tmpfiles.d/sandbox-bench.conf"
[[ -z "$root" ]] || exit 0

getent group docker > /dev/null || groupadd --system docker
id sandbox-bench > /dev/null 2>&1 || useradd --system --home-dir /var/lib/sandbox-bench --shell /usr/sbin/nologin sandbox-bench
usermod -a -G docker sandbox-bench
install -d -o sandbox-bench -g sandbox-bench -m 0755 /var/lib/sandbox-bench /var/lib/sandbox-bench/Reports /var/lib/sandbox-bench/site
# node_exporter's textfile collector reads *.prom here (Debian's prometheus-node-exporter default).
install -d -m 0755 /var/lib/prometheus/node-exporter
if ! setfacl -m u:sandbox-bench:rwx /var/lib/prometheus/node-exporter 2> /dev/null; then
    chgrp sandbox-bench /var/lib/prometheus/node-exporter
    chmod g+w /var/lib/prometheus/node-exporter
fi
# The run lock every user's runs share, in a folder only root may write (made again at each boot).
systemd-tmpfiles --create /etc/tmpfiles.d/sandbox-bench.conf
systemctl daemon-reload
systemctl enable --now sandbox-bench-nightly.timer
echo "Installed; next start: $(systemctl show -P NextElapseUSecRealtime sandbox-bench-nightly.timer)"
