#!/usr/bin/env bash
# Checks that a heapscope binary built with --static-swift-stdlib runs with
# the Swift toolchain's libraries out of reach: it needs no libswift* or
# Foundation library (ldd, readelf), carries no run path into the toolchain,
# and prints `heapscope top`'s golden for a bundled profile when run from a
# scratch directory with an empty environment and LD_LIBRARY_PATH.
# Usage: scripts/check-static.sh [BINARY]   (default .build-static/release/heapscope)
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-.build-static/release/heapscope}"
[ -x "$bin" ] || { echo "check-static: $bin not found; run 'make build' first" >&2; exit 2; }

fail() { echo "check-static: FAIL: $*" >&2; exit 1; }

deps="$(ldd "$bin" 2>&1 || true)"
if grep -Eq 'libswift|libFoundation|lib_FoundationICU|libdispatch|libBlocksRuntime|not found' <<<"$deps"; then
  fail "the binary still needs toolchain libraries:
$deps"
fi
# A run path other than the binary's own folder ($ORIGIN) could reach a toolchain.
runpath="$(readelf -d "$bin" | grep -E 'R(UN)?PATH' || true)"
if [ -n "$runpath" ] && grep -Eq '\[.*[^]]*/' <<<"${runpath//\$ORIGIN/}"; then
  fail "the binary has a run path outside its own folder: $runpath"
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp "$bin" "$scratch/heapscope"
cp Fixtures/profiles/mapleak.pb.gz "$scratch/"
(cd "$scratch" && env -i TZ=UTC LD_LIBRARY_PATH= ./heapscope top mapleak.pb.gz) > "$scratch/out.txt" 2> "$scratch/err.txt" \
  || fail "heapscope top exited $?: $(cat "$scratch/err.txt")"
if ! diff <(grep -v '^Time:' Fixtures/golden/top-mapleak-default.txt) <(grep -v '^Time:' "$scratch/out.txt") > "$scratch/diff.txt"; then
  fail "output differs from Fixtures/golden/top-mapleak-default.txt:
$(head -20 "$scratch/diff.txt")"
fi
echo "check-static: OK: $bin needs no Swift libraries and prints the top golden"
