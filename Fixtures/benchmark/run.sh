#!/usr/bin/env bash
# Benchmark `heapscope top` against `zcat` and `go tool pprof -top` on two
# large generated heap profiles (200k and 1M samples). See README.md.
#
# usage: Fixtures/benchmark/run.sh [--runs N] [--no-build] [--skip-pprof]
#            [--skip-heapscope] [--heapscope PATH] [--only 200k|1m]
#
# Exit status: 0 when every checked target passes (skipped ones don't count),
# 1 when a target fails or heapscope fails, 2 on a usage or setup error.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/out"

RUNS=5
BUILD=1
SKIP_PPROF=0
SKIP_HEAPSCOPE=0
HEAPSCOPE="$ROOT/.build/release/heapscope"
SIZES=(200k 1m)

usage() {
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    cat <<'EOF'

  --runs N          timed runs of each command per size (default 5)
  --no-build        don't run `swift build -c release --product heapscope`
  --skip-pprof      don't time `go tool pprof -top` (≈40 s and 3.5 GB per 1M run)
  --skip-heapscope  don't time heapscope (e.g. before it exists)
  --heapscope PATH  time this binary instead of .build/release/heapscope
                    (implies --no-build)
  --only SIZE       only one profile: 200k or 1m
EOF
}

die() { echo "run.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --runs) [ $# -ge 2 ] || die "--runs needs a number"; RUNS="$2"; shift 2 ;;
        --runs=*) RUNS="${1#*=}"; shift ;;
        --no-build) BUILD=0; shift ;;
        --skip-pprof) SKIP_PPROF=1; shift ;;
        --skip-heapscope) SKIP_HEAPSCOPE=1; BUILD=0; shift ;;
        --heapscope) [ $# -ge 2 ] || die "--heapscope needs a path"; HEAPSCOPE="$2"; BUILD=0; shift 2 ;;
        --heapscope=*) HEAPSCOPE="${1#*=}"; BUILD=0; shift ;;
        --only) [ $# -ge 2 ] || die "--only needs 200k or 1m"; SIZES=("$2"); shift 2 ;;
        --only=*) SIZES=("${1#*=}"); shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$RUNS'"
for s in "${SIZES[@]}"; do
    case "$s" in 200k|1m) ;; *) die "--only takes 200k or 1m, not '$s'" ;; esac
