#!/usr/bin/env bash
# Starts a throw-away PostgreSQL on 127.0.0.1 for the store tests and exports PGHOST/PGPORT/
# PGUSER/PGDATABASE. Installs PostgreSQL from Debian's packages when it is absent. Sourced by
# .ci/run; safe to source again (a running instance from this shell is reused).
set -euo pipefail

if [ -n "${SYNC_PG_STARTED:-}" ]; then
  return 0 2>/dev/null || exit 0
fi

pg_bin=""
find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then pg_bin="$d"; fi
  done
  if [ -z "$pg_bin" ] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    pg_bin="$(dirname "$(readlink -f "$(command -v initdb)")")"
  fi
}
find_pg_bin
if [ -z "$pg_bin" ]; then
  echo "postgres.sh: PostgreSQL not found, installing it" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  find_pg_bin
fi
[ -n "$pg_bin" ] || { echo "postgres.sh: no initdb/pg_ctl after install" >&2; exit 1; }

pg_root="$(mktemp -d /tmp/sync-pg.XXXXXX)"
pg_user="$(id -un)"
run_pg() { "$@"; }
if [ "$(id -u)" = "0" ]; then
  # PostgreSQL refuses to run as root: use the postgres account (created by the package) or make one
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown -R postgres "$pg_root"
  pg_user=postgres
  run_pg() { runuser -u postgres -- "$@"; }
fi
pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)"

run_pg "$pg_bin/initdb" -D "$pg_root/data" -U "$pg_user" --auth=trust -E UTF8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_root -c fsync=off -c max_connections=100" start >/dev/null
run_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -d postgres -qc "CREATE DATABASE sync_test" >/dev/null

export PGHOST=127.0.0.1 PGPORT="$pg_port" PGUSER="$pg_user" PGDATABASE=sync_test SYNC_PG_STARTED=1
export SYNC_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$pg_port/sync_test"
stop_pg() { run_pg "$pg_bin/pg_ctl" -D "$pg_root/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_root"; }
trap stop_pg EXIT
echo "postgres.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (data in $pg_root)" >&2
