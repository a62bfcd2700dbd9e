#!/usr/bin/env bash
# Fuzzes the parsers with libFuzzer: builds one executable per target (Tests/Fuzz/<target>.swift,
# with the modules it needs compiled from Sources/ with coverage instrumentation) and runs each
# for SECONDS (default 60). Prints, per target, the executions and what was found; an input that
# crashed a parser or broke one of its properties is kept in .build/fuzz/findings/<target>/.
#
#   Scripts/fuzz.sh                     every target, 60 s each
#   Scripts/fuzz.sh 300 byte-size       one target, 5 minutes
#
# Exits 1 when anything was found. See Tests/Fuzz/README.md for the targets and how to add one.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swiftc >/dev/null 2>&1 || export PATH="$PATH:/opt/swift/usr/bin"

seconds=${1:-60}
shift || true
build=.build/fuzz
mkdir -p "$build/modules" "$build/bin" "$build/findings" "$build/corpus"

# The modules the parsers live in, compiled from the package's own sources. DockerEngine and
# Sandbox are cut down to the files the parsers need, so that no networking library is built.
modules=(BenchModel ResultsStore Regression DockerEngine Sandbox)
sources_of() {
    case "$1" in
    BenchModel) find Sources/BenchModel -name '*.swift' | sort ;;
    ResultsStore) find Sources/ResultsStore -name '*.swift' | sort ;;
    Regression) find Sources/Regression -name '*.swift' | sort ;;
    DockerEngine) echo Sources/DockerEngine/DockerHost.swift Sources/DockerEngine/DockerEngineError.swift Sources/DockerEngine/MultiplexedStreamDecoder.swift ;;
    Sandbox)
        echo Sources/Sandbox/SandboxProfile.swift Sources/Sandbox/SandboxProfile+Codable.swift Sources/Sandbox/SandboxProfile+Validation.swift \
            Sources/Sandbox/SeccompPolicy.swift Sources/Sandbox/ByteSize.swift Sources/Sandbox/ImageReference.swift \
            "$build/PackageResources.swift"
        ;;
    esac
}

# The targets: name and the modules its entry point imports (in build order). To fuzz another
# parser, add a line here and Tests/Fuzz/<name>.swift (see Tests/Fuzz/README.md).
targets=(
    "stream-decoder BenchModel DockerEngine"
    "threshold-text BenchModel Regression"
    "byte-size BenchModel DockerEngine Sandbox"
    "configuration BenchModel Regression"
    "sandbox-profile BenchModel DockerEngine Sandbox"
    "image-reference BenchModel DockerEngine Sandbox"
    "baseline-file BenchModel ResultsStore"
    "strict-json BenchModel"
)

# SwiftPM generates this accessor for the embedded seccomp profile; the fuzz build embeds the same file.
{
    echo "enum PackageResources {"
    printf "    static let seccomp_profile_json: [UInt8] = ["
    od -An -v -tu1 Sources/Sandbox/Resources/seccomp_profile.json | tr -s ' \n' ',' | sed 's/^,//; s/,$//'
    echo "]"
    echo "}"
} >"$build/PackageResources.swift"

flags=(-sanitize=fuzzer -parse-as-library -swift-version 6 -O -g -enable-testing -package-name sandbox_bench -I "$build/modules" -L "$build/modules")
for module in "${modules[@]}"; do
    echo "fuzz: building $module" >&2
    links=()
    for dependency in "${modules[@]}"; do
        [[ "$dependency" == "$module" ]] && break
        links+=("-l$dependency")
    done
    # shellcheck disable=SC2046
    swiftc "${flags[@]}" -module-name "$module" -emit-module -emit-module-path "$build/modules/$module.swiftmodule" \
        -emit-library -static -o "$build/modules/lib$module.a" $(sources_of "$module") "${links[@]}"
done

selected=("$@")
found=0
summary=()
for line in "${targets[@]}"; do
    read -r name needs <<<"$line"
    if ((${#selected[@]})) && [[ ! " ${selected[*]} " == *" $name "* ]]; then continue; fi
    links=()
    # A static library before the ones it uses.
    for module in $needs; do links=("-l$module" "${links[@]}"); done
    echo "fuzz: building $name" >&2
    swiftc "${flags[@]}" -module-name "Fuzz_${name//-/_}" "Tests/Fuzz/$name.swift" "${links[@]}" -o "$build/bin/$name"
    corpus="$build/corpus/$name"
    findings="$build/findings/$name"
    mkdir -p "$corpus" "$findings"
    cp -n Tests/Fuzz/Corpus/"$name"/* "$corpus/" 2>/dev/null || true
    log="$build/$name.log"
    echo "fuzz: running $name for $seconds s" >&2
    set +e
    "$build/bin/$name" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$findings/" "$corpus" >"$log" 2>&1
    status=$?
    set -e
    executions=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    crashes=$(find "$findings" -type f | wc -l)
    if ((status != 0 || crashes > 0)); then
        found=1
        summary+=("$name: ${executions:-?} executions, FOUND $crashes input(s) in $findings (exit $status; see $log)")
    else
        summary+=("$name: ${executions:-?} executions, nothing found")
    fi
done

printf 'fuzz: %s\n' "${summary[@]}"
exit "$found"
