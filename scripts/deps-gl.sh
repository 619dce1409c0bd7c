#!/usr/bin/env bash
# Installs what the OpenGL renderer (render/gl) needs to build and to run its
# tests on Debian/Ubuntu: the GL and X11 headers that go-gl's cgo code and
# GLFW compile against, pkg-config and gcc, and Xvfb with Mesa's software
# rasteriser (llvmpipe) so the tests draw without a monitor or a GPU.
# Idempotent: installs only what is missing. Needs root or sudo.
set -euo pipefail

pkgs=(libgl-dev libx11-dev libxrandr-dev libxinerama-dev libxcursor-dev
  libxi-dev libxxf86vm-dev pkg-config xvfb xauth libgl1-mesa-dri gcc)
need=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "deps-gl: need root or sudo to install: ${need[*]}" >&2; exit 1
  fi
fi
echo "deps-gl: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
$SUDO apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
