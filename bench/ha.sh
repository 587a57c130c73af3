#!/usr/bin/env bash
# High availability on PostgreSQL, demonstrated on one machine (README «Producción con PostgreSQL»):
#   bash bench/ha.sh                 # 20 s of load per phase
#   HA_SECONDS=4 bash bench/ha.sh    # the short run CI does (scripts/test.sh)
# A primary and a hot standby with synchronous replication (pg_basebackup, synchronous_standby_names), two app
# instances behind HAProxy checking /health/ready, and a load client going through HAProxy. While the load runs:
# (a) one app instance is killed with SIGKILL; (b) then the primary database is killed with SIGKILL and the
# standby promoted (pg_ctl promote); the apps find it by themselves (multi-host connection string with
# Target Session Attributes=read-write). Prints calls answered / failed / seconds without service per fault, and
# proves on the surviving database that every answered call has its audit record and that the chain verifies.
# Exits 1 if any answered call lacks its record, the chain does not verify, or the service never came back.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PHASE=${HA_SECONDS:-20}
THREADS=${HA_THREADS:-16}
PERSONS=${HA_PERSONS:-2000}
BUILD=$ROOT/bench/.build
source scripts/pg-cluster.sh

log() { printf '\n== %s\n' "$*" >&2; }
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  log "Instalando: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
BIN=$(pg_bin)

WORK=$(mktemp -d /tmp/segip-ha.XXXXXX)
chmod 755 "$WORK"
pids=()
cleanup() {
  set +e
  touch "$WORK/stop"
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  pg_cluster_stop "$WORK/primary"; pg_cluster_stop "$WORK/standby"
  rm -rf "$WORK"
}
trap cleanup EXIT

log "Compilando la app (Release)"
dotnet publish "$ROOT/Segip.Consulta.Web" -c Release -o "$BUILD/app" -v quiet -nologo >/dev/null

P1=$(pg_free_port); P2=$(pg_free_port); A1=$(pg_free_port); A2=$(pg_free_port); H=$(pg_free_port)
log "PostgreSQL primario en 127.0.0.1:$P1 y réplica síncrona en 127.0.0.1:$P2"
pg_cluster_start "$WORK/primary" "$P1" wal_level=replica max_wal_senders=5 hot_standby=on
mkdir -p "$WORK/standby"; chown postgres:postgres "$WORK/standby" 2>/dev/null || true
pg_as "$BIN/pg_basebackup" -D "$WORK/standby/data" -R -X stream \
  -d "host=127.0.0.1 port=$P1 user=postgres application_name=standby1" >/dev/null
pg_as "$BIN/pg_ctl" -D "$WORK/standby/data" -o "-p $P2 -k $WORK/standby -c listen_addresses=127.0.0.1 -c max_connections=300" \
  -l "$WORK/standby/server.log" -w -t 60 start >/dev/null
psql_on() { local port=$1; shift; psql -h 127.0.0.1 -p "$port" -U postgres -X -q -t -A "$@"; }
psql_on "$P1" -c "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" -c "SELECT pg_reload_conf()" >/dev/null
psql_on "$P1" -c "CREATE DATABASE segip_consulta" >/dev/null
for _ in $(seq 1 50); do
  [ "$(psql_on "$P1" -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")" = "sync" ] && break
  sleep 0.2
done
echo "replicación: $(psql_on "$P1" -c "SELECT application_name || ' ' || sync_state FROM pg_stat_replication")" >&2

