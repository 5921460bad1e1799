# PostgreSQL for tests/test_ssd.py: sourced by .ci/run. `start_postgres` installs the
# distribution's server when it is missing, starts an unprivileged cluster in a temporary
# directory listening on a Unix socket there only (no TCP port), and exports
# CJP_TEST_POSTGRES_URL; `stop_postgres` stops it and removes the directory (run from an
# EXIT trap). A server that cannot start is reported here; the tests then fail in CI
# (CI=true) and are skipped with the reason elsewhere.

_pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; fi
}

_pg_as() {  # run a command as the cluster's owner (root may not run PostgreSQL)
  if [ "$(id -u)" = 0 ]; then
    su "$CJP_PG_USER" -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

start_postgres() {
  local bindir
  bindir=$(_pg_bindir)
  if [ -z "$bindir" ]; then
    if command -v apt-get >/dev/null 2>&1; then
      echo "ci: installing postgresql (tests/test_ssd.py)"
      { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
          && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; } \
        >/tmp/ci-postgresql-install.log 2>&1 \
        || echo "ci: could not install postgresql (see /tmp/ci-postgresql-install.log)"
      bindir=$(_pg_bindir)
    else
      echo "ci: no apt-get to install postgresql with"
    fi
  fi
  if [ -z "$bindir" ]; then
    echo "ci: no PostgreSQL server: the PostgreSQL tests fail in CI"
    return 0
  fi
  CJP_PG_USER=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    CJP_PG_USER=postgres
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /bin/sh postgres
  fi
  CJP_PG_DIR=$(mktemp -d /tmp/cjp-pg.XXXXXX)
  chown "$CJP_PG_USER" "$CJP_PG_DIR"
  if _pg_as "'$bindir/initdb' -D '$CJP_PG_DIR/data' -U cjp --auth=trust -E UTF8 --no-sync" \
        >"$CJP_PG_DIR/initdb.log" 2>&1 \
     && _pg_as "'$bindir/pg_ctl' -D '$CJP_PG_DIR/data' -l '$CJP_PG_DIR/server.log' -w -t 60 \
        -o \"-c listen_addresses='' -k '$CJP_PG_DIR' -c fsync=off\" start" >/dev/null 2>&1; then
    export CJP_TEST_POSTGRES_URL="postgresql://cjp@/postgres?host=$CJP_PG_DIR"
    echo "ci: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on $CJP_PG_DIR"
  else
    echo "ci: PostgreSQL could not start (see $CJP_PG_DIR/initdb.log, server.log):" \
      "the PostgreSQL tests fail in CI"
    tail -5 "$CJP_PG_DIR/initdb.log" "$CJP_PG_DIR/server.log" 2>/dev/null || true
  fi
  CJP_PG_BINDIR=$bindir
}

stop_postgres() {
  if [ -n "${CJP_PG_DIR:-}" ] && [ -d "$CJP_PG_DIR/data" ]; then
    _pg_as "'$CJP_PG_BINDIR/pg_ctl' -D '$CJP_PG_DIR/data' -m fast -w stop" >/dev/null 2>&1 || true
  fi
  if [ -n "${CJP_PG_DIR:-}" ]; then rm -rf "$CJP_PG_DIR"; fi
}
