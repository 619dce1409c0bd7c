#!/usr/bin/env bash
# Renders a scenario report in headless Chromium and checks the screenshot:
# the page is not blank and every chart frame has ink inside
# (scenarios/report.CheckScreenshot). Runs twin demo for its first
# 20 minutes of simulated time on the sample city to make the report.
# Installs Debian's chromium when it is missing (root or sudo). About a
# minute.
set -euo pipefail
cd "$(dirname "$0")/.."

have() { command -v "$1" >/dev/null 2>&1; }
if ! have chromium; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if have sudo; then SUDO=sudo; else
      echo "report-check: need root or sudo to install chromium" >&2; exit 1
    fi
  fi
  echo "report-check: installing chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q >/dev/null
  $SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
GO=${GO:-go}
CGO_ENABLED=0 $GO build -o "$tmp/twin" ./cmd/twin
CGO_ENABLED=0 $GO build -o "$tmp/shotcheck" ./scenarios/report/internal/shotcheck
"$tmp/twin" demo --quiet --duration 20m --out "$tmp/report" >"$tmp/demo.txt"
charts=$(ls "$tmp/report/charts" | wc -l)
# A tall window holds the whole page; Chromium writes the screenshot and exits.
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --screenshot="$tmp/shot.png" --window-size=1280,9000 \
  "file://$tmp/report/report.html" >"$tmp/chromium.log" 2>&1 || {
  cat "$tmp/chromium.log" >&2; exit 1; }
"$tmp/shotcheck" "$tmp/shot.png" "$charts"