export ASPNETCORE_ENVIRONMENT=Development Seed__Demo=true Seed__Persons=$PERSONS
export Database__Provider=Postgres
export ConnectionStrings__Consulta="Host=127.0.0.1:$P1,127.0.0.1:$P2;Database=segip_consulta;Username=postgres;Target Session Attributes=read-write;Timeout=3;Command Timeout=15;Host Recheck Seconds=1"
export Logging__LogLevel__Default=Warning Api__RateLimit__PermitLimit=100000000
start_app() {
  (cd "$BUILD/app" && exec dotnet Segip.Consulta.Web.dll --urls "http://127.0.0.1:$1" >"$WORK/app-$1.log" 2>&1) &
  echo $!
}
wait_ready() { for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "la app no quedó lista ($1)" >&2; cat "$WORK/app-$1.log" >&2; return 1; }
log "Dos instancias de la app: 127.0.0.1:$A1 y 127.0.0.1:$A2"
APP1=$(start_app "$A1"); pids+=("$APP1"); wait_ready "$A1"
APP2=$(start_app "$A2"); pids+=("$APP2"); wait_ready "$A2"

cat >"$WORK/haproxy.cfg" <<CFG
global
    maxconn 2000
defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch
    retry-on conn-failure empty-response
frontend consulta
    bind 127.0.0.1:$H
    default_backend app
backend app
    balance roundrobin
    option httpchk GET /health/ready
    http-check expect status 200
    server app1 127.0.0.1:$A1 check inter 500ms fall 2 rise 2
    server app2 127.0.0.1:$A2 check inter 500ms fall 2 rise 2
CFG
haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
pids+=($!)
wait_ready "$H"

log "Carga a través de HAProxy (127.0.0.1:$H), $THREADS hilos, $PHASE s por tramo"
python3 bench/ha/load.py 127.0.0.1 "$H" "$THREADS" "$WORK/calls.log" "$WORK/stop" "$PERSONS" &
LOAD=$!
T0=$(date +%s.%N)
sleep "$PHASE"
TA=$(date +%s.%N)
log "Falla 1: SIGKILL a la instancia 1 de la app"
kill -9 "$APP1"
sleep "$PHASE"
TB=$(date +%s.%N)
log "Falla 2: SIGKILL al PostgreSQL primario y promoción de la réplica"
kill -9 "$(head -n1 "$WORK/primary/data/postmaster.pid")"
pg_as "$BIN/pg_ctl" -D "$WORK/standby/data" -w promote >/dev/null
TP=$(date +%s.%N)
# The promotion is part of the time without service; printed apart so a slow one is seen as such.
echo "promoción de la réplica (pg_ctl -w promote): $(python3 -c "print(f'{$TP - $TB:.1f}'.replace('.', ','))") s" >&2
sleep "$PHASE"
touch "$WORK/stop"
wait "$LOAD"

log "Resultados"
python3 bench/ha/report.py "$WORK/calls.log" "$WORK/answered.txt" "$T0" "$TA" "falla 1: SIGKILL a una instancia" "$TB" "falla 2: SIGKILL al primario + promote"

log "Comprobación en la base sobreviviente (ex réplica, 127.0.0.1:$P2)"
answered=$(wc -l <"$WORK/answered.txt")
missing=$( { echo "CREATE TEMP TABLE answered (id uuid);"; echo "COPY answered FROM STDIN;"; cat "$WORK/answered.txt"; echo '\.';
  echo 'SELECT count(*) FROM answered a WHERE NOT EXISTS (SELECT 1 FROM "AuditRecords" r WHERE r."ConsultaId" = a.id);'; } \
  | psql_on "$P2" -d segip_consulta )
after=$(grep -c . <(awk -v t="$TB" '$1 > t && $2 == 200' "$WORK/calls.log") || true)
echo "llamadas respondidas: $answered; sin registro en la bitácora: $missing; respondidas después de la promoción: $after"
kill -9 "$APP2" 2>/dev/null || true
verify=0
(cd "$BUILD/app" && ConnectionStrings__Consulta="Host=127.0.0.1:$P2;Database=segip_consulta;Username=postgres" \
  dotnet Segip.Consulta.Web.dll verify-audit) || verify=$?
if [ "$missing" != "0" ] || [ "$verify" != "0" ] || [ "$after" -eq 0 ]; then
  echo "FALLA: alta disponibilidad no demostrada." >&2
  exit 1
fi
echo "OK: ninguna llamada respondida perdió su registro y la cadena verifica en la base promovida."
