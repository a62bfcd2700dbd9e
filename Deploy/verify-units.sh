#!/usr/bin/env bash
# Checks the nightly units with `systemd-analyze verify`, offline: the units and the wrapper
# they start are laid out under a temporary root next to this system's own units, so that
# the check also catches an ExecStart= that does not exist or is not executable.
# Installs Debian's systemd package when systemd-analyze is missing (needs root and apt).
set -euo pipefail

cd "$(dirname "$0")/.."
if ! command -v systemd-analyze > /dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd >&2
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/usr/lib/systemd"
cp -a /usr/lib/systemd/system "$root/usr/lib/systemd/"
install -D -m 0755 Deploy/nightly.sh "$root/usr/local/lib/sandbox-bench/nightly.sh"
install -D -m 0644 Deploy/sandbox-bench-nightly.service "$root/etc/systemd/system/sandbox-bench-nightly.service"
install -D -m 0644 Deploy/sandbox-bench-nightly.timer "$root/etc/systemd/system/sandbox-bench-nightly.timer"
systemd-analyze verify --root="$root" \
    "$root/etc/systemd/system/sandbox-bench-nightly.service" "$root/etc/systemd/system/sandbox-bench-nightly.timer"
# Only the timer may be enabled: a service with an [Install] section (WantedBy=multi-user.target)
# would run the whole suite at every boot once someone enables it.
if grep -Eq '^[[:space:]]*(\[Install\]|WantedBy=|RequiredBy=|Alias=)' Deploy/sandbox-bench-nightly.service; then
    echo "verify-units: sandbox-bench-nightly.service must have no [Install] section; only the timer is enabled." >&2
    exit 1
fi
grep -Eq '^WantedBy=timers\.target$' Deploy/sandbox-bench-nightly.timer \
    || { echo "verify-units: sandbox-bench-nightly.timer must be WantedBy=timers.target." >&2; exit 1; }
echo "systemd-analyze verify: the nightly service and timer are valid; only the timer installs."
