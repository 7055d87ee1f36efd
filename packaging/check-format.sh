#!/usr/bin/env bash
# Checks that every tracked C++ source and header (*.cpp, *.h) is formatted with the repository's
# .clang-format: clang-format --dry-run -Werror, clang-format 14 as in Debian bookworm. Lists the
# files that are not and exits non-zero; `clang-format -i FILE` fixes one.
#   packaging/check-format.sh
set -euo pipefail
cd "$(dirname "$0")/.."
format="$(command -v clang-format-14 || command -v clang-format)" ||
  { echo "check-format: clang-format not found (apt-get install clang-format-14)" >&2; exit 2; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.h')
else  # a source tarball: the same folders
  mapfile -t files < <(find core ui app tests packaging -name '*.cpp' -o -name '*.h' | sort)
fi
echo "check-format: $("$format" --version | sed 's/.*version /clang-format /') on ${#files[@]} files"

# --dry-run prints one "FILE:LINE:COL: error: code should be clang-formatted" per change.
report="$(printf '%s\0' "${files[@]}" |
  xargs -0 -n 64 "$format" --dry-run -Werror --style=file 2>&1 >/dev/null || true)"
mapfile -t unformatted < <(printf '%s\n' "$report" |
  sed -n 's/^\(.*\):[0-9][0-9]*:[0-9][0-9]*: error: .*\[-Wclang-format-violations\]$/\1/p' |
  sort -u)
# clang-format's own failures (a bad .clang-format, an unreadable file) start the line.
other="$(printf '%s\n' "$report" | grep -E '^(error|Error|YAML|Configuration file)' || true)"
if [ -n "$other" ]; then
  printf '%s\n' "$other" >&2
  echo "check-format: clang-format failed (above)" >&2
  exit 1
fi
if [ ${#unformatted[@]} -gt 0 ]; then
  printf '  %s\n' "${unformatted[@]}" >&2
  echo "check-format: ${#unformatted[@]} of ${#files[@]} files are not formatted (clang-format -i FILE)" >&2
  exit 1
fi
echo "check-format: all ${#files[@]} files are formatted"
