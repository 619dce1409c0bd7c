#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS server for the API benchmarks
# (scripts/bench-api.sh), and wrk to load the services. Not part of
# `make test`.
#
#   scripts/postgis.sh [start]   install what is missing, start the cluster (or
#                                reuse a running one), create the database with
#                                the postgis extension, print its connection URL
#   scripts/postgis.sh stop      stop the cluster and delete its directory
#
# Installs from Debian (apt) only what is missing: postgresql, the matching
# postgresql-N-postgis-3, wrk. The cluster lives in TWIN_PG_DIR (default
# ${TMPDIR:-/tmp}/twin-postgis), listens on 127.0.0.1:TWIN_PG_PORT (default
# 55432) and a Unix socket in that directory, trusts local connections, and
# runs with fsync off: it holds only benchmark data that the harness reloads.
# As root the server runs as the postgres user (PostgreSQL refuses root).
# Idempotent: running it again reuses what is there.
set -euo pipefail

DIR=${TWIN_PG_DIR:-${TMPDIR:-/tmp}/twin-postgis}
PORT=${TWIN_PG_PORT:-55432}
DB=${TWIN_PG_DB:-twin}
USER_NAME=twin
URL="postgres://$USER_NAME@127.0.0.1:$PORT/$DB?sslmode=disable"

have() { command -v "$1" >/dev/null 2>&1; }
log() { echo "postgis: $*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ] && have sudo; then SUDO=sudo; fi

apt_install() {
  if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
    log "need root or sudo to install: $*"; exit 1
  fi
  log "installing $*"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q >/dev/null
  $SUDO apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

# bindir prints the newest installed PostgreSQL server's bin directory.
bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

install() {
  local need=()
  bindir >/dev/null || need+=(postgresql)
  have psql || need+=(postgresql-client)
  have wrk || need+=(wrk)
  if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi
  local bin major
  bin=$(bindir) || { log "no PostgreSQL server found after installing"; exit 1; }
  major=$(basename "$(dirname "$bin")")
  if ! ls /usr/share/postgresql/"$major"/extension/postgis.control >/dev/null 2>&1; then
    apt_install "postgresql-$major-postgis-3"
  fi
}

# as runs a command as the cluster's owner: postgres when we are root.
as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  install
  local bin
  bin=$(bindir)
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
    log "initdb in $DIR/data"
    as "$bin/initdb" -D "$DIR/data" -U "$USER_NAME" --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || as "$bin/initdb" -D "$DIR/data" -U "$USER_NAME" --auth=trust -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
  fi
  if ! as "$bin/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    log "starting on 127.0.0.1:$PORT"
    as "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c max_connections=200 -c jit=off" \
      >/dev/null || { tail -n 20 "$DIR/server.log" >&2; exit 1; }
  fi
  if [ "$(psql "postgres://$USER_NAME@127.0.0.1:$PORT/postgres?sslmode=disable" -Atqc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    psql "postgres://$USER_NAME@127.0.0.1:$PORT/postgres?sslmode=disable" -qc "CREATE DATABASE $DB" >/dev/null
  fi
  PGOPTIONS=--client-min-messages=warning psql "$URL" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  log "$(psql "$URL" -Atqc 'SELECT version()' | cut -d, -f1), PostGIS $(psql "$URL" -Atqc 'SELECT postgis_lib_version()')"
  echo "$URL"
}

stop() {
  local bin
  if bin=$(bindir) && [ -f "$DIR/data/PG_VERSION" ]; then
    as "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
  log "stopped; removed $DIR"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
