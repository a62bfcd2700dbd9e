#!/usr/bin/env bash
# Prints the Debian bookworm mirror this machine's apt is configured with: $DEBIAN_MIRROR when
# set, else the first http(s) URI of an apt source (deb822 files in /etc/apt/sources.list.d/, then
# one-line lists) whose suites include exactly "bookworm". Exits 1 when there is none. Used by
# Scripts/setup.sh (the sandbox image) and Deploy/docker/make-base-images.sh, so that no mirror
# host is ever written into the project.
set -euo pipefail

debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk '
      BEGIN { RS=""; FS="\n" }
      {
        uris=""; suites=""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/)   { uris = $i;   sub(/^URIs:[ \t]*/, "", uris) }
          if ($i ~ /^Suites:/) { suites = $i; sub(/^Suites:[ \t]*/, "", suites) }
        }
        n = split(suites, s, /[ \t]+/)
        for (j = 1; j <= n; j++) if (s[j] == "bookworm") { split(uris, u, /[ \t]+/); print u[1]; exit }
      }' "$f")
    if [ -n "$uri" ]; then echo "$uri"; return; fi
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri=$(awk '$1 == "deb" { o = 2; if ($2 ~ /^\[/) { while ($o !~ /\]$/) o++; o++ } if ($(o+1) == "bookworm") { print $o; exit } }' "$f")
    if [ -n "$uri" ]; then echo "$uri"; return; fi
  done
  return 1
}

debian_mirror
