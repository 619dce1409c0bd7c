#!/usr/bin/env bash
# Installs what twin's tests need beyond Go, on Debian/Ubuntu: the reference
# tools the tests compare against (PROJ's cs2cs, GDAL, osmium, jq) and the
# Mosquitto MQTT broker that the live-ingest tests start on a loopback port,
# and SUMO with its tools for the traffic checks.
# Idempotent: installs only what is missing. Needs root or sudo.
set -euo pipefail

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have cs2cs    || need+=(proj-bin)
have ogrinfo  || need+=(gdal-bin)
have osmium   || need+=(osmium-tool)
have jq       || need+=(jq)
have geod     || need+=(proj-bin)
# Debian installs the broker in /usr/sbin, which a non-root PATH may lack.
have mosquitto || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
# SUMO, the reference traffic simulator (sumo, netconvert, netgenerate,
# duarouter) and its Python tools (randomTrips.py, tlsCoordinator.py) under
# SUMO_HOME=/usr/share/sumo.
have sumo || need+=(sumo)
[ -f /usr/share/sumo/tools/randomTrips.py ] || need+=(sumo-tools)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if have sudo; then SUDO=sudo; else
    echo "deps: need root or sudo to install: ${need[*]}" >&2; exit 1
  fi
fi
echo "deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
$SUDO apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
