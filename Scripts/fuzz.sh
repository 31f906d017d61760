#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ with AddressSanitizer and runs each for the given number of seconds
# (default 60), one after the other:
#   FuzzNIfTI     the NIfTI header and gzip path; seeds: Tests/VolumeIOTests/Fixtures
#   FuzzRequests  multipart, URL-encoded and JSON request bodies; seeds: Tests/RequestBodiesTests/Fixtures
#   FUZZ_TARGETS       which targets (default "FuzzNIfTI FuzzRequests")
#   FUZZ_SCRATCH_PATH  build folder (default Fuzz/.build)
#   FUZZ_WORK          corpus + artifacts folder (default fuzz-corpus/, git-ignored); crashers land in
#                      $FUZZ_WORK/<target>/artifacts — copy them into the target's fixtures' fuzz/ folder as
#                      regression tests (the test suites replay every file there).
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${FUZZ_SCRATCH_PATH:-$root/Fuzz/.build}"
work="${FUZZ_WORK:-$root/fuzz-corpus}"
targets="${FUZZ_TARGETS:-FuzzNIfTI FuzzRequests}"
flags=(-c debug --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
cd "$root/Fuzz"
swift build "${flags[@]}"
bin="$(swift build "${flags[@]}" --show-bin-path)"
for target in $targets; do
    case "$target" in
        FuzzNIfTI) seeds="$root/Tests/VolumeIOTests/Fixtures"; max_len=65536 ;;
        FuzzRequests) seeds="$root/Tests/RequestBodiesTests/Fixtures"; max_len=16384 ;;
        *) echo "unknown fuzz target $target" >&2; exit 2 ;;
    esac
    # The NIfTI corpus predates the second target and stays where it was.
    if [ "$target" = FuzzNIfTI ]; then dir="$work"; else dir="$work/$target"; fi
    mkdir -p "$dir/corpus" "$dir/artifacts"
    echo "== $target: $seconds s"
    "$bin/$target" "$dir/corpus" "$seeds" \
        -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix="$dir/artifacts/" -print_final_stats=1
done
