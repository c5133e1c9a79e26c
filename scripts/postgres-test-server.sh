#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 server on loopback for the storage tests, as a non-root user in a
# temporary directory, and prints the JDBC URL the tests read from FIELDSAFE_TEST_POSTGRES_URL.
#   eval "$(scripts/postgres-test-server.sh start)"   # exports FIELDSAFE_TEST_POSTGRES_URL and PG_TEST_DIR
#   scripts/postgres-test-server.sh stop "$PG_TEST_DIR"
# PG_SETTINGS: the server's settings (-c name=value ...); default fsync=off, the tests need no durability (the
# ingest benchmark, bench/run-ingest.sh DB=postgres, passes fsync=on and synchronous_commit=on).
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PG_SETTINGS=${PG_SETTINGS:--c fsync=off}
OS_USER=fieldsafe-pg

as_pg_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$OS_USER" -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ ! -x "$PGBIN/postgres" ]; then
      echo "PostgreSQL server binaries not found under $PGBIN" >&2
      exit 1
    fi
    if [ "$(id -u)" = 0 ] && ! id -u "$OS_USER" >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin "$OS_USER"
    fi
    dir=$(mktemp -d /tmp/fieldsafe-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown "$OS_USER" "$dir"
    port=$(( 40000 + RANDOM % 20000 ))
    as_pg_user "$PGBIN/initdb" -D "$dir/db" -A trust -U fieldsafe -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg_user "$PGBIN/pg_ctl" -D "$dir/db" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $PG_SETTINGS -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    psql -q -h 127.0.0.1 -p "$port" -U fieldsafe -d postgres -c 'CREATE DATABASE fieldsafe_test' >/dev/null
    echo "export PG_TEST_DIR='$dir'"
    echo "export FIELDSAFE_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:$port/fieldsafe_test?user=fieldsafe'"
    ;;
  stop)
    dir=${2:?usage: stop DIR}
    as_pg_user "$PGBIN/pg_ctl" -D "$dir/db" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
