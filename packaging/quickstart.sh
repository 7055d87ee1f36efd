#!/usr/bin/env bash
# The README's quick start. `run`: install what is missing, build (Release) and open the app on
# its embedded synthetic demo data. `test`: the same set-up, then the whole test suite (ctest).
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"
case "$mode" in
  run|test) ;;
  *) echo "usage: packaging/quickstart.sh run|test" >&2; exit 2 ;;
esac

packaging/install-deps.sh
jobs="$(nproc 2>/dev/null || echo 2)"
cmake --preset release
cmake --build --preset release --parallel "$jobs"

if [ "$mode" = run ]; then
  exec build/release/bin/hubgrowth demo
fi
ctest --preset release --parallel "$jobs"
