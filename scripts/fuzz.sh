#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer: builds every target under Tests/Fuzz and runs each for a while.
#
#   scripts/fuzz.sh [TARGET...]        (make fuzz runs it for every target)
#
# A target is a directory Tests/Fuzz/<name>/ holding
#   target.swift  defines LLVMFuzzerTestOneInput and traps on any property violation;
#   corpus/       a few small seed inputs, checked in and never written to;
#   sources       (optional) what is compiled with target.swift into one module: one path per line, a file or
#                 a folder (every .swift under it), relative to the repository root; a line starting with `-`
#                 is passed to swiftc as flags (e.g. `-module-name GeminiLiveMedia`, `-I Sources/CSoxr`).
#                 `#` starts a comment. Without the file: Sources/GeminiLiveProtocol. The module is named
#                 GeminiLiveProtocol unless the flags say otherwise, so a file that imports it compiles
#                 alongside the protocol sources it needs (the import is ignored with a warning).
#   options       (optional) extra libFuzzer flags, e.g. `-max_len=65536`.
#
# Environment:
#   FUZZ_SECONDS  seconds per target (default 60)
#   FUZZ_RUNS     stop a target after this many executions, if that comes first (default: no limit)
#   FUZZ_TIMEOUT  seconds one input may take before it counts as a hang (default 10)
#   FUZZ_NICE     nice level of builds and runs (default 19)
#   SWIFTC        compiler (default: swiftc beside `swift` on PATH)
#
# Everything goes under .build/fuzz/: the binaries, build logs, working corpora (corpus/<name>, which keep
# growing across runs), crashing inputs (crashes/<name>/), each run's log (logs/<name>.log) and totals.tsv,
# the executions each target has run clean over all runs. Exit status 1 when any target crashed or hung.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-10}
runs_limit=${FUZZ_RUNS:-}
nice_level=${FUZZ_NICE:-19}
if [ -z "${SWIFTC:-}" ]; then
    swift_path=$(command -v swift || true)
    SWIFTC=${swift_path:+$(dirname "$swift_path")/swiftc}
    SWIFTC=${SWIFTC:-swiftc}
fi
out=.build/fuzz
totals=$out/totals.tsv
mkdir -p "$out/logs" "$out/corpus" "$out/crashes"

