#!/usr/bin/env bash
# Static checks: clang-tidy with the repository's .clang-tidy over core/ (the models, fitter,
# readers and the Qt data layer), ui/ and app/, and cppcheck with
# packaging/cppcheck-suppressions.txt over core/. Third-party headers (Eigen, Ceres, Qt) are not
# checked. Exits non-zero on any finding.
#   packaging/static-checks.sh [BUILD_DIR]   (default build/release, configured if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
jobs="$(nproc 2>/dev/null || echo 2)"
[ -f "$build/compile_commands.json" ] || cmake --preset release >/dev/null
# Generated headers (Qt moc, the demo snapshot resource) must exist for the compile database.
cmake --build "$build" --target hubgrowth --parallel "$jobs" >/dev/null

mapfile -t sources < <(find core ui app -name '*.cpp' | sort)
status=0

echo "static-checks: clang-tidy on ${#sources[@]} files"
tidy="$(command -v clang-tidy-14 || command -v clang-tidy)"
if ! printf '%s\n' "${sources[@]}" |
    xargs -P "$jobs" -n 1 "$tidy" -p "$build" --quiet 2>/dev/null; then
  echo "static-checks: clang-tidy found problems (above)" >&2
  status=1
fi

echo "static-checks: cppcheck"
if ! cppcheck --quiet --std=c++17 --language=c++ --enable=warning,style,performance,portability \
    --inline-suppr --error-exitcode=1 -j "$jobs" \
    --suppressions-list=packaging/cppcheck-suppressions.txt \
    -I core/core/include -I core/data/include -D__GNUC__ --library=qt core; then
  echo "static-checks: cppcheck found problems (above)" >&2
  status=1
fi
[ $status -eq 0 ] && echo "static-checks: core/, ui/ and app/ are clean"
exit $status
