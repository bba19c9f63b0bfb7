#!/usr/bin/env bash
# Benchmark every heapscope path beyond `top` on the generated profiles:
# merge, diff base, diff, traces, trend over many snapshots, flame and
# export, with go tool pprof where it has the same view. See README.md.
#
# usage: Fixtures/benchmark/paths.sh [--runs N] [--no-build] [--skip-pprof]
#            [--heapscope PATH]
#
# Prints medians (wall seconds, peak RSS) and the ratios each target is
# stated in, measured in the same run. Exit status: 0 when every checked
# target passes, 1 when one fails, 2 on a usage or setup error.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/out"
RUNS=3
BUILD=1
SKIP_PPROF=0
HEAPSCOPE="$ROOT/.build/release/heapscope"
SERIES=100
SERIES_SAMPLES=20000

die() { echo "paths.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) [ $# -ge 2 ] || die "--runs needs a number"; RUNS="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --skip-pprof) SKIP_PPROF=1; shift ;;
        --heapscope) [ $# -ge 2 ] || die "--heapscope needs a path"; HEAPSCOPE="$2"; BUILD=0; shift 2 ;;
        -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1" ;;
    esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$RUNS'"
case "$HEAPSCOPE" in /*) ;; *) HEAPSCOPE="$PWD/$HEAPSCOPE" ;; esac
command -v go >/dev/null || die "needs go (apt-get install -y golang-go)"
/usr/bin/time -f '%e' -o /dev/null true 2>/dev/null || die "needs GNU time at /usr/bin/time (apt-get install -y time)"
export GOWORK=off
mkdir -p "$OUT"

if [ "$BUILD" = 1 ]; then
    echo "== swift build -c release --product heapscope" >&2
    (cd "$ROOT" && swift build -c release --product heapscope) >"$OUT/build.log" 2>&1 || die "build failed (see $OUT/build.log)"
fi
[ -x "$HEAPSCOPE" ] || die "no heapscope binary at $HEAPSCOPE"

# The two big profiles come from run.sh's generator (reused when current).
if [ ! -s "$OUT/heap-200k.pb.gz" ] || [ ! -s "$OUT/heap-1m.pb.gz" ]; then
    echo "== generating the 200k and 1m profiles (run.sh)" >&2
    "$HERE/run.sh" --skip-heapscope --skip-pprof --runs 1 >/dev/null
fi
P200="$OUT/heap-200k.pb.gz"
P1M="$OUT/heap-1m.pb.gz"

# A series of snapshots with different paths over the same functions.
SERIES_DIR="$OUT/series-$SERIES-$SERIES_SAMPLES"
if [ "$(ls "$SERIES_DIR" 2>/dev/null | wc -l)" != "$SERIES" ]; then
    echo "== generating $SERIES snapshots of $SERIES_SAMPLES samples in $SERIES_DIR" >&2
    rm -rf "$SERIES_DIR" && mkdir -p "$SERIES_DIR"
    (cd "$HERE/biggen" && go build -o "$OUT/biggen" .)
    for i in $(seq -w 1 "$SERIES"); do
        (cd "$OUT" && ./biggen -samples "$SERIES_SAMPLES" -seed "$((10#$i))" -o "$SERIES_DIR/snap-$i.pb.gz") >/dev/null 2>&1
    done
fi

TMP="$(mktemp -d "$OUT/.tmp.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
RESULTS="$OUT/paths-$(date -u +%Y%m%d-%H%M%S).tsv"
printf 'row\trun\twall_s\tmaxrss_kb\texit\tcpu_s\n' >"$RESULTS"

# measure ROW RUN CMD...: one timed run, appended to $RESULTS.
measure() {
    local row="$1" run="$2"; shift 2
    local t0 t1 rc kb cpu
    t0=$(date +%s%N)
    set +e
    /usr/bin/time -f '%M %U %S' -o "$TMP/time" "$@" >/dev/null 2>"$TMP/stderr"
    rc=$?
    set -e
    t1=$(date +%s%N)
    read -r kb cpu <<<"$(tail -n 1 "$TMP/time" | awk '{ printf "%s %.2f", $1, $2 + $3 }')"
    [[ "$kb" =~ ^[0-9]+$ ]] || kb=NA
    [[ "$cpu" =~ ^[0-9.]+$ ]] || cpu=NA
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$row" "$run" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')" "$kb" "$rc" "$cpu" >>"$RESULTS"
    [ "$rc" = 0 ] || { echo "!! $row run $run: exit $rc" >&2; tail -n 3 "$TMP/stderr" >&2; }
}

# top over every snapshot of the series, one process each: the baseline
# trend is compared with.
series_tops() { for f in "$SERIES_DIR"/*.pb.gz; do "$HEAPSCOPE" top "$f" >/dev/null || return 1; done; }
export -f series_tops
export HEAPSCOPE SERIES_DIR

has() { "$HEAPSCOPE" --help 2>/dev/null | grep -qE "^ +$1( |\$)"; }
ROWS=(zcat-1m top-200k top-1m merge diffbase diff traces-200k traces-1m trend series-tops)
has flame && ROWS+=(flame-1m)
has export && ROWS+=(export-proto-1m export-folded-1m)
[ "$SKIP_PPROF" = 0 ] && ROWS+=(pprof-traces-200k)

run_row() {
    case "$1" in
        zcat-1m) measure "$1" "$2" zcat "$P1M" ;;
        top-200k) measure "$1" "$2" "$HEAPSCOPE" top "$P200" ;;
        top-1m) measure "$1" "$2" "$HEAPSCOPE" top "$P1M" ;;
        merge) measure "$1" "$2" "$HEAPSCOPE" top "$P200" "$P1M" ;;
        diffbase) measure "$1" "$2" "$HEAPSCOPE" top --diff-base "$P200" "$P1M" ;;
        diff) measure "$1" "$2" "$HEAPSCOPE" diff "$P1M" "$P1M" ;;
        traces-200k) measure "$1" "$2" "$HEAPSCOPE" traces "$P200" ;;
        traces-1m) measure "$1" "$2" "$HEAPSCOPE" traces "$P1M" ;;
        pprof-traces-200k) measure "$1" "$2" go tool pprof -traces "$P200" ;;
        trend) measure "$1" "$2" "$HEAPSCOPE" trend "$SERIES_DIR" ;;
        series-tops) measure "$1" "$2" bash -c series_tops ;;
        flame-1m) measure "$1" "$2" "$HEAPSCOPE" flame -o "$TMP/flame.html" "$P1M" ;;
        export-proto-1m) measure "$1" "$2" "$HEAPSCOPE" export --format proto -o "$TMP/export.pb.gz" "$P1M" ;;
        export-folded-1m) measure "$1" "$2" "$HEAPSCOPE" export --format folded -o "$TMP/export.folded" "$P1M" ;;
    esac
}

cat "$P200" "$P1M" >/dev/null
echo "== measuring ${#ROWS[@]} rows, $RUNS runs each, interleaved (raw: $RESULTS)" >&2
for ((r = 1; r <= RUNS; r++)); do
    for row in "${ROWS[@]}"; do run_row "$row" "$r"; done
    echo "   run $r/$RUNS done" >&2
done

# med ROW COLUMN: median over successful runs, or NA.
med() {
    awk -F'\t' -v r="$1" -v c="$2" 'NR > 1 && $1 == r && $5 == 0 && $c != "NA" { print $c }' "$RESULTS" |
        sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "NA"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
num() { [[ "$1" =~ ^[0-9.]+$ ]]; }
ratio() { if num "$1" && num "$2"; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; else echo NA; fi; }
FAILED=0
check() { # NAME VALUE OP LIMIT
    local res=SKIP
    if num "$2"; then
        if awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN { exit !((op == "<=") ? (v <= l) : (v >= l)) }'; then res=PASS; else res=FAIL; FAILED=1; fi
    fi
    printf '  %-58s %8s  %s\n' "$1" "$2" "$res"
}

{
echo
echo "Medians of $RUNS runs (wall seconds; user+system CPU seconds; peak RSS in MiB)"
printf '  %-20s %9s %9s %9s\n' row time_s cpu_s rss_MiB
for row in "${ROWS[@]}"; do
    t="$(med "$row" 3)"; kb="$(med "$row" 4)"; c="$(med "$row" 6)"
    mb=NA; num "$kb" && mb="$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')"
    printf '  %-20s %9s %9s %9s\n' "$row" "$t" "$c" "$mb"
done
echo
echo "Targets (ratios from this run)"
tops="$(awk -v a="$(med top-200k 3)" -v b="$(med top-1m 3)" 'BEGIN { if (a == "NA" || b == "NA") print "NA"; else print a + b }')"
toprss="$(awk -v a="$(med top-200k 4)" -v b="$(med top-1m 4)" 'BEGIN { if (a == "NA" || b == "NA") print "NA"; else print (a > b ? a : b) }')"
check "merge time / (top 200k + top 1m) <= 1.3" "$(ratio "$(med merge 3)" "$tops")" '<=' 1.3
check "merge peak RSS / larger top's <= 1.3" "$(ratio "$(med merge 4)" "$toprss")" '<=' 1.3
check "diff-base time / (top 200k + top 1m) <= 1.3" "$(ratio "$(med diffbase 3)" "$tops")" '<=' 1.3
check "diff-base peak RSS / larger top's <= 1.3" "$(ratio "$(med diffbase 4)" "$toprss")" '<=' 1.3
check "top 1m time / zcat <= 1.4" "$(ratio "$(med top-1m 3)" "$(med zcat-1m 3)")" '<=' 1.4
check "top 1m peak RSS (MiB) <= 160" "$(awk -v k="$(med top-1m 4)" 'BEGIN { if (k == "NA") print "NA"; else printf "%.1f", k / 1024 }')" '<=' 160
check "traces 1m peak RSS (MiB) <= 300" "$(awk -v k="$(med traces-1m 4)" 'BEGIN { if (k == "NA") print "NA"; else printf "%.1f", k / 1024 }')" '<=' 300
check "pprof -traces / heapscope traces on 200k >= 3" "$(ratio "$(med pprof-traces-200k 3)" "$(med traces-200k 3)")" '>=' 3
check "trend over $SERIES / $SERIES separate tops <= 0.3" "$(ratio "$(med trend 3)" "$(med series-tops 3)")" '<=' 0.3
check "flame 1m / top 1m <= 2" "$(ratio "$(med flame-1m 3)" "$(med top-1m 3)")" '<=' 2
check "export proto 1m / top 1m <= 2" "$(ratio "$(med export-proto-1m 3)" "$(med top-1m 3)")" '<=' 2
check "export folded 1m / top 1m <= 2" "$(ratio "$(med export-folded-1m 3)" "$(med top-1m 3)")" '<=' 2
echo
echo "The same ratios in CPU seconds (user + system; less sensitive to other load, blind to parallelism)"
cputops="$(awk -v a="$(med top-200k 6)" -v b="$(med top-1m 6)" 'BEGIN { if (a == "NA" || b == "NA") print "NA"; else print a + b }')"
printf '  %-58s %8s\n' "merge / (top 200k + top 1m)" "$(ratio "$(med merge 6)" "$cputops")"
printf '  %-58s %8s\n' "diff-base / (top 200k + top 1m)" "$(ratio "$(med diffbase 6)" "$cputops")"
printf '  %-58s %8s\n' "top 1m / zcat" "$(ratio "$(med top-1m 6)" "$(med zcat-1m 6)")"
printf '  %-58s %8s\n' "pprof -traces / heapscope traces on 200k" "$(ratio "$(med pprof-traces-200k 6)" "$(med traces-200k 6)")"
printf '  %-58s %8s\n' "trend / separate tops" "$(ratio "$(med trend 6)" "$(med series-tops 6)")"
printf '  %-58s %8s\n' "flame 1m / top 1m" "$(ratio "$(med flame-1m 6)" "$(med top-1m 6)")"
echo "$FAILED" >"$TMP/failed"
} | tee "$OUT/paths-latest.txt"
echo "(raw runs: $RESULTS)"
exit "$(cat "$TMP/failed")"
