#!/usr/bin/env bash
# The p99 at 1 000 queries/s right after a burst, server by server, in the order given (interleave them: A B B A …):
#   bash bench/tail-ab.sh raw app app:Misuse__Enabled=false app@/tmp/otra-app raw
# A condition is `raw` (bench/RawReference) or `app[@PUBLISH_DIR][:VAR=VALUE,…]` (the app published in PUBLISH_DIR,
# bench/.build/app by default, with those environment variables). Each one runs on a fresh copy of the 1 M-person
# database: 40 s of wrk at 64 connections (the burst, also the warm-up), 2 s of rest, then 20 s of LoadClient open at
# 1 000 queries/s, the same sequence as bench/run.sh. Run `bash bench/run.sh` once before: it builds the servers and
# the clients and imports the registry this script reuses.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=$ROOT/bench/.build
PERSONS=${PERSONS:-1000000}
MASTER=$ROOT/bench/data/consulta-$PERSONS.db
PORT=${PORT:-47899}
[ -f "$MASTER" ] && [ -f "$BUILD/load/LoadClient.dll" ] || { echo "Primero: PERSONS=$PERSONS bash bench/run.sh" >&2; exit 1; }
export ASPNETCORE_ENVIRONMENT=Development Seed__Demo=true Seed__Persons=0 Logging__LogLevel__Default=Warning
export Api__RateLimit__PermitLimit=100000000 Api__RateLimit__WindowSeconds=1
export PERSONS CREDENTIAL_B64; CREDENTIAL_B64=$(printf 'demo-banco:Demo-Banco-2026' | base64)
WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/segip-tail-ab.XXXXXX")
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT

for condition in "$@"; do
  sqlite3 "$MASTER" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  rm -f "$WORK"/consulta.db*; cp "$MASTER" "$WORK/consulta.db"
  export ConnectionStrings__Consulta="Data Source=$WORK/consulta.db"
  if [ "$condition" = raw ]; then
    (exec dotnet "$BUILD/raw/RawReference.dll" --db "$WORK/consulta.db" --urls "http://127.0.0.1:$PORT") >"$WORK/server.log" 2>&1 &
    ready=/audit-count
  else
    spec=${condition#app}; vars=""; dir=$BUILD/app
    [[ $spec == *:* ]] && { vars=${spec#*:}; spec=${spec%%:*}; }
    [ -n "$spec" ] && dir=${spec#@}
    (cd "$dir" && exec env ${vars//,/ } dotnet Segip.Consulta.Web.dll --urls "http://127.0.0.1:$PORT") >"$WORK/server.log" 2>&1 &
    ready=/health/ready
  fi
  SERVER=$!
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$PORT$ready" >/dev/null 2>&1 && break; sleep 0.5; done
  burst=$(wrk -t2 -c64 -d40s --timeout 30s -s bench/query.lua "http://127.0.0.1:$PORT/api/v1/consultas/documento" | grep '^RESULT')
  sleep 2
  open=$(dotnet "$BUILD/load/LoadClient.dll" open --url "http://127.0.0.1:$PORT" --rate 1000 --seconds 20 --persons "$PERSONS")
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  python3 - "$condition" "$burst" "$open" <<'PY'
import json, sys
burst = dict(kv.split("=") for kv in sys.argv[2].split()[1:])
o = json.loads(sys.argv[3])
print(f"{sys.argv[1]:<45} ráfaga {float(burst['ok']) / float(burst['seconds']):>6.0f}/s | a 1000/s: "
      f"p50 {o['p50']} ms, p90 {o['p90']} ms, p99 {o['p99']} ms, máx {o['max']} ms")
PY
done
