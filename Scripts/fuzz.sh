#!/usr/bin/env bash
# Builds the libFuzzer target in Fuzz/ with AddressSanitizer and runs it for the given number of seconds
# (default 60) with the NIfTI fixtures as seed corpus.
#   FUZZ_SCRATCH_PATH  build folder (default Fuzz/.build)
#   FUZZ_WORK          corpus + artifacts folder (default fuzz-corpus/, git-ignored); crashers land in $FUZZ_WORK/artifacts —
#                      copy them to Tests/VolumeIOTests/Fixtures/fuzz/ as regression tests.
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${FUZZ_SCRATCH_PATH:-$root/Fuzz/.build}"
work="${FUZZ_WORK:-$root/fuzz-corpus}"
flags=(-c debug --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
cd "$root/Fuzz"
swift build "${flags[@]}"
binary="$(swift build "${flags[@]}" --show-bin-path)/FuzzNIfTI"
mkdir -p "$work/corpus" "$work/artifacts"
exec "$binary" "$work/corpus" "$root/Tests/VolumeIOTests/Fixtures" \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1
