#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests and benches: `source scripts/pg-cluster.sh`, then
#   pg_cluster_start DIR PORT [extra postgres -c options…]   # initdb into DIR (as the postgres user), start on 127.0.0.1:PORT
#   pg_cluster_stop DIR                                        # immediate stop (the folder is the caller's to delete)
# No system service is involved: the server runs as the `postgres` user from Debian's `postgresql` package,
# listens on 127.0.0.1 only, and keeps its socket inside DIR.

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [ -n "$bin" ] || { echo "PostgreSQL no está instalado (apt-get install postgresql)." >&2; return 1; }
  echo "$bin"
}

# Runs a command as the postgres user when we are root (initdb and the server refuse to run as root).
pg_as() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; else "$@"; fi
}

# A free TCP port on 127.0.0.1.
pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pg_cluster_start() {
  local dir=$1 port=$2; shift 2
  local bin; bin=$(pg_bin) || return 1
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  pg_as "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  local opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB -c fsync=on -c synchronous_commit=on"
  for o in "$@"; do opts+=" -c $o"; done
  pg_as "$bin/pg_ctl" -D "$dir/data" -o "$opts" -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
}

pg_cluster_stop() {
  local dir=$1 bin; bin=$(pg_bin) || return 0
  [ -f "$dir/data/postmaster.pid" ] && pg_as "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  return 0
}
