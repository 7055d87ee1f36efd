#!/usr/bin/env bash
# Installs the Debian 12 (bookworm) packages HubGrowth needs to build, run and test, skipping
# what is already installed. Uses sudo when not root; runs apt-get update first when needed.
set -euo pipefail

packages=(
  g++ make cmake ccache pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
  qt6-httpserver-dev libqt6sql6-sqlite libsqlite3-dev qt6-qpa-plugins libgl-dev
  libceres-dev libeigen3-dev
  fonts-dejavu-core
  desktop-file-utils appstream dpkg-dev file
  clang-14 libclang-rt-14-dev clang-tidy-14 clang-format-14 cppcheck
)
packages+=("$@")  # extra packages from the caller (e.g. xvfb for screenshots)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
# A fresh machine has no package lists; refresh them when a package is unknown.
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
  $sudo apt-get update
fi
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
