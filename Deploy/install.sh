#!/usr/bin/env bash
# Installs the nightly job: the executable, the wrapper Deploy/nightly.sh, the systemd service
# and timer, the run lock's folder (tmpfiles.d), the service user (in the docker group) and its
# folders, then enables the timer.
#
#   Deploy/install.sh [BINARY]        BINARY default: .build/release/sandbox-bench
#
# With DESTDIR=DIR, copies the files under DIR only (no user, no systemctl): for packaging,
# and for checking the units with `systemd-analyze verify --root=DIR`.
set -euo pipefail

cd "$(dirname "$0")/.."
binary=${1:-.build/release/sandbox-bench}
root=${DESTDIR:-}
[[ -x "$binary" ]] || { echo "$0: $binary is not an executable; build it with swift build -c release" >&2; exit 2; }

install -D -m 0755 "$binary" "$root/usr/local/bin/sandbox-bench"
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
