#!/usr/bin/env bash
# Regenerates Fixtures/golden/<id>.txt for every case in Fixtures/golden/cases.tsv
# by running `go tool pprof <column 3>` from the repository root.
# stdout becomes the golden file; stderr is discarded (shown only on failure).
# Can be run alone, from any directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

if ! command -v go >/dev/null 2>&1; then
  echo "generate.sh: 'go' not found. Install it with: apt-get install -y golang-go" >&2
  exit 1
fi

# pprof prints the profile time ("Time: ...") in the local time zone.
export TZ=UTC

GOLDEN=Fixtures/golden
MANIFEST="$GOLDEN/cases.tsv"
errfile="$(mktemp)"
trap 'rm -f "$errfile"' EXIT

# Goldens are rewritten from scratch so that removed cases leave no stale file.
rm -f "$GOLDEN"/*.txt

declare -A seen=()
count=0
lineno=0
while IFS= read -r line || [[ -n "$line" ]]; do
  lineno=$((lineno + 1))
  [[ -z "$line" || "$line" == \#* ]] && continue
  IFS=$'\t' read -r -a cols <<< "$line"
  if [[ ${#cols[@]} -ne 3 ]]; then
    echo "generate.sh: $MANIFEST:$lineno: expected 3 TAB-separated columns, got ${#cols[@]}" >&2
    exit 1
  fi
  id="${cols[0]}"
  pprof_args="${cols[2]}"
  if [[ ! "$id" =~ ^[A-Za-z0-9._-]+$ ]]; then
    echo "generate.sh: $MANIFEST:$lineno: bad id '$id' (allowed: [A-Za-z0-9._-])" >&2
    exit 1
  fi
  if [[ -n "${seen[$id]:-}" ]]; then
    echo "generate.sh: $MANIFEST:$lineno: duplicate id '$id'" >&2
    exit 1
  fi
  seen[$id]=1
  read -r -a args <<< "$pprof_args"
  out="$GOLDEN/$id.txt"
  if ! go tool pprof "${args[@]}" > "$out.tmp" 2> "$errfile" < /dev/null; then
    echo "generate.sh: FAILED case '$id': go tool pprof $pprof_args" >&2
    cat "$errfile" >&2
    rm -f "$out.tmp"
    exit 1
  fi
  mv "$out.tmp" "$out"
  count=$((count + 1))
done < "$MANIFEST"

echo "generate.sh: wrote $count golden files to $GOLDEN/"