# The targets: the arguments, or every directory with a target.swift.
targets=()
if [ $# -gt 0 ]; then
    for name in "$@"; do
        [ -f "Tests/Fuzz/$name/target.swift" ] || { echo "fuzz: no target Tests/Fuzz/$name/target.swift" >&2; exit 2; }
        targets+=("$name")
    done
else
    for file in Tests/Fuzz/*/target.swift; do
        [ -f "$file" ] || continue
        targets+=("$(basename "$(dirname "$file")")")
    done
fi
[ ${#targets[@]} -gt 0 ] || { echo "fuzz: no targets under Tests/Fuzz" >&2; exit 2; }

# Prints the swiftc inputs of target $1 (one per line), then its flags on lines starting with `-`.
target_inputs() {
    local dir=Tests/Fuzz/$1 line path
    echo "$dir/target.swift"
    if [ ! -f "$dir/sources" ]; then
        find Sources/GeminiLiveProtocol -name '*.swift' | LC_ALL=C sort
        return
    fi
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line%%#*}
        line=$(echo "$line" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
        [ -n "$line" ] || continue
        case $line in
            -*) echo "$line" ;;
            *)
                path=$line
                if [ -d "$path" ]; then
                    find "$path" -name '*.swift' | LC_ALL=C sort
                elif [ -f "$path" ]; then
                    echo "$path"
                else
                    echo "fuzz: $dir/sources: no such file or folder: $path" >&2
                    return 1
                fi
                ;;
        esac
    done <"$dir/sources"
}

# The libraries import GeminiLiveSystem, the bottom module, so it is built once as a module of its own (a static
# library with address sanitising; its coverage is not the fuzzers' concern) and every target links it.
system_dir=$out/system
system_library=$system_dir/libGeminiLiveSystem.a
build_system_module() {
    local files=()
    while IFS= read -r file; do files+=("$file"); done < <(find Sources/GeminiLiveSystem -name '*.swift' | LC_ALL=C sort)
    if [ -f "$system_library" ] && [ -z "$(find "${files[@]}" -newer "$system_library" -print -quit)" ]; then
        return 0
    fi
    mkdir -p "$system_dir"
    echo "fuzz: building GeminiLiveSystem (${#files[@]} files)" >&2
    if ! nice -n "$nice_level" "$SWIFTC" -parse-as-library -sanitize=address -O -g -package-name gemini_live_tools \
        -module-name GeminiLiveSystem -emit-module -emit-module-path "$system_dir/GeminiLiveSystem.swiftmodule" \
        -emit-library -static -o "$system_library" "${files[@]}" >"$system_dir/build.log" 2>&1; then
        cat "$system_dir/build.log" >&2
        echo "fuzz: GeminiLiveSystem did not build" >&2
        exit 1
    fi
}
build_system_module

# The vector base64 decoder (C, Sources/CBase64) that GeminiLiveProtocol imports, built once with the same
# sanitizers as the targets (its branches count as coverage) and linked into every target.
cbase64_dir=$out/cbase64
cbase64_library=$cbase64_dir/libCBase64.a
build_cbase64() {
    local source=Sources/CBase64/base64.c clang
    clang=$(dirname "$SWIFTC")/clang
    [ -x "$clang" ] || clang=clang
    if [ -f "$cbase64_library" ] && [ -z "$(find "$source" Sources/CBase64/include -newer "$cbase64_library" -print -quit)" ]; then
        return 0
    fi
    mkdir -p "$cbase64_dir"
    echo "fuzz: building CBase64" >&2
    if ! nice -n "$nice_level" "$clang" -O2 -g -fsanitize=fuzzer-no-link,address -I Sources/CBase64/include \
        -c "$source" -o "$cbase64_dir/base64.o" >"$cbase64_dir/build.log" 2>&1 \
        || ! ar rcs "$cbase64_library" "$cbase64_dir/base64.o" 2>>"$cbase64_dir/build.log"; then
        cat "$cbase64_dir/build.log" >&2
        echo "fuzz: CBase64 did not build" >&2
        exit 1
    fi
}
build_cbase64

# Builds .build/fuzz/$1 unless it is newer than every input and was built by the same command.
build_target() {
    local name=$1 binary=$out/$1 files=() flags=() entry
    local listing
    listing=$(target_inputs "$name") || return 1
    while IFS= read -r entry; do
        case $entry in
            -*) read -r -a words <<<"$entry"; flags+=("${words[@]}") ;;
            *) files+=("$entry") ;;
        esac
    done <<<"$listing"
    case " ${flags[*]-} " in
        *" -module-name "*) ;;
        *) flags+=(-module-name GeminiLiveProtocol) ;;
    esac
    # `package` declarations need a package name, as SwiftPM gives every target of the package.
    local command=("$SWIFTC" -parse-as-library -sanitize=fuzzer,address -O -g -package-name gemini_live_tools
        -I "$system_dir" -L "$system_dir" -lGeminiLiveSystem -I Sources/CBase64/include -L "$cbase64_dir" -lCBase64
        "${flags[@]}" "${files[@]}" -o "$binary")
    local recorded=$out/$name.command inputs=("${files[@]}" "$system_library" "$cbase64_library") extra
    for extra in sources options; do
        if [ -f "Tests/Fuzz/$name/$extra" ]; then inputs+=("Tests/Fuzz/$name/$extra"); fi
    done
    if [ -x "$binary" ] && [ -f "$recorded" ] && [ "$(cat "$recorded")" = "${command[*]}" ] \
        && [ -z "$(find "${inputs[@]}" -newer "$binary" -print -quit)" ]; then
        return 0
    fi
    echo "fuzz: building $name (${#files[@]} files)" >&2
    if ! nice -n "$nice_level" "${command[@]}" >"$out/$name.build.log" 2>&1; then
        grep -v 'Cannot export local symbol' "$out/$name.build.log" >&2 || true
        echo "fuzz: $name did not build; the log is $out/$name.build.log" >&2
        return 1
    fi
    echo "${command[*]}" >"$recorded"
}

# Adds $2 clean executions (and $3 crashes) to target $1's line in totals.tsv.
add_totals() {
    local name=$1 executions=$2 crashes=$3 now
    now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    [ -f "$totals" ] || printf 'target\truns\tclean_executions\tcrashes\tlast_run\n' >"$totals"
    awk -F'\t' -v OFS='\t' -v name="$name" -v executions="$executions" -v crashes="$crashes" -v now="$now" '
        NR == 1 { print; next }
        $1 == name { $2 += 1; if (crashes == 0) $3 += executions; $4 += crashes; $5 = now; found = 1 }
        { print }
        END { if (!found) print name, 1, (crashes == 0 ? executions : 0), crashes, now }
    ' "$totals" >"$totals.new"
    mv "$totals.new" "$totals"
}

failed=0
summaries=()
built=()
for name in "${targets[@]}"; do
    if build_target "$name"; then
        built+=("$name")
    else
        summaries+=("$(printf '%-24s build failed' "$name")")
        failed=1
    fi
done

for name in "${built[@]}"; do
    corpus=$out/corpus/$name
    crashes=$out/crashes/$name
    log=$out/logs/$name.log
    mkdir -p "$corpus" "$crashes"
    # The checked-in seeds join the working corpus; libFuzzer adds what it finds there, never to the seeds.
    if [ -d "Tests/Fuzz/$name/corpus" ]; then
        cp -n Tests/Fuzz/$name/corpus/* "$corpus/" 2>/dev/null || true
    fi
    options=()
    if [ -f "Tests/Fuzz/$name/options" ]; then
        read -r -a options <<<"$(sed 's/#.*//' "Tests/Fuzz/$name/options" | tr '\n' ' ')"
    fi
    [ -z "$runs_limit" ] || options+=(-runs="$runs_limit")
    echo "fuzz: running $name for ${seconds}s${runs_limit:+ or $runs_limit executions}" >&2
    status=0
    SWIFT_BACKTRACE=enable=no nice -n "$nice_level" "$out/$name" -max_total_time="$seconds" -timeout="$timeout" -print_final_stats=1 \
        -rss_limit_mb=4096 -artifact_prefix="$crashes/" "${options[@]}" "$corpus" >"$log" 2>&1 || status=$?
    executions=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
    executions=${executions:-0}
    stats=$(grep -E '^#[0-9]+.*cov: [0-9]+' "$log" | tail -1 || true)
    cov=$(echo "$stats" | sed -nE 's/.*cov: ([0-9]+).*/\1/p')
    ft=$(echo "$stats" | sed -nE 's/.* ft: ([0-9]+).*/\1/p')
    corpus_size=$(find "$corpus" -type f | wc -l)
    artifacts=$(sed -nE 's/.*(Test unit written to|written to) ([^ ]+).*/\2/p' "$log" | sort -u)
    crash_count=0
    if [ "$status" -ne 0 ]; then
        crash_count=$(echo "$artifacts" | grep -c . || true)
        [ "$crash_count" -gt 0 ] || crash_count=1
        failed=1
    fi
    # Locked: two runs at once (on different targets, say) may both be adding their lines.
    (flock 9; add_totals "$name" "$executions" "$crash_count") 9>"$totals.lock"
    total=$(awk -F'\t' -v name="$name" '$1 == name { print $3 }' "$totals")
    summaries+=("$(printf '%-24s execs %10s  cov %5s  ft %6s  corpus %5s  crashes %s  (clean total %s)' \
        "$name" "$executions" "${cov:--}" "${ft:--}" "$corpus_size" "$crash_count" "$total")")
    if [ "$status" -ne 0 ]; then
        grep -E 'ERROR: |fuzz property violated|Fatal error|SUMMARY: ' "$log" | head -5 | sed "s/^/fuzz: $name: /" >&2
        for artifact in $artifacts; do
            summaries+=("    crashing input: $artifact (reproduce: $out/$name $artifact)")
        done
        [ -n "$artifacts" ] || summaries+=("    libFuzzer exited $status without saving an input; see $log")
    fi
done

echo "fuzz: ${seconds}s per target; totals in $totals"
printf '%s\n' "${summaries[@]}"
exit "$failed"
