#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests and the store benchmark: its own data folder
# under /tmp, owned by the `postgres` user, listening on a Unix socket in that folder and on no
# TCP address at all. Debian's `postgresql` package provides the server (Scripts/setup.sh
# installs it).
#
#   Scripts/postgres-cluster.sh start [--durable] [--tls CERTDIR PORT]
#                                                   prints two lines: the cluster's folder, and
#                                                   the URL of its `postgres` database (its socket)
#
# With --tls the server also listens on 127.0.0.1:PORT (loopback only) with TLS, using
# CERTDIR/server.crt, server.key and ca.crt (the CA that signs client certificates); pg_hba.conf
# then takes TCP connections only over TLS: the role `tls_user` without a client certificate,
# the role `cert_user` only with one whose common name is its name (clientcert=verify-full).
#   Scripts/postgres-cluster.sh stop DIR            stops the cluster in DIR and removes DIR
#   Scripts/postgres-cluster.sh pause DIR           stops the server, keeps its data (a restart test)
#   Scripts/postgres-cluster.sh resume DIR          starts it again
#   Scripts/postgres-cluster.sh freeze DIR          stops the server's processes (SIGSTOP): a
#                                                   server that no longer answers, as behind a partition
#   Scripts/postgres-cluster.sh thaw DIR            lets them go on (SIGCONT)
#
# Without --durable the cluster skips fsync (tests only: a crash loses nothing that matters);
# the benchmark passes --durable so that its figures are a real server's.
#
# With SANDBOX_BENCH_CLUSTERS set to a file, `start` appends each new cluster's folder to it, so
# that whoever set it (Scripts/test.sh) can stop every cluster a test started — also one whose
# test was cut off by its time limit before it could stop its own.
set -euo pipefail

say() { printf 'postgres-cluster: %s\n' "$*" >&2; }
die() { printf 'postgres-cluster: error: %s\n' "$*" >&2; exit 1; }

bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "no PostgreSQL server found under /usr/lib/postgresql; run Scripts/setup.sh"
  echo "$dir"
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

start() {
  local durable=0 certs= port=
  [ "${1:-}" = --durable ] && { durable=1; shift; }
  if [ "${1:-}" = --tls ]; then
    certs=${2:-}; port=${3:-}
    [ -f "$certs/server.crt" ] && [ -f "$certs/server.key" ] && [ -f "$certs/ca.crt" ] || die "--tls needs CERTDIR with server.crt, server.key and ca.crt"
    [[ "$port" =~ ^[0-9]+$ ]] || die "--tls needs a port"
  fi
  local bin dir
  bin=$(bindir)
  dir=$(mktemp -d /tmp/sandbox-bench-postgres.XXXXXX)
  [ -z "${SANDBOX_BENCH_CLUSTERS:-}" ] || echo "$dir" >>"$SANDBOX_BENCH_CLUSTERS"
  chmod 755 "$dir"
  mkdir -p "$dir/socket"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$dir"; fi
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  local options="-k $dir/socket -c listen_addresses= -c max_connections=300"
  if [ -n "$certs" ]; then
    mkdir -p "$dir/tls" && cp "$certs/server.crt" "$certs/server.key" "$certs/ca.crt" "$dir/tls/"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$dir/tls"; fi
    chmod 600 "$dir/tls/server.key"
    options="-k $dir/socket -c listen_addresses=127.0.0.1 -p $port -c max_connections=300 -c ssl=on"
    options="$options -c ssl_cert_file=$dir/tls/server.crt -c ssl_key_file=$dir/tls/server.key -c ssl_ca_file=$dir/tls/ca.crt"
    as_postgres sh -c "cat >'$dir/data/pg_hba.conf'" <<'HBA'
local all all trust
hostssl all tls_user 127.0.0.1/32 trust
hostssl all cert_user 127.0.0.1/32 trust clientcert=verify-full
HBA
  fi
  [ "$durable" -eq 1 ] || options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  echo "$options" >"$dir/options"
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" start >/dev/null \
    || { cat "$dir/server.log" >&2; die "the server did not start"; }
  if [ -n "$certs" ]; then
    say "cluster in $dir (socket, and TLS on 127.0.0.1:$port)"
    echo "$dir"
    echo "postgresql://postgres@/postgres?host=$dir/socket&port=$port"
  else
    say "cluster in $dir (socket only, no TCP)"
    echo "$dir"
    echo "postgresql://postgres@/postgres?host=$dir/socket"
  fi
}

options_of() {
  cat "$1/options"
}

pause() {
  local dir=${1:-}
  [ -d "$dir/data" ] || die "usage: $0 pause DIR"
  as_postgres "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

resume() {
  local dir=${1:-}
  [ -d "$dir/data" ] || die "usage: $0 resume DIR"
  as_postgres "$(bindir)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(options_of "$dir")" start >/dev/null \
    || { cat "$dir/server.log" >&2; die "the server did not start"; }
}

stop() {
  local dir=${1:-}
  [ -n "$dir" ] && [ -d "$dir/data" ] || die "usage: $0 stop DIR (a folder made by start)"
  case "$dir" in /tmp/sandbox-bench-postgres.*) ;; *) die "$dir is not a cluster folder made by start" ;; esac
  as_postgres "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || say "the server in $dir was not running"
  rm -rf "$dir"
}

server_processes() {
  local dir=${1:-} postmaster
  [ -f "$dir/data/postmaster.pid" ] || die "usage: $0 freeze|thaw DIR (a running cluster made by start)"
  postmaster=$(head -1 "$dir/data/postmaster.pid")
  echo "$postmaster" $(pgrep -P "$postmaster" || true)
}

freeze() { kill -STOP $(server_processes "${1:-}"); }
thaw() { kill -CONT $(server_processes "${1:-}"); }

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  pause) shift; pause "$@" ;;
  resume) shift; resume "$@" ;;
  freeze) shift; freeze "$@" ;;
  thaw) shift; thaw "$@" ;;
  *) die "usage: $0 start [--durable] | stop DIR | pause DIR | resume DIR | freeze DIR | thaw DIR" ;;
esac
