#!/usr/bin/env bash
# Times `heapscope trend` on long series (not a test): 1,000 small snapshots
# (trendseries -mode ttl) and 100 snapshots of about 20,000 samples each
# (biggen). The series are written once into Fixtures/benchmark/out/.
#
# usage: Fixtures/benchmark/trend.sh [--no-build] [--runs N]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/out"
RUNS=5
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --runs) RUNS="$2"; shift ;;
    *) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift
done

HEAPSCOPE="$ROOT/.build/release/heapscope"
if [ "$BUILD" = 1 ]; then (cd "$ROOT" && swift build -c release --product heapscope); fi
mkdir -p "$OUT/bin"
export CGO_ENABLED=0 GOFLAGS=

SMALL="$OUT/trend-1000"
if [ ! -f "$SMALL/ttl-1-1000.pb.gz" ]; then
  (cd "$ROOT/Fixtures/generators" && go build -o "$OUT/bin/trendseries" ./trendseries)
  "$OUT/bin/trendseries" -mode ttl -seed 1 -n 1000 -out "$SMALL"
fi

LARGE="$OUT/trend-20k"
if [ ! -f "$LARGE/heap-100.pb.gz" ]; then
  (cd "$HERE/biggen" && go build -o "$OUT/bin/biggen" .)
  mkdir -p "$LARGE"
  for i in $(seq -w 1 100); do
    # A different sample count each time, so that no two snapshots are identical.
    "$OUT/bin/biggen" -samples $((20000 + 10#$i * 50)) -o "$LARGE/heap-$i.pb.gz"
  done
fi

cores="$(getconf _NPROCESSORS_ONLN)"
for series in "$SMALL" "$LARGE"; do
  echo "heapscope trend --format json $series  ($(ls "$series" | wc -l) files, $cores cores)"
  for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "  %e s wall, %U s user, %S s sys, %M KB peak" "$HEAPSCOPE" trend --format json "$series" >/dev/null
  done
done
