#!/usr/bin/env bash
# Runs the freedesktop validator on a desktop entry or an AppStream metainfo file.
#   packaging/validate.sh desktop|metainfo FILE
set -euo pipefail
kind="${1:?usage: validate.sh desktop|metainfo FILE}"
file="${2:?usage: validate.sh desktop|metainfo FILE}"
case "$kind" in
  desktop)
    # It exits 0 on warnings and hints; any finding fails here.
    findings="$(desktop-file-validate "$file" 2>&1)" || { echo "$findings" >&2; exit 1; }
    if [ -n "$findings" ]; then echo "$findings" >&2; exit 1; fi ;;
  metainfo) appstreamcli validate --no-net --pedantic "$file" ;;
  *) echo "validate.sh: unknown kind '$kind'" >&2; exit 2 ;;
esac
echo "validate.sh: $file is valid"
