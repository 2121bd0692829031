#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests: installed from Debian's packages if
# missing, run as an unprivileged user from a temporary directory, listening on 127.0.0.1 only.
# Usage: source .ci/postgres.sh   (exports DDC_PG_URL; call ddc_pg_stop when done)
set -euo pipefail

ddc_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  return 1
}

if ! PG_BIN=$(ddc_pg_bin); then
  echo "ci: installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(ddc_pg_bin)
  # Debian starts its own cluster on install; it is not ours, leave it alone.
fi

PG_USER=$(id -un)
if [ "$(id -u)" = 0 ]; then
  PG_USER=ddcpg
  id "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
fi
DDC_PG_DIR=$(mktemp -d /tmp/ddc-pg.XXXXXX)
chmod 700 "$DDC_PG_DIR"
[ "$(id -u)" = 0 ] && chown "$PG_USER" "$DDC_PG_DIR"
DDC_PG_PORT=$(( 20000 + RANDOM % 20000 ))

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

as_pg "$PG_BIN/initdb" -D "$DDC_PG_DIR/data" -U ddc --auth=trust -E UTF8 --locale=C >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$DDC_PG_DIR/data" -l "$DDC_PG_DIR/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $DDC_PG_PORT -k $DDC_PG_DIR -c max_connections=200 -c fsync=on" start >/dev/null
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$DDC_PG_PORT" -U ddc ddc
export DDC_PG_URL="jdbc:postgresql://127.0.0.1:$DDC_PG_PORT/ddc?user=ddc"
export DDC_PG_DIR DDC_PG_PORT PG_BIN PG_USER
echo "ci: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$DDC_PG_PORT ($DDC_PG_DIR)"

ddc_pg_stop() {
  as_pg "$PG_BIN/pg_ctl" -D "$DDC_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DDC_PG_DIR"
}
