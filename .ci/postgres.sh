#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the store tests and exports PGHOST=127.0.0.1, PGPORT,
# PGUSER, PGDATABASE=sync_test (and SYNC_TEST_PG_URL). Meant to be sourced:
#
#   source .ci/postgres.sh && mvn -B verify
#
# - installs PostgreSQL from Debian's packages when initdb/pg_ctl cannot be found;
# - runs the server as the unprivileged "postgres" user when called as root (PostgreSQL refuses
#   to run as root);
# - data directory and unix socket live in a fresh mktemp directory; the server listens on
#   127.0.0.1 only, on a free port, with trust authentication (nothing else can reach it);
# - registers an EXIT trap that stops the server and deletes the directory;
# - idempotent: sourcing it again in the same shell reuses the running server.
# It does not change the caller's shell options; on failure it returns (or exits) non-zero.

_sync_pg_fail() {
  echo "postgres.sh: $*" >&2
  return 1
}

_sync_pg_find_bin() {
  local d best=""
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then best="$d"; fi
  done
  if [ -z "$best" ] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    best="$(dirname "$(readlink -f "$(command -v initdb)")")"
  fi
  if [ -n "$best" ]; then echo "$best"; fi
  return 0
}

_sync_pg_free_port() {
  local port i
  for i in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    # nothing answering on the port: take it (pg_ctl start fails loudly on a rare race)
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

_sync_pg_as() {
  if [ "$(id -u)" = "0" ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

_sync_pg_stop() {
  if [ -n "${_SYNC_PG_ROOT:-}" ] && [ -d "$_SYNC_PG_ROOT" ]; then
    _sync_pg_as "$_SYNC_PG_BIN/pg_ctl" -D "$_SYNC_PG_ROOT/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    rm -rf "$_SYNC_PG_ROOT"
  fi
}

_sync_pg_start() {
  # already started by an earlier source in this shell, and still answering: reuse it
  if [ -n "${_SYNC_PG_ROOT:-}" ] && [ -n "${PGPORT:-}" ] && [ -d "${_SYNC_PG_ROOT}/data" ] \
      && "$_SYNC_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" 2>/dev/null; then
    echo "postgres.sh: reusing PostgreSQL on 127.0.0.1:$PGPORT" >&2
    return 0
  fi

  local bin
  bin="$(_sync_pg_find_bin)"
  if [ -z "$bin" ]; then
    echo "postgres.sh: PostgreSQL not found, installing it from Debian's packages" >&2
    if [ "$(id -u)" != "0" ]; then
      _sync_pg_fail "not root: install the 'postgresql' package first" || return 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || _sync_pg_fail "apt-get update failed" || return 1
    apt-get install -y -qq postgresql >&2 || _sync_pg_fail "apt-get install postgresql failed" || return 1
    bin="$(_sync_pg_find_bin)"
    [ -n "$bin" ] || _sync_pg_fail "no initdb/pg_ctl after installing postgresql" || return 1
  fi

  local root user port
  local tmp="${TMPDIR:-/tmp}"
  # as root the server runs as "postgres", which must be able to reach the directory: use /tmp
  [ "$(id -u)" = "0" ] && tmp=/tmp
  root="$(mktemp -d "$tmp/sync-pg.XXXXXX")" || _sync_pg_fail "mktemp failed" || return 1
  user="$(id -un)"
  if [ "$(id -u)" = "0" ]; then
    if ! id postgres >/dev/null 2>&1; then
      useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres \
        || _sync_pg_fail "cannot create the postgres user" || return 1
    fi
    chown -R postgres: "$root"
    chmod 700 "$root"
    user=postgres
  fi
  port="$(_sync_pg_free_port)" || _sync_pg_fail "no free port" || return 1

  _SYNC_PG_BIN="$bin"
  _SYNC_PG_ROOT="$root"
  trap _sync_pg_stop EXIT

  if ! _sync_pg_as "$bin/initdb" -D "$root/data" -U "$user" --auth=trust -E UTF8 --locale=C >"$root/initdb.log" 2>&1; then
    cat "$root/initdb.log" >&2
    _sync_pg_fail "initdb failed"
    return 1
  fi
  if ! _sync_pg_as "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $root -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
      start >/dev/null 2>&1; then
    cat "$root/server.log" >&2 2>/dev/null
    _sync_pg_fail "pg_ctl start failed"
    return 1
  fi
  local i
  for i in $(seq 1 60); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
  done
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || _sync_pg_fail "server not ready on port $port" || return 1
  "$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U "$user" -d postgres -c "CREATE DATABASE sync_test" >/dev/null \
    || _sync_pg_fail "CREATE DATABASE failed" || return 1

  export PGHOST=127.0.0.1 PGPORT="$port" PGUSER="$user" PGDATABASE=sync_test
  export SYNC_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/sync_test"
  echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port," \
    "user $user, database sync_test (data in $root, removed on exit)" >&2
}

_sync_pg_start || { return 1 2>/dev/null || exit 1; }
