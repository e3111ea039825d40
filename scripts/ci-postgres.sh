#!/usr/bin/env bash
# A private PostgreSQL server for propscope's tests; prints its URL on stdout.
#
# Idempotent: installs Debian's `postgresql` package when no server binaries are found
# (needs root or sudo), creates a cluster in $PROPSCOPE_PG_DIR (default /tmp/propscope-pg)
# when there is none, starts it on 127.0.0.1:$PROPSCOPE_PG_PORT (default 54329) when it is
# not running, and creates the `propscope` role and `propscope_test` database.
#
#   export PROPSCOPE_TEST_POSTGRES_URL="$(scripts/ci-postgres.sh)"
#   make test
#
# Everything it logs goes to stderr, so the only stdout line is the URL.
set -euo pipefail

PGDIR="${PROPSCOPE_PG_DIR:-/tmp/propscope-pg}"
PORT="${PROPSCOPE_PG_PORT:-54329}"
SOCKDIR="${PROPSCOPE_PG_SOCKDIR:-/tmp}"
DB="${PROPSCOPE_PG_DB:-propscope_test}"
ROLE="${PROPSCOPE_PG_ROLE:-propscope}"

log() { echo "ci-postgres: $*" >&2; }

find_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
    return 1
}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
        log "need root (or sudo) to run: $*"; exit 1; fi
}

BINDIR="$(find_bindir || true)"
if [ -z "$BINDIR" ]; then
    log "installing postgresql from the Debian packages"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    BINDIR="$(find_bindir)"
fi

# initdb and postgres refuse to run as root: use the `postgres` account then.
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    RUN=(runuser -u postgres --)
    mkdir -p "$PGDIR"; chown postgres: "$PGDIR"
else
    RUN=()
    mkdir -p "$PGDIR"
fi

if [ ! -f "$PGDIR/PG_VERSION" ]; then
    log "creating a cluster in $PGDIR"
    "${RUN[@]}" "$BINDIR/initdb" -D "$PGDIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
fi

if ! "${RUN[@]}" "$BINDIR/pg_ctl" -D "$PGDIR" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$PORT"
    "${RUN[@]}" "$BINDIR/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w -t 60 \
        -o "-p $PORT -k $SOCKDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >&2
fi

PSQL=("$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
if [ "$("${PSQL[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
    "${PSQL[@]}" -c "CREATE ROLE $ROLE LOGIN" >&2
fi
if [ "$("${PSQL[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    "${PSQL[@]}" -c "CREATE DATABASE $DB OWNER $ROLE" >&2
fi

echo "postgresql://$ROLE@127.0.0.1:$PORT/$DB"
