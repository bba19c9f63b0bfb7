#!/usr/bin/env bash
# Rebuilds the Go generator programs, rewrites every profile in
# Fixtures/profiles/ and then every golden output (Fixtures/golden/generate.sh).
# Works from any directory. Needs Go (tested with Go 1.19).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! command -v go >/dev/null 2>&1; then
  echo "regenerate.sh: 'go' not found. Install it with: apt-get install -y golang-go" >&2
  exit 1
fi

# Binaries live in a neutral /tmp path: the running executable's path becomes
# the main mapping's filename inside every profile, so no repo or build-machine
# path ends up in committed files. -trimpath strips source paths as well, and
# CGO_ENABLED=0 keeps the binaries static (no libc mapping in the profiles).
BIN=/tmp/heapscope-fixtures
# One command per directory; generators/internal/ holds shared packages
# (pbwire, used by trendshapes and hostile), which are built as their imports.
GENERATORS=(mapleak stdlib recursive cpu trendshapes labels hostile legacyheap names contention goroutines)
mkdir -p "$BIN"

export GO111MODULE=on GOFLAGS= CGO_ENABLED=0
(
  cd Fixtures/generators
  for name in "${GENERATORS[@]}"; do
    echo "build  $name"
    go build -trimpath -o "$BIN/$name" "./$name"
  done
)

P=Fixtures/profiles
mkdir -p "$P/series"
rm -f "$P"/series/mapleak-*.pb.gz

echo "run    mapleak   -> $P/series/mapleak-{1..5}.pb.gz, $P/mapleak.pb.gz"
"$BIN/mapleak" "$P/series"
last="$(ls "$P"/series/mapleak-*.pb.gz | sort -t- -k2 -n | tail -n 1)"
cp "$last" "$P/mapleak.pb.gz"

# go tool pprof keeps only the last -base/-diff_base flag, so heapscope's
# merged bases (--base A --base B) are checked against pprof's -base of this
# file: snapshots 1 and 2 merged by pprof itself.
echo "merge  series 1+2 -> $P/merged/mapleak-1-2.pb.gz"
mkdir -p "$P/merged"
go tool pprof -proto "$P/series/mapleak-1.pb.gz" "$P/series/mapleak-2.pb.gz" > "$P/merged/mapleak-1-2.pb.gz"

echo "run    stdlib    -> $P/stdlib.pb.gz, $P/allocs.pb.gz"
"$BIN/stdlib" "$P/stdlib.pb.gz" "$P/allocs.pb.gz"

echo "run    recursive -> $P/recursive.pb.gz"
"$BIN/recursive" "$P/recursive.pb.gz"

echo "run    cpu       -> $P/cpu.pb.gz"
"$BIN/cpu" "$P/cpu.pb.gz"

echo "run    trendshapes -> $P/trend/shapes-{1..6}.pb.gz, $P/trend/notime/notime-{1..3}.pb"
"$BIN/trendshapes" "$P/trend"
echo "run    labels    -> $P/labels.pb.gz"
"$BIN/labels" "$P/labels.pb.gz"
echo "run    hostile   -> $P/hostile.pb.gz"
"$BIN/hostile" "$P/hostile.pb.gz"

echo "run    legacyheap -> $P/legacy/goheap.pb.gz, $P/legacy/goheap.txt"
mkdir -p "$P/legacy"
"$BIN/legacyheap" "$P/legacy/goheap.pb.gz" "$P/legacy/goheap.txt"
echo "run    contention -> $P/legacy/mutex.pb.gz, $P/legacy/mutex.txt"
"$BIN/contention" "$P/legacy/mutex.pb.gz" "$P/legacy/mutex.txt"
echo "run    goroutines -> $P/legacy/goroutine.txt, $P/legacy/threadcreate-go119.txt"
"$BIN/goroutines" "$P/legacy/goroutine.txt" "$P/legacy/threadcreate-go119.txt"
echo "run    names     -> $P/legacy/names.pb.gz, $P/legacy/zero-{base,new}.pb.gz"
"$BIN/names" "$P/legacy"

bash Fixtures/golden/generate.sh