done
case "$HEAPSCOPE" in /*) ;; *) HEAPSCOPE="$PWD/$HEAPSCOPE" ;; esac

samples_of() { case "$1" in 200k) echo 200000 ;; 1m) echo 1000000 ;; esac; }
profile_of() { echo "$OUT/heap-$1.pb.gz"; }

# ---------------------------------------------------------------- tools
missing=()
if [ ! -x /usr/bin/time ] || ! /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
    missing+=("GNU time at /usr/bin/time (install: apt-get install -y time)")
fi
command -v zcat >/dev/null || missing+=("zcat (install: apt-get install -y gzip)")
command -v go >/dev/null || missing+=("go ≥ 1.19, for generating profiles and go tool pprof (install: apt-get install -y golang-go)")
command -v awk >/dev/null || missing+=("awk")
if [ "$BUILD" = 1 ] && ! command -v swift >/dev/null; then
    missing+=("swift (or pass --no-build / --heapscope PATH)")
fi
if [ ${#missing[@]} -gt 0 ]; then
    printf 'run.sh: missing: %s\n' "${missing[@]}" >&2
    exit 2
fi
export GOWORK=off GOFLAGS="${GOFLAGS:-}"

mkdir -p "$OUT"
TMP="$(mktemp -d "$OUT/.tmp.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
TS="$(date -u +%Y%m%d-%H%M%S)"
RESULTS="$OUT/results-$TS.tsv"
LOG="$OUT/log-$TS.txt"
: >"$LOG"
say() { echo "$*" | tee -a "$LOG" >&2; }

# ---------------------------------------------------------------- build
HS_STATUS=ok # ok | skipped | build-failed | missing | failed
if [ "$SKIP_HEAPSCOPE" = 1 ]; then
    HS_STATUS=skipped
elif [ "$BUILD" = 1 ]; then
    say "== swift build -c release --product heapscope (log: $OUT/build.log)"
    if ! (cd "$ROOT" && swift build -c release --product heapscope) >"$OUT/build.log" 2>&1; then
        HS_STATUS=build-failed
        say "!! heapscope build FAILED; last lines of $OUT/build.log:"
        tail -n 20 "$OUT/build.log" | sed 's/^/   /' | tee -a "$LOG" >&2
    fi
fi
if [ "$HS_STATUS" = ok ] && [ ! -x "$HEAPSCOPE" ]; then
    HS_STATUS=missing
    say "!! no heapscope binary at $HEAPSCOPE"
fi

# ---------------------------------------------------------------- profiles
# A profile is reused when it is a valid gzip file made by the current
# biggen sources for the same sample count (recorded in a .stamp file).
gen_stamp() {
    (cd "$HERE/biggen" && cat go.mod ./*.go | sha256sum | cut -d' ' -f1)
    samples_of "$1"
}
BIGGEN_BUILT=0
for s in "${SIZES[@]}"; do
    f="$(profile_of "$s")"
    stamp="$(gen_stamp "$s")"
    if [ -s "$f" ] && [ -f "$f.stamp" ] && [ "$(cat "$f.stamp")" = "$stamp" ] && gzip -t "$f" 2>/dev/null; then
        say "== reusing $f"
        continue
    fi
    if [ "$BIGGEN_BUILT" = 0 ]; then
        say "== building biggen"
        (cd "$HERE/biggen" && go build -o "$OUT/biggen" .) || die "building biggen failed"
        BIGGEN_BUILT=1
    fi
    say "== generating $f ($(samples_of "$s") samples)"
    rm -f "$f" "$f.stamp"
    (cd "$OUT" && /usr/bin/time -f '%e s, %M KB peak RSS' -o "$TMP/gen.time" \
        ./biggen -samples "$(samples_of "$s")" -o "$TMP/gen.pb.gz") 2>&1 | tee -a "$LOG" >&2 \
        || die "biggen failed for $s"
    mv "$TMP/gen.pb.gz" "$f"
    echo "$stamp" >"$f.stamp"
    { echo "generated $(date -u +%FT%TZ): $(tail -n 1 "$TMP/gen.time")"; } >"$f.gen.txt"
    say "   $(cat "$f.gen.txt")"
done

# ---------------------------------------------------------------- measuring
# measure SIZE TOOL RUN CMD...: one timed run, appended to $RESULTS as
#   size tool run wall_s elapsed_e maxrss_kb exit_status
# wall_s comes from the nanosecond clock around /usr/bin/time (which itself
# only reports %e in 10 ms steps); maxrss_kb is %M, the peak RSS of the
# largest process in the tree (for `go tool pprof`, the pprof child).
measure() {
    local size="$1" tool="$2" run="$3"; shift 3
    local t0 t1 rc line wall e m
    t0=$(date +%s%N)
    set +e
    /usr/bin/time -f '%e %M' -o "$TMP/time" "$@" >/dev/null 2>"$TMP/stderr"
    rc=$?
    set -e
    t1=$(date +%s%N)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    line="$(tail -n 1 "$TMP/time" 2>/dev/null || true)"
    e="${line%% *}"; m="${line##* }"
    [[ "$e" =~ ^[0-9.]+$ ]] || e=NA
    [[ "$m" =~ ^[0-9]+$ ]] || m=NA
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$tool" "$run" "$wall" "$e" "$m" "$rc" >>"$RESULTS"
    if [ "$rc" != 0 ]; then
        say "!! $tool on $size, run $run: exit status $rc; stderr:"
        { head -n -1 "$TMP/time" 2>/dev/null; tail -n 10 "$TMP/stderr"; } | sed 's/^/   /' | tee -a "$LOG" >&2
    fi
    return 0
}

TOOLS=(zcat)
if [ "$HS_STATUS" = ok ]; then TOOLS+=(heapscope); fi
if [ "$SKIP_PPROF" = 0 ]; then TOOLS+=(pprof); fi

{
    echo "# heapscope benchmark $TS UTC; runs=$RUNS; host $(uname -n) $(uname -m)," \
        "$(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "# cpu: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "# $(go version); heapscope: $HEAPSCOPE ($HS_STATUS)"
    printf 'size\ttool\trun\twall_s\telapsed_e\tmaxrss_kb\texit\n'
} >"$RESULTS"

# Warm-up: bring the files into the page cache, and run heapscope once
# (untimed) per size, keeping its output, to catch a failure early.
declare -A HS_SIZE_OK
for s in "${SIZES[@]}"; do
    f="$(profile_of "$s")"
    cat "$f" >/dev/null
    HS_SIZE_OK[$s]=0
    if [ "$HS_STATUS" = ok ]; then
        if "$HEAPSCOPE" top "$f" >"$OUT/heapscope-top-$s.txt" 2>"$TMP/stderr"; then
            HS_SIZE_OK[$s]=1
            if [ ! -s "$OUT/heapscope-top-$s.txt" ]; then
                say "!! heapscope top $s printed nothing (see $OUT/heapscope-top-$s.txt)"
            fi
        else
            say "!! heapscope top on $s FAILED in the warm-up run (exit $?); stderr:"
            tail -n 10 "$TMP/stderr" | sed 's/^/   /' | tee -a "$LOG" >&2
            say "   its timed runs are skipped"
        fi
    fi
done

say "== measuring: ${TOOLS[*]} on ${SIZES[*]}, $RUNS runs each, interleaved (raw: $RESULTS)"
for ((r = 1; r <= RUNS; r++)); do
    for s in "${SIZES[@]}"; do
        f="$(profile_of "$s")"
        for t in "${TOOLS[@]}"; do
            case "$t" in
                zcat) measure "$s" zcat "$r" zcat "$f" ;;
                heapscope)
                    if [ "${HS_SIZE_OK[$s]}" = 1 ]; then measure "$s" heapscope "$r" "$HEAPSCOPE" top "$f"; fi ;;
                pprof) measure "$s" pprof "$r" go tool pprof -top "$f" ;;
            esac
        done
        printf '   run %d/%d %s done\n' "$r" "$RUNS" "$s" >&2
    done
done

# ---------------------------------------------------------------- report
# med SIZE TOOL COLUMN: median over the successful runs, or NA.
med() {
    awk -F'\t' -v s="$1" -v t="$2" -v c="$3" \
        '!/^#/ && $1 == s && $2 == t && $7 == 0 && $c != "NA" { print $c }' "$RESULTS" |
        sort -g | awk '{ a[NR] = $1 } END {
            if (NR == 0) print "NA"
            else if (NR % 2) print a[(NR + 1) / 2]
            else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
nruns() { awk -F'\t' -v s="$1" -v t="$2" '!/^#/ && $1 == s && $2 == t { n++; if ($7 == 0) ok++ } END { printf "%d/%d", ok, n }' "$RESULTS"; }
nfail() { awk -F'\t' -v s="$1" -v t="$2" '!/^#/ && $1 == s && $2 == t && $7 != 0 { n++ } END { print n + 0 }' "$RESULTS"; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
isnum() { [[ "$1" =~ ^[0-9.]+$ ]]; }

# check NAME VALUE OP LIMIT UNIT — one PASS/FAIL/SKIP line; VALUE may be NA.
FAILED=0
check() {
    local name="$1" v="$2" op="$3" lim="$4" unit="$5" why="${6:-}" res
    if [ "$v" = NA ]; then
        res=SKIP; [ -n "$why" ] && res="$why"
        printf '  %-44s %-12s %s\n' "$name" "n/a" "$res"
        case "$res" in FAIL*) FAILED=1 ;; esac
        return
    fi
    if awk -v v="$v" -v l="$lim" -v op="$op" 'BEGIN { exit !((op == "<=") ? (v <= l) : (v >= l)) }'; then
        res=PASS
    else
        res=FAIL; FAILED=1
    fi
    printf '  %-44s %-12s %s\n' "$name" "$v$unit" "$res"
}

{
echo
echo "Medians of $RUNS runs (time: wall seconds; RSS: peak, MB = 2^20 bytes)"
printf '%-6s %-10s %9s %9s %6s\n' size tool time_s rss_MB ok/runs
for s in "${SIZES[@]}"; do
    for t in zcat heapscope pprof; do
        tm="$(med "$s" "$t" 4)"; kb="$(med "$s" "$t" 6)"
        if [ "$t" = heapscope ] && [ "$HS_STATUS" != ok ]; then
            printf '%-6s %-10s %9s %9s %6s\n' "$s" "$t" - - "$HS_STATUS"; continue
        fi
        if [ "$t" = heapscope ] && [ "${HS_SIZE_OK[$s]}" != 1 ]; then
            printf '%-6s %-10s %9s %9s %6s\n' "$s" "$t" - - failed; continue
        fi
        if [ "$t" = pprof ] && [ "$SKIP_PPROF" = 1 ]; then
            printf '%-6s %-10s %9s %9s %6s\n' "$s" "$t" - - skipped; continue
        fi
        isnum "$kb" && mb="$(calc '%.1f' "$kb / 1024")" || mb=NA
        isnum "$tm" && tm="$(calc '%.3f' "$tm")"
        printf '%-6s %-10s %9s %9s %6s\n' "$s" "$t" "$tm" "$mb" "$(nruns "$s" "$t")"
    done
done
echo
printf '%-6s %16s %16s\n' size heapscope/zcat pprof/heapscope
for s in "${SIZES[@]}"; do
    z="$(med "$s" zcat 4)"; h="$(med "$s" heapscope 4)"; p="$(med "$s" pprof 4)"
    r1=NA; r2=NA
    isnum "$z" && isnum "$h" && r1="$(calc '%.2f' "$h / $z")x"
    isnum "$h" && isnum "$p" && r2="$(calc '%.1f' "$p / $h")x"
    printf '%-6s %16s %16s\n' "$s" "$r1" "$r2"
done
echo
echo "Targets"
} | tee -a "$LOG"

# A heapscope that was asked for but failed is a FAIL, not a SKIP.
hs_why() {
    if [ "$HS_STATUS" = skipped ]; then echo SKIP
    elif [ "$HS_STATUS" != ok ]; then echo "FAIL ($HS_STATUS)"
    elif [ "${HS_SIZE_OK[$1]}" != 1 ] || [ "$(nfail "$1" heapscope)" != 0 ]; then echo "FAIL (heapscope failed)"
    else echo SKIP
    fi
}
hs_val() { # only when every timed run of heapscope succeeded
    if [ "$HS_STATUS" = ok ] && [ "${HS_SIZE_OK[$1]}" = 1 ] && [ "$(nfail "$1" heapscope)" = 0 ]; then
        echo "$2"
    else
        echo NA
    fi
}
{
for s in "${SIZES[@]}"; do
    z="$(med "$s" zcat 4)"; h="$(med "$s" heapscope 4)"; p="$(med "$s" pprof 4)"; kb="$(med "$s" heapscope 6)"
    mb=NA; isnum "$kb" && mb="$(calc '%.1f' "$kb / 1024")"
    case "$s" in
        1m)
            r=NA; isnum "$z" && isnum "$h" && r="$(calc '%.2f' "$h / $z")"
            check "1m:   heapscope time <= 2.5x zcat" "$(hs_val "$s" "$r")" '<=' 2.5 x "$(hs_why "$s")"
            check "1m:   heapscope peak RSS <= 250 MB" "$(hs_val "$s" "$mb")" '<=' 250 " MB" "$(hs_why "$s")"
            ;;
        200k)
            r=NA; isnum "$p" && isnum "$h" && r="$(calc '%.1f' "$p / $h")"
            why="$(hs_why "$s")"; [ "$SKIP_PPROF" = 1 ] && [ "$why" = SKIP ] && why="SKIP (--skip-pprof)"
            check "200k: heapscope >= 40x faster than pprof" "$(hs_val "$s" "$r")" '>=' 40 x "$why"
            check "200k: heapscope peak RSS <= 120 MB" "$(hs_val "$s" "$mb")" '<=' 120 " MB" "$(hs_why "$s")"
            ;;
    esac
done
} | tee -a "$LOG" | tee "$TMP/targets"
grep -q 'FAIL' "$TMP/targets" && FAILED=1
echo "(raw runs: $RESULTS; log: $LOG)"
exit "$FAILED"
