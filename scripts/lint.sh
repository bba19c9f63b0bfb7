#!/usr/bin/env bash
# Lints the Swift sources with the toolchain's swift-format and the
# repository's .swift-format (4-space indent, 140 columns). Exit status 0
# when clean. `scripts/lint.sh --fix` reformats the files in place first.
set -euo pipefail
cd "$(dirname "$0")/.."

paths=(Sources Tests Package.swift)
if [ "${1:-}" = "--fix" ]; then
  swift format format --in-place --recursive --parallel "${paths[@]}"
fi
swift format lint --strict --recursive --parallel "${paths[@]}"
