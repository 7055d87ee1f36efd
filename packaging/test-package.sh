#!/usr/bin/env bash
# Builds the Debian package from a finished build tree, unpacks it into a temporary root and
# checks what a user would get: the files, their names, the dependencies, and the installed
# binary running headless.
#   packaging/test-package.sh BUILD_DIR APP_ID VERSION
set -euo pipefail
build="$(cd "${1:?usage: test-package.sh BUILD_DIR APP_ID VERSION}" && pwd)"
app_id="${2:?app id}"
version="${3:?version}"
here="$(cd "$(dirname "$0")" && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "test-package: FAIL: $*" >&2; exit 1; }

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack -G DEB failed"; }
debs=("$work"/out/hubgrowth_"$version"_*.deb)
[ -f "${debs[0]}" ] || fail "no hubgrowth_${version}_*.deb in $(ls "$work/out")"
deb="${debs[0]}"
echo "test-package: built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# Control fields: dpkg-shlibdeps filled in the Qt and Ceres libraries; plugins added by hand.
depends="$(dpkg-deb -f "$deb" Depends)"
for dep in libc6 libqt6core6 libqt6widgets6 qt6-qpa-plugins; do
  [[ "$depends" == *"$dep"* ]] || fail "Depends lacks $dep: $depends"
done
[ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || fail "no Maintainer"
[ -n "$(dpkg-deb -f "$deb" Description)" ] || fail "no Description"

root="$work/root"
dpkg-deb -x "$deb" "$root"
expect=(
  usr/bin/hubgrowth
  "usr/share/applications/$app_id.desktop"
  "usr/share/metainfo/$app_id.metainfo.xml"
  "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
  "usr/share/icons/hicolor/256x256/apps/$app_id.png"
)
for f in "${expect[@]}"; do [ -f "$root/$f" ] || fail "package lacks /$f"; done
[ -x "$root/usr/bin/hubgrowth" ] || fail "/usr/bin/hubgrowth is not executable"
file -b "$root/usr/share/icons/hicolor/256x256/apps/$app_id.png" | grep -q "PNG image data, 256 x 256" ||
  fail "the PNG icon is not 256 x 256: $(file -b "$root/usr/share/icons/hicolor/256x256/apps/$app_id.png")"
# Nothing from the build or test tree leaks into the package.
unexpected="$(cd "$root" && find . -type f | sed 's|^\./||' | sort | grep -vxF -f <(printf '%s\n' "${expect[@]}") || true)"
[ -z "$unexpected" ] || fail "unexpected files in the package: $unexpected"

# The desktop entry and metainfo point at the installed binary and icon, under the one id.
grep -qx "Icon=$app_id" "$root/usr/share/applications/$app_id.desktop" || fail "desktop Icon is not $app_id"
grep -q "^Exec=hubgrowth" "$root/usr/share/applications/$app_id.desktop" || fail "desktop Exec is not hubgrowth"
grep -q "<id>$app_id</id>" "$root/usr/share/metainfo/$app_id.metainfo.xml" || fail "metainfo id is not $app_id"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
  "$root/usr/share/metainfo/$app_id.metainfo.xml" || fail "metainfo launchable is not $app_id.desktop"
"$here/validate.sh" desktop "$root/usr/share/applications/$app_id.desktop"
"$here/validate.sh" metainfo "$root/usr/share/metainfo/$app_id.metainfo.xml"

# The installed binary, headless.
export QT_QPA_PLATFORM=offscreen
out="$("$root/usr/bin/hubgrowth" --version)"
[ "$out" = "hubgrowth $version" ] || fail "--version printed '$out'"
"$root/usr/bin/hubgrowth" fit demo --threads 2 --out "$work/fits.csv" 2>"$work/fit.err" ||
  { cat "$work/fit.err" >&2; fail "fit demo failed"; }
head -1 "$work/fits.csv" | grep -q "^model,org,created_at," || fail "fit demo wrote no header"
rows=$(($(wc -l <"$work/fits.csv") - 1))
[ "$rows" -ge 10 ] || fail "fit demo wrote $rows rows"
# One chart rendered headless by the installed binary (it picks the offscreen platform itself).
"$root/usr/bin/hubgrowth" export-chart demo --chart curve --size 800x500 \
  --out "$work/chart.png" 2>"$work/chart.err" || { cat "$work/chart.err" >&2; fail "export-chart failed"; }
file "$work/chart.png" | grep -q "PNG image data, 800 x 500" ||
  fail "export-chart wrote $(file -b "$work/chart.png")"
echo "test-package: OK ($rows fitted rows and an 800x500 chart from the installed binary)"
