#!/usr/bin/env bash
# Run heapscope's libFuzzer targets (Fuzz/: FuzzDecoder, FuzzViews) for a
# given time each, under AddressSanitizer.
#
# usage: Fixtures/fuzz/run.sh SECONDS [decoder|views|both] [JOBS]
#
# The seed corpus is every profile under Fixtures/profiles, gzipped and
# decompressed (raw protobuf mutates far better), plus every input that ever
# crashed (Fixtures/fuzz/crashes, replayed by FuzzRegressionTests). The
# growing corpus lives in Fixtures/fuzz/out/<target>/corpus (not committed);
# new findings land in Fixtures/fuzz/out/<target>/ as crash-*, leak-*, oom-*.
# Exit status: 0 no finding, 1 a finding, 2 usage or build error.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SECONDS_EACH="${1:-}"
WHICH="${2:-both}"
JOBS="${3:-1}"
# Seconds one input may take: the debug ASan build of every view on a
# 45 KB fixture takes tens of seconds on a loaded 2-core machine.
TIMEOUT="${FUZZ_TIMEOUT:-300}"
[[ "$SECONDS_EACH" =~ ^[0-9]+$ ]] || { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }

case "$WHICH" in
    decoder) targets=(FuzzDecoder) ;;
    views) targets=(FuzzViews) ;;
    both) targets=(FuzzDecoder FuzzViews) ;;
    *) echo "run.sh: unknown target '$WHICH'" >&2; exit 2 ;;
esac

build=(swift build --package-path "$ROOT/Fuzz" -c debug
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
for target in "${targets[@]}"; do "${build[@]}" --product "$target" >&2 || exit 2; done
bin="$("${build[@]}" --show-bin-path)"

status=0
for target in "${targets[@]}"; do
    out="$HERE/out/$target"
    mkdir -p "$out/corpus" "$out/seeds"
    for profile in "$ROOT"/Fixtures/profiles/*.pb.gz "$ROOT"/Fixtures/profiles/*/*.pb.gz; do
        [ -f "$profile" ] || continue
        name="$(basename "$(dirname "$profile")")-$(basename "$profile" .pb.gz)"
        cp "$profile" "$out/seeds/$name.gz"
        gzip -dc "$profile" > "$out/seeds/$name.pb"
    done
    cp "$HERE"/crashes/* "$out/seeds/" 2>/dev/null || true
    echo "== $target: $SECONDS_EACH s, $JOBS job(s)" >&2
    parallel=()
    # Several jobs log to fuzz-N.log in the current directory: use the target's.
    [ "$JOBS" -gt 1 ] && parallel=(-jobs="$JOBS" -workers="$JOBS")
    if ! (cd "$out" && "$bin/$target" -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=2048 \
            -timeout="$TIMEOUT" "${parallel[@]}" -print_final_stats=1 -artifact_prefix="$out/" "$out/corpus" "$out/seeds"); then
        status=1
    fi
done
exit $status
