#!/usr/bin/env bash
# Measures the verdicts of `heapscope trend` on long generated series (not a
# test): writes every trendseries pattern for each seed and size at Go's
# default MemProfileRate, judges each series and prints the confusion table
# (leak or control × verdict) and every wrong verdict.
#
# usage: Fixtures/benchmark/trend-verdicts.sh [--seeds N] [--first-seed N]
#          [--sizes "50 100 200 300"] [--jobs N] [--heapscope PATH] [--no-build]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/out/verdicts"
SEEDS=10
FIRST=1
SIZES="50 100 200 300"
JOBS=2
BUILD=1
HEAPSCOPE="$ROOT/.build/debug/heapscope"
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) SEEDS="$2"; shift ;;
    --first-seed) FIRST="$2"; shift ;;
    --sizes) SIZES="$2"; shift ;;
    --jobs) JOBS="$2"; shift ;;
    --heapscope) HEAPSCOPE="$2"; BUILD=0; shift ;;
    --no-build) BUILD=0 ;;
    *) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift
done

if [ "$BUILD" = 1 ]; then (cd "$ROOT" && swift build --product heapscope >/dev/null); fi
export CGO_ENABLED=0 GOFLAGS=
mkdir -p "$OUT/bin"
(cd "$ROOT/Fixtures/generators" && go build -o "$OUT/bin/trendseries" ./trendseries)

# mode function kind: the sites the test judges (TrendLongSeriesTests).
SITES="linear main.leakLinear leak
step main.leakStepMap leak
evacuate main.leakEvacuatingMap leak
closure main.leakClosure.func1 leak
slowleak main.leakSlow leak
slowleak main.noisyPool control
ttl main.ttlCachePut control
sawtooth main.sawtoothFill control
ring main.ringPut control
bigbuffers main.holdBigBuffer control
warmcache main.warmCachePut control"
MODES="$(echo "$SITES" | awk '{print $1}' | sort -u)"

# The step, evacuate and warmcache patterns are shaped by the series length
# (-n): each size is its own run. The others do the same work every round,
# so one run of the largest size is written and each size judges its first
# snapshots.
SHAPED="step evacuate warmcache"
MAX=$(printf '%s\n' $SIZES | sort -n | tail -1)
run_length() { case " $SHAPED " in *" $1 "*) echo "$2" ;; *) echo "$MAX" ;; esac; }

# Write the series that are not there yet (a run is kept while its last
# snapshot exists), JOBS at a time.
jobs_list=()
for seed in $(seq "$FIRST" $((FIRST + SEEDS - 1))); do
  for mode in $MODES; do
    for size in $SIZES; do
      n=$(run_length "$mode" "$size")
      dir="$OUT/$mode-$seed-$n"
      [ -f "$dir/$mode-$seed-$(printf %04d "$n").pb.gz" ] || jobs_list+=("$mode $seed $n $dir")
    done
  done
done
jobs_list=($(printf '%s\n' "${jobs_list[@]}" | sort -u | tr ' ' '|'))
if [ ${#jobs_list[@]} -gt 0 ]; then
  echo "writing ${#jobs_list[@]} series into $OUT ($JOBS at a time)" >&2
  printf '%s\n' "${jobs_list[@]}" | tr '|' ' ' | xargs -P "$JOBS" -L 1 sh -c \
    'rm -rf "$4" && "$0" -mode "$1" -seed "$2" -n "$3" -out "$4" >/dev/null' "$OUT/bin/trendseries"
fi

# Judge each series; one line per site: size seed mode function kind verdict reason.
results="$OUT/results.tsv"
: >"$OUT/trend.stderr"
: >"$results"
for size in $SIZES; do
  for seed in $(seq "$FIRST" $((FIRST + SEEDS - 1))); do
    for mode in $MODES; do
      dir="$OUT/$mode-$seed-$(run_length "$mode" "$size")"
      json="$OUT/$mode-$seed-$size.json"
      # shellcheck disable=SC2046 # file names without spaces
      "$HEAPSCOPE" trend --format json $(ls "$dir"/*.pb.gz | head -n "$size") >"$json" 2>>"$OUT/trend.stderr"
      echo "$SITES" | while read -r m function kind; do
        [ "$m" = "$mode" ] || continue
        jq -r --arg f "$function" --arg k "$kind" --arg s "$size" --arg seed "$seed" --arg m "$mode" \
          '([.nodes[] | select(.name == $f)][0] // {verdict: "absent", reason: ""}) as $n
           | [$s, $seed, $m, $f, $k, $n.verdict, $n.reason] | @tsv' "$json" >>"$results"
      done
    done
  done
done

runs=$(wc -l <"$results")
echo "heapscope trend verdicts: seeds $FIRST-$((FIRST + SEEDS - 1)), sizes $SIZES: $runs judged sites"
awk -F'\t' '
  { count[$5 "," $6]++; seen[$6] = 1; if ($5 == "leak") leaks++; else controls++ }
  END {
    n = split("growing plateau fluctuating stable new shrinking gone absent", order, " ")
    printf "%-9s", ""; for (i = 1; i <= n; i++) printf "%12s", order[i]; printf "\n"
    split("leak control", kinds, " ")
    for (k = 1; k <= 2; k++) {
      printf "%-9s", kinds[k]
      for (i = 1; i <= n; i++) printf "%12d", count[kinds[k] "," order[i]]
      printf "\n"
    }
  }' "$results"
echo "By size (leaks growing / leaks, controls growing / controls):"
awk -F'\t' '
  { key = $1; if ($5 == "leak") { l[key]++; if ($6 == "growing") lg[key]++ } else { c[key]++; if ($6 == "growing") cg[key]++ } }
  END { for (k in l) printf "  %4d snapshots: leaks %d/%d, controls %d/%d\n", k, lg[k], l[k], cg[k], c[k] }' "$results" | sort -n -k1
wrong=$(awk -F'\t' '($5 == "leak") != ($6 == "growing")' "$results")
if [ -n "$wrong" ]; then
  echo "Wrong verdicts (snapshots seed mode site kind verdict reason):"
  echo "$wrong" | sed 's/^/  /'
  exit 1
fi
echo "No wrong verdicts."
