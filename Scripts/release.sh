#!/usr/bin/env bash
# Builds the release archive of sandbox-bench into dist/ (docs/release.md):
#
#   dist/sandbox-bench-VERSION-linux-ARCH.tar.gz         one folder, sandbox-bench-VERSION-linux-ARCH/:
#     bin/sandbox-bench                                   release build, the Swift runtime linked
#                                                         statically (needs only glibc and libsqlite3)
#     share/man/man1/sandbox-bench.1                      man page, from the argument parser
#                                                         (its generate-manual plugin)
#     share/bash-completion/completions/sandbox-bench     shell completions (--generate-completion-script)
#     share/zsh/site-functions/_sandbox-bench
#     share/fish/vendor_completions.d/sandbox-bench.fish
#     README.md
#     SHA256SUMS                                          every file above
#   dist/sandbox-bench-VERSION-linux-ARCH.tar.gz.sha256  the archive's own checksum
#
# The dependencies are the ones Package.resolved pins (--force-resolved-versions). The archive is
# reproducible from one commit: names sorted, owner root, every time the commit's time.
# Prints the archive's path on stdout. Usage: Scripts/release.sh
# Environment: SWIFT_SCRATCH_PATH, the build folder (default .build; SwiftPM serialises the builds
# of one build folder, a lock named after its path).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null 2>&1 || export PATH="$PATH:/opt/swift/usr/bin"
scratch=(--scratch-path "${SWIFT_SCRATCH_PATH:-.build}")

say() { printf 'release: %s\n' "$*" >&2; }
die() { printf 'release: error: %s\n' "$*" >&2; exit 1; }

# The man page from the same --help texts, by the plugin, which builds every product first: in
# debug mode, the build Scripts/test.sh has made already (in release mode its build, linked
# without --static-swift-stdlib, would make the static build below compile everything again).
# Dated with the commit, so that the archive depends on the commit only.
say "man page (swift-argument-parser's generate-manual plugin)"
date=$(git log -1 --format=%cs 2>/dev/null || date +%F)
plugin_log=$(swift package "${scratch[@]}" --force-resolved-versions plugin generate-manual --configuration debug --date "$date" 2>&1) \
  || { printf '%s\n' "$plugin_log" | tail -20 >&2; die "the generate-manual plugin failed"; }
# The plugin names each folder it wrote as a file URL: "Generated manual in 'file:///…/'".
manual=""
while IFS= read -r folder; do
  folder=${folder#file://}
  if [ -f "${folder%/}/sandbox-bench.1" ]; then manual="${folder%/}/sandbox-bench.1"; fi
done < <(sed -n "s/^Generated manual in '\(.*\)'$/\1/p" <<<"$plugin_log")
[ -s "$manual" ] || die "the generate-manual plugin wrote no sandbox-bench.1 (log: $(tail -3 <<<"$plugin_log"))"

say "release build, Swift runtime linked statically"
swift build -c release --static-swift-stdlib --force-resolved-versions "${scratch[@]}" --product sandbox-bench >&2
binary="$(swift build -c release --static-swift-stdlib "${scratch[@]}" --show-bin-path)/sandbox-bench"
if ldd "$binary" | grep -q 'libswift\|libFoundation\|libdispatch'; then
  die "$binary links the Swift runtime dynamically"
fi

version=$("$binary" --version)
[[ "$version" =~ ^[0-9A-Za-z.+-]+$ ]] || die "unexpected version string: $version"
name="sandbox-bench-$version-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
folder="$stage/$name"

install -D -m 0755 "$binary" "$folder/bin/sandbox-bench"
strip "$folder/bin/sandbox-bench"
install -D -m 0644 "$manual" "$folder/share/man/man1/sandbox-bench.1"
completions() { "$folder/bin/sandbox-bench" --generate-completion-script "$1"; }
install -d "$folder/share/bash-completion/completions" "$folder/share/zsh/site-functions" \
  "$folder/share/fish/vendor_completions.d"
completions bash >"$folder/share/bash-completion/completions/sandbox-bench"
completions zsh >"$folder/share/zsh/site-functions/_sandbox-bench"
completions fish >"$folder/share/fish/vendor_completions.d/sandbox-bench.fish"
install -m 0644 README.md "$folder/README.md"
(cd "$folder" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)

mkdir -p dist
archive="dist/$name.tar.gz"
epoch=$(git log -1 --format=%ct 2>/dev/null || date +%s)
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -c "$name" \
  | gzip -n -9 >"$archive.tmp"
mv "$archive.tmp" "$archive"
(cd dist && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
say "$archive: $(du -h "$archive" | cut -f1) (binary $(du -h "$folder/bin/sandbox-bench" | cut -f1))"
echo "$archive"
