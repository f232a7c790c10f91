# Sourced by .ci/run: make sure a PostgreSQL server runs for the shared-database tests.
# Installs PostgreSQL from the Debian packages when it is missing, starts a throw-away cluster
# on a free local port and exports JURYDESK_TEST_PG; the cluster stops when the run ends.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ]; then
  echo ".ci: installing PostgreSQL from the Debian packages" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(pg_bin)"
PG_DIR="$(mktemp -d /tmp/jurydesk-pg.XXXXXX)"
PG_PORT="${JURYDESK_PG_PORT:-55439}"
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-k $PG_DIR -p $PG_PORT -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
trap 'as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true' EXIT
export JURYDESK_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
echo ".ci: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT" >&2
