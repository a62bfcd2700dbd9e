#!/usr/bin/env bash
# Renders a report page to PNG with headless Chromium, the way a browser shows it, with the
# network shut off: every host name resolves to nothing, so a page that tried to fetch a
# font, a script or an image would show the gap instead of loading it.
#
#   Scripts/render-report.sh HTML PNG [WIDTH [HEIGHT]]     default 1280 x 3000 pixels
#   Scripts/render-report.sh --widths HTML PREFIX [HEIGHT]  PREFIX-1280.png and PREFIX-420.png:
#                                                          a desktop and a phone (narrow layout)
#
# Installs Debian's chromium package when it is missing (needs root and apt).
set -euo pipefail

if [[ ${1:-} == --widths ]]; then
    [[ $# -ge 3 ]] || { echo "usage: $0 --widths HTML PREFIX [HEIGHT]" >&2; exit 2; }
    "$0" "$2" "$3-1280.png" 1280 "${4:-5200}"
    "$0" "$2" "$3-420.png" 420 "${4:-9000}"
    exit 0
fi
if [[ $# -lt 2 ]]; then
    echo "usage: $0 HTML PNG [WIDTH [HEIGHT]]" >&2
    exit 2
fi
html=$1
png=$2
width=${3:-1280}
height=${4:-3000}
[[ -f "$html" ]] || { echo "$0: $html is not a file" >&2; exit 2; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
    echo "$0: installing Debian's chromium package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
    browser=$(command -v chromium)
fi

page="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
out="$(cd "$(dirname "$png")" && pwd)/$(basename "$png")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

"$browser" --headless --disable-gpu --no-sandbox --no-first-run --no-default-browser-check \
    --user-data-dir="$profile" --disable-extensions --disable-background-networking --disable-sync \
    --disable-component-update --disable-default-apps --hide-scrollbars \
    --host-resolver-rules="MAP * ~NOTFOUND" --proxy-server="127.0.0.1:9" \
    --window-size="$width,$height" --screenshot="$out" "$page" 2> "$profile/chromium.log" || {
    cat "$profile/chromium.log" >&2
    exit 3
}
[[ -s "$out" ]] || { echo "$0: chromium wrote no screenshot" >&2; cat "$profile/chromium.log" >&2; exit 3; }
echo "$out"
