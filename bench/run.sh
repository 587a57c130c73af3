#!/usr/bin/env bash
# Load harness for Segip.Consulta (issue 8). One command, from a clean clone:
#   bash bench/run.sh                 # 1,000,000 persons, 20 s per measurement
#   PERSONS=12000000 bash bench/run.sh
#   bash bench/run.sh --crash         # also kill -9 the app mid-load and prove no answered call lost its audit record
#   PERSONS=20000 SECONDS_RUN=5 bash bench/run.sh --crash-only   # the small crash check CI runs
#   PROVIDER=postgres bash bench/run.sh   # the same on PostgreSQL: a cluster of its own (kept in /var/tmp between runs),
#                                         # raw reference bench/RawReferencePostgres (Npgsql), app on Database:Provider=Postgres
#   AUDIT_RECORDS=10000000 bash bench/run.sh   # also seed a bitácora of that many chained records (bench/AuditSeed; on
#                                              # PostgreSQL by binary COPY into database audit_N of the bench cluster) and
#                                              # time the auditors' searches on it (kept between runs, like the registry)
# It generates (or reuses) the registry file, imports it, and measures the raw reference (bench/RawReference)
# and the app on the same data with the same clients (docs/performance.md, «Cómo se mide»):
#   - throughput, closed loop: Debian's wrk (C, a small share of the CPU; installed if missing) with bench/query.lua,
#     CONNECTIONS connections, random documents of the registry; CPU ms per answered query of the server process
#     (utime+stime from /proc/PID/stat over the measurement; only 2xx answers count for the app);
#   - latency, open loop: bench/LoadClient open at RATE queries/s (p99 of both, and their ratio);
# then checks that the audit log holds every call LoadClient saw answered and that its chain verifies, times the
# officer's query in Debian's Chromium (idle and beside the open load; at most BROWSER_TIMEOUT s each), and prints
# a results table (also written to bench/results/). Every figure names the client that produced it.
# On SQLite each server measures a FRESH COPY of the imported database (bench/data/consulta-N.db stays as imported):
# a run no longer inherits the audit records of the previous ones, which the misuse detector reads again at start.
#   TAIL_DIAG=1 bash bench/run.sh     # also diagnose the p99 tail during the app's open-loop phase: dotnet-counters
#                                     # (GC pauses, gen0/1/2 collections, thread-pool queue, lock contention) and the
#                                     # audit writer's group sizes and commit times from the app's /metrics, beside the p99
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
PERSONS=${PERSONS:-1000000}
SECONDS_RUN=${SECONDS_RUN:-20}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
RATE=${RATE:-1000}
# Warm-up before each measurement: .NET's tiered JIT keeps recompiling hot code for the first ~20 s
# of load, so shorter warm-ups measure the compiler as much as the code.
WARMUP=${WARMUP:-20}
BROWSER_QUERIES=${BROWSER_QUERIES:-200}
# Hard limit for each browser measurement: it reports what it has at that point and the run goes on.
BROWSER_TIMEOUT=${BROWSER_TIMEOUT:-600}
MODE=${1:-}
DATA=$ROOT/bench/data
OUT=$ROOT/bench/results
BUILD=$ROOT/bench/.build
mkdir -p "$DATA" "$OUT" "$BUILD"
APP_PORT=${APP_PORT:-47811}
RAW_PORT=${RAW_PORT:-47812}
CSV=$DATA/registry-$PERSONS.csv
DB=$DATA/consulta-$PERSONS.db
PROVIDER=${PROVIDER:-sqlite}
TAIL_DIAG=${TAIL_DIAG:-0}
# The copies measured (SQLite) and the diagnostics' files; removed when the run ends.
WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/segip-bench-run.XXXXXX")

log() { printf '\n== %s\n' "$*" >&2; }

need=()
for tool in wrk sqlite3 python3 bc curl chromium; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  log "Instalando: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ "$PROVIDER" = postgres ]; then
  # The registry lives in a cluster of its own, kept between runs like the SQLite file (delete the folder to re-import).
  source "$ROOT/scripts/pg-cluster.sh"
  PGDIR=${PGDIR:-/var/tmp/segip-bench-pg-$PERSONS}
  PGPORT=${PGPORT:-47813}
  if [ -f "$PGDIR/data/PG_VERSION" ]; then
    pg_as "$(pg_bin)/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 120 start \
      -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=512MB" >/dev/null
  else
    pg_cluster_start "$PGDIR" "$PGPORT" shared_buffers=512MB
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -X -q -c "CREATE DATABASE segip_consulta"
    DB=""   # nothing imported yet
  fi
  trap 'pg_cluster_stop "$PGDIR"; rm -rf "$WORK"' EXIT
  PGCS="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=segip_consulta;Maximum Pool Size=200"
  pg_query() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d segip_consulta -X -q -t -A -c "$1"; }
fi

[ "$PROVIDER" = postgres ] || trap 'rm -rf "$WORK"' EXIT

log "Compilando (Release)"
dotnet publish "$ROOT/Segip.Consulta.Web" -c Release -o "$BUILD/app" -v quiet -nologo >/dev/null
dotnet build "$ROOT/bench/RawReference" -c Release -o "$BUILD/raw" -v quiet -nologo >/dev/null
[ "$PROVIDER" = postgres ] && dotnet build "$ROOT/bench/RawReferencePostgres" -c Release -o "$BUILD/rawpg" -v quiet -nologo >/dev/null
dotnet build "$ROOT/bench/LoadClient" -c Release -o "$BUILD/load" -v quiet -nologo >/dev/null
dotnet build "$ROOT/bench/BrowserLatency" -c Release -o "$BUILD/browser" -v quiet -nologo >/dev/null
APP="dotnet $BUILD/app/Segip.Consulta.Web.dll"
LOAD="dotnet $BUILD/load/LoadClient.dll"
BROWSER="dotnet $BUILD/browser/BrowserLatency.dll"
export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Consulta="Data Source=$DB"
if [ "$PROVIDER" = postgres ]; then
  export Database__Provider=Postgres ConnectionStrings__Consulta="$PGCS"
  (cd "$BUILD/app" && $APP migrate >/dev/null)
fi
export Seed__Demo=true Seed__Persons=0
# The diagnostics read the app's audit writer histograms from /metrics (loopback only, docs/operacion/metricas.md).
[ "$TAIL_DIAG" = 1 ] && export Telemetry__Prometheus__Enabled=true
export Logging__LogLevel__Default=Warning
# The bench measures the query path, not the per-credential rate limit.
export Api__RateLimit__PermitLimit=100000000 Api__RateLimit__WindowSeconds=1

if [ ! -f "$CSV" ]; then
  log "Generando registro sintético de $PERSONS personas"
  (cd "$BUILD/app" && $APP generate-registry --persons "$PERSONS" --out "$CSV")
fi
IMPORT_TEXT="base reutilizada (borre ${PGDIR:-$DB} para medir la importación)"
if { [ "$PROVIDER" = postgres ] && [ -z "$DB" ]; } || { [ "$PROVIDER" != postgres ] && [ ! -f "$DB" ]; }; then
  log "Importando $CSV"
  start=$(date +%s.%N)
  (cd "$BUILD/app" && $APP import-registry "$CSV" 2>/dev/null)
  IMPORT_TEXT="$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)") s"
fi

# SQLite: the servers measure a fresh copy of the imported database (like bench/misuse-overhead.sh), so every run starts
# from the same audit log. MASTER_DB stays as imported; DB (what the servers, checks and counts use) is the copy.
MASTER_DB=$DB
fresh_db() {
  [ "$PROVIDER" = postgres ] && return 0
  sqlite3 "$MASTER_DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  rm -f "$WORK"/consulta.db*
  cp "$MASTER_DB" "$WORK/consulta.db"
  DB=$WORK/consulta.db
  export ConnectionStrings__Consulta="Data Source=$DB"
}

# TAIL_DIAG=1: dotnet-counters (local tool of bench/diag, restored on first use) on the app for the open-loop phase,
# and /metrics just before and after it; bench/diag/tail-diag.py turns them into one JSON line.
DIAG_TEXT="no medido (use TAIL_DIAG=1)"
diag_start() {
  [ "$TAIL_DIAG" = 1 ] || return 0
  (cd "$ROOT/bench/diag" && dotnet tool restore >/dev/null)
  curl -fs "http://127.0.0.1:$APP_PORT/metrics" >"$WORK/metrics-before.txt"
  # The runtime's EventCounters: their thread-pool queue length and thread count are gauges (the System.Runtime meter
  # reports those two as changes). dotnet-counters saves its file only when its --duration ends (a signal loses it), so
  # it lasts twice the phase plus 10 s: an overloaded app drains its queue after the client stops sending.
  (cd "$ROOT/bench/diag" && exec dotnet tool run dotnet-counters -- collect -p "$APP_PID" --refresh-interval 1 --format csv \
    -o "$WORK/counters.csv" --counters 'EventCounters\System.Runtime' \
    --duration "$(printf '00:00:%02d:%02d' $(((2 * SECONDS_RUN + 10) / 60)) $(((2 * SECONDS_RUN + 10) % 60)))") >"$WORK/counters.log" 2>&1 &
  DIAG_PID=$!
  sleep 2   # attached before the load starts
}
diag_stop() {
  [ "$TAIL_DIAG" = 1 ] || return 0
  curl -fs "http://127.0.0.1:$APP_PORT/metrics" >"$WORK/metrics-after.txt"
  wait "$DIAG_PID" || true
  DIAG=$(python3 "$ROOT/bench/diag/tail-diag.py" "$WORK/counters.csv" "$WORK/metrics-before.txt" "$WORK/metrics-after.txt") \
    || DIAG='{}'
  echo "app open diag (dotnet-counters + /metrics): $DIAG"
  cp "$WORK/counters.csv" "$OUT/tail-diag-counters.csv" 2>/dev/null || true
  DIAG_TEXT=$(python3 - "$DIAG" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
def h(x, scale=1, unit="", what="grupos"):
    if not x or not x.get("count"): return "n/d"
    return f"{x['count']} {what}, media {x['mean'] * scale:.1f}{unit}, p50 ≤ {x['p50le'] * scale:g}{unit}, p99 ≤ {x['p99le'] * scale:g}{unit}"
print(f"GC: pausas {d.get('gcPauseMsTotal', 'n/d')} ms en {d.get('seconds', 'n/d')} s (máx. {d.get('gcPauseMsMaxPerSecond', 'n/d')} ms en un segundo), "
      f"gen0/1/2 {d.get('gen0', 'n/d')}/{d.get('gen1', 'n/d')}/{d.get('gen2', 'n/d')}, {d.get('allocatedMBPerSecond', 'n/d')} MB/s asignados; "
      f"pool de hilos: cola máx. {d.get('threadPoolQueueMax', 'n/d')} (media {d.get('threadPoolQueueMean', 'n/d')}), hasta {d.get('threadPoolThreadsMax', 'n/d')} hilos; "
      f"contención de candados {d.get('lockContentions', 'n/d')}; JIT {d.get('jitMs', 'n/d')} ms; "
      f"bitácora: registros por grupo {h(d.get('auditGroupSize'))}; commit {h(d.get('auditCommitSeconds'), 1000, ' ms')}; "
      f"espera de cada consulta por su registro {h(d.get('auditWaitSeconds'), 1000, ' ms', 'consultas')}; compuerta {h(d.get('gateSeconds'), 1000, ' ms', 'consultas')}")
PY
)
}

wait_http() { for _ in $(seq 1 240); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "no responde: $1" >&2; return 1; }
stop() { [ -n "${1:-}" ] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }
# A server left on the port (another run, another worktree) would answer in place of the one started here.
port_free() { ! curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/" || { echo "FALLO: el puerto $1 ya está en uso; use APP_PORT=/RAW_PORT= libres" >&2; exit 1; }; }
# Servers and load this run started are stopped however it ends (a failed check, Ctrl-C), then the exit trap set
# above (if any) runs.
APP_PID=""; RAW_PID=""; load_pid=""
PREV_EXIT_TRAP=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
trap 'for p in $load_pid $APP_PID $RAW_PID; do kill "$p" 2>/dev/null; done; eval "$PREV_EXIT_TRAP"' EXIT
audit_count() {
  if [ "$PROVIDER" = postgres ]; then pg_query 'SELECT count(*) FROM "AuditRecords"'; else sqlite3 "$DB" "SELECT COUNT(*) FROM AuditRecords"; fi
}
# Every answered consultaId of FILE has its audit record: {"answered": N, "missing": M}, exit 1 when some are missing.
audit_check() {
  if [ "$PROVIDER" != postgres ]; then $LOAD check --db "$DB" --ids "$1"; return; fi
  local missing
  missing=$( { echo "CREATE TEMP TABLE answered (id uuid);"; echo "COPY answered FROM STDIN;"; cat "$1"; echo '\.';
    echo 'SELECT count(*) FROM answered a WHERE NOT EXISTS (SELECT 1 FROM "AuditRecords" r WHERE r."ConsultaId" = a.id);'; } \
    | psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d segip_consulta -X -q -t -A)
  echo "{\"answered\": $(grep -c . "$1"), \"missing\": $missing}"
  [ "$missing" = "0" ]
}
# CPU time (user + system, in clock ticks) a process has used (fields 14 and 15 of /proc/PID/stat; the
# command name in field 2 has no spaces here: dotnet).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# A field of a JSON summary (LoadClient, BrowserLatency, wrk_json); "n/d" when the measurement gave none.
json() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2" 2>/dev/null || echo "n/d"; }
export PERSONS CREDENTIAL_B64; CREDENTIAL_B64=$(printf 'demo-banco:Demo-Banco-2026' | base64)
# Closed-loop load with wrk and bench/query.lua for $2 seconds against base URL $1; prints wrk's RESULT line.
wrk_load() {
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 30s -s "$ROOT/bench/query.lua" "$1/api/v1/consultas/documento" \
    | tee -a "$OUT/wrk.log" | grep '^RESULT'
}
# The measurement: wrk for SECONDS_RUN s against URL $1 while reading the CPU time of server PID $2. Prints a JSON
# summary: throughput (2xx/s), p50/p99 (wrk's, closed loop), cpuMsPerQuery (server CPU / 2xx answers).
wrk_measure() {
  local cpu0 cpu1 result
  cpu0=$(cpu_ticks "$2")
  result=$(wrk_load "$1" "$SECONDS_RUN")
  cpu1=$(cpu_ticks "$2")
  python3 - "$result" "$cpu0" "$cpu1" <<'PY'
import json, os, sys
r = {k: float(v) for k, v in (kv.split("=") for kv in sys.argv[1].split()[1:])}
ok = max(r["ok"], 1)
cpu_ms = (int(sys.argv[3]) - int(sys.argv[2])) * 1000 / os.sysconf("SC_CLK_TCK")
print(json.dumps({"client": "wrk", "requests": int(r["requests"]), "ok": int(r["ok"]), "non2xx": int(r["non2xx"]),
                  "socketErrors": int(r["socket_errors"]), "seconds": r["seconds"],
                  "throughput": round(r["ok"] / r["seconds"]), "p50": r["p50"], "p99": r["p99"],
                  "cpuMsPerQuery": round(cpu_ms / ok, 3)}))
PY
}
ratio() { python3 -c "import sys; a, b = sys.argv[1:]; print(f'{float(a)/float(b):.2f}' if b not in ('0', 'n/d') and a != 'n/d' else 'n/d')" "$1" "$2"; }

start_app() {
  port_free "$APP_PORT"
  (cd "$BUILD/app" && exec $APP --urls "http://127.0.0.1:$APP_PORT") >"$OUT/app.log" 2>&1 &
  APP_PID=$!
  wait_http "http://127.0.0.1:$APP_PORT/health/ready"
  kill -0 "$APP_PID" 2>/dev/null || { echo "FALLO: la app no arrancó; ver $OUT/app.log" >&2; exit 1; }
}

crash_check() {
  log "Seguridad ante caídas: kill -9 a mitad de la carga"
  start_app
  ids=$DATA/answered-ids.txt
  $LOAD closed --url "http://127.0.0.1:$APP_PORT" --connections "$CONNECTIONS" --seconds "$SECONDS_RUN" --persons "$PERSONS" --ids "$ids" >"$OUT/crash-load.json" &
  load_pid=$!
  sleep "$(echo "$SECONDS_RUN / 2" | bc -l)"
  kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  wait "$load_pid" || true; load_pid=""
  start_app
  stop "$APP_PID"; APP_PID=""
  check=$(audit_check "$ids") || { echo "FALLO: llamadas respondidas sin registro: $check" >&2; exit 1; }
  verify=$(cd "$BUILD/app" && $APP verify-audit | tr '\n' ' ') || { echo "FALLO: la cadena no verifica: $verify" >&2; exit 1; }
  echo "crash: $(cat "$OUT/crash-load.json") -> $check; $verify"
  CRASH_RESULT="$(json "$check" answered) respondidas antes del kill, $(json "$check" missing) sin registro; $verify"
}

if [ "$MODE" = "--crash-only" ]; then
  fresh_db
  crash_check
  exit 0
fi

port_free "$RAW_PORT"
fresh_db
if [ "$PROVIDER" = postgres ]; then
  log "Referencia cruda (Npgsql + Kestrel, commit agrupado, synchronous_commit=on)"
  (exec dotnet "$BUILD/rawpg/RawReferencePostgres.dll" --pg "$PGCS" --urls "http://127.0.0.1:$RAW_PORT") >"$OUT/raw.log" 2>&1 &
else
  log "Referencia cruda (Microsoft.Data.Sqlite + Kestrel, commit agrupado, synchronous=FULL)"
  (exec dotnet "$BUILD/raw/RawReference.dll" --db "$DB" --urls "http://127.0.0.1:$RAW_PORT") >"$OUT/raw.log" 2>&1 &
fi
RAW_PID=$!
: >"$OUT/wrk.log"
wait_http "http://127.0.0.1:$RAW_PORT/audit-count"
kill -0 "$RAW_PID" 2>/dev/null || { echo "FALLO: la referencia cruda no arrancó; ver $OUT/raw.log" >&2; exit 1; }
wrk_load "http://127.0.0.1:$RAW_PORT" "$WARMUP" >/dev/null
RAW=$(wrk_measure "http://127.0.0.1:$RAW_PORT" "$RAW_PID")
echo "raw (wrk): $RAW"
log "Referencia cruda: latencia a $RATE consultas/s (LoadClient, carga abierta)"
RAW_OPEN=$($LOAD open --url "http://127.0.0.1:$RAW_PORT" --rate "$RATE" --seconds "$SECONDS_RUN" --persons "$PERSONS")
echo "raw open (LoadClient): $RAW_OPEN"
stop "$RAW_PID"; RAW_PID=""

log "Aplicación: REST /api/v1/consultas/documento"
fresh_db
start_app
wrk_load "http://127.0.0.1:$APP_PORT" "$WARMUP" >/dev/null
APPR=$(wrk_measure "http://127.0.0.1:$APP_PORT" "$APP_PID")
echo "app (wrk): $APPR"

log "Aplicación: latencia a $RATE consultas/s (LoadClient, carga abierta) y bitácora completa"
# wrk stops with queries in flight that it never counts: let them finish, then count the audit records of
# exactly the calls LoadClient saw answered (it waits for every answer before reporting).
sleep 2
before=$(audit_count)
diag_start
OPEN=$($LOAD open --url "http://127.0.0.1:$APP_PORT" --rate "$RATE" --seconds "$SECONDS_RUN" --persons "$PERSONS")
echo "app open (LoadClient): $OPEN"
diag_stop
sleep 1
after=$(audit_count)
answered=$(( $(json "$OPEN" ok) + $(json "$OPEN" refused) ))
unanswered=$(json "$OPEN" errors)
recorded=$(( after - before ))
# Every answered call has its record. A call the client gave up on (30 s timeout, only on an overloaded machine) may
# still have been answered and recorded by the server, so it may add a record, never take one away.
[ "$recorded" -ge "$answered" ] && [ "$recorded" -le $(( answered + unanswered )) ] \
  || { echo "FALLO: $answered respuestas ($unanswered sin respuesta) y $recorded registros de bitácora" >&2; exit 1; }

# BrowserLatency stops by itself after BROWSER_TIMEOUT s and prints what it measured; timeout(1) kills it
# BROWSER_TIMEOUT + 60 s later if even that hangs (e.g. Chromium itself), so the run always finishes.
browser_latency() {
  timeout -k 10 $((BROWSER_TIMEOUT + 60)) $BROWSER --url "http://127.0.0.1:$APP_PORT" --persons "$PERSONS" \
    --queries "$BROWSER_QUERIES" --max-seconds "$BROWSER_TIMEOUT"
}
log "Consulta del funcionario en el navegador (Chromium de Debian), sin otra carga"
BIDLE=$(browser_latency) || true
echo "browser: $BIDLE"
log "Consulta del funcionario en el navegador con $RATE consultas/s REST en paralelo"
# The open load runs for as long as the browser measurement does: SIGTERM ends it and it still reports.
$LOAD open --url "http://127.0.0.1:$APP_PORT" --rate "$RATE" --seconds 3600 --persons "$PERSONS" >"$OUT/browser-load.json" &
load_pid=$!
sleep 3
BLOAD=$(browser_latency) || true  # a timed-out query still reports the others
kill -TERM "$load_pid"; wait "$load_pid"; load_pid=""
BLOAD_REST=$(cat "$OUT/browser-load.json")
echo "browser+open: $BLOAD; rest: $BLOAD_REST"
stop "$APP_PID"; APP_PID=""
VERIFY=$(cd "$BUILD/app" && $APP verify-audit | tr '\n' ' ')

AUDIT_TEXT="no medida (use AUDIT_RECORDS=10000000)"
if [ -n "${AUDIT_RECORDS:-}" ]; then
  dotnet build "$ROOT/bench/AuditSeed" -c Release -o "$BUILD/auditseed" -v quiet -nologo >/dev/null
  SEED="dotnet $BUILD/auditseed/AuditSeed.dll"
  if [ "$PROVIDER" = postgres ]; then
    AUDIT_TARGET=(--pg "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=audit_$AUDIT_RECORDS")
    if [ "$(pg_query "SELECT count(*) FROM pg_database WHERE datname = 'audit_$AUDIT_RECORDS'")" = 0 ]; then
      pg_query "CREATE DATABASE audit_$AUDIT_RECORDS" >/dev/null
      log "Bitácora sintética de $AUDIT_RECORDS registros (COPY binario)"
      $SEED seed "${AUDIT_TARGET[@]}" --records "$AUDIT_RECORDS"
    fi
  else
    AUDIT_TARGET=(--db "$DATA/audit-$AUDIT_RECORDS.db")
    if [ ! -f "$DATA/audit-$AUDIT_RECORDS.db" ]; then
      log "Bitácora sintética de $AUDIT_RECORDS registros"
      $SEED seed "${AUDIT_TARGET[@]}" --records "$AUDIT_RECORDS"
    fi
  fi
  log "Búsquedas de auditoría sobre $AUDIT_RECORDS registros"
  $SEED search "${AUDIT_TARGET[@]}" --runs 3 | tee "$OUT/audit-search-$PROVIDER-$AUDIT_RECORDS.md"
  AUDIT_TEXT="ver $OUT/audit-search-$PROVIDER-$AUDIT_RECORDS.md"
fi

CRASH_RESULT="no ejecutada (use --crash)"
[ "$MODE" = "--crash" ] && crash_check

WRK_RATIO=$(ratio "$(json "$APPR" throughput)" "$(json "$RAW" throughput)")
CPU_RATIO=$(ratio "$(json "$APPR" cpuMsPerQuery)" "$(json "$RAW" cpuMsPerQuery)")
P99_RATIO=$(ratio "$(json "$OPEN" p99)" "$(json "$RAW_OPEN" p99)")
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
stamp=$(date -u +%Y-%m-%dT%H:%MZ)
report=$OUT/$stamp-$PROVIDER-$PERSONS.md
cat >"$report" <<MD
| medida ($PROVIDER, $PERSONS personas, $(nproc) núcleos, $SECONDS_RUN s por medida tras $WARMUP s de calentamiento; carga media al terminar: $LOADAVG) | cliente | valor |
| --- | --- | --- |
| importación del registro | — | ${IMPORT_TEXT} |
| referencia cruda, consultas/s (bucle cerrado) | wrk, $CONNECTIONS conexiones | $(json "$RAW" throughput) (p50 $(json "$RAW" p50) ms, p99 $(json "$RAW" p99) ms; $(json "$RAW" non2xx) no 2xx, $(json "$RAW" socketErrors) errores de conexión) |
| app REST con bitácora (synchronous=FULL), respuestas 2xx/s (bucle cerrado) | wrk, $CONNECTIONS conexiones | $(json "$APPR" throughput) (p50 $(json "$APPR" p50) ms, p99 $(json "$APPR" p99) ms; $(json "$APPR" non2xx) no 2xx, $(json "$APPR" socketErrors) errores de conexión) |
| **app / referencia, consultas/s** (objetivo ≥ 0,5) | wrk | **$WRK_RATIO** |
| CPU por consulta respondida: referencia / app | wrk (CPU del proceso servidor, /proc) | $(json "$RAW" cpuMsPerQuery) ms / $(json "$APPR" cpuMsPerQuery) ms (app / referencia: $CPU_RATIO) |
| referencia cruda: latencia a $RATE consultas/s (bucle abierto) | LoadClient open | p50 $(json "$RAW_OPEN" p50) ms, p90 $(json "$RAW_OPEN" p90) ms, p99 $(json "$RAW_OPEN" p99) ms, máx $(json "$RAW_OPEN" max) ms |
| app: latencia a $RATE consultas/s (bucle abierto) | LoadClient open | p50 $(json "$OPEN" p50) ms, p90 $(json "$OPEN" p90) ms, p99 $(json "$OPEN" p99) ms, máx $(json "$OPEN" max) ms |
| **p99 app / referencia a $RATE consultas/s** (objetivo ≤ 1,5) | LoadClient open | **$P99_RATIO** |
| app: diagnóstico de la cola durante esa carga abierta (TAIL_DIAG=1) | dotnet-counters + /metrics de la app | $DIAG_TEXT |
| consulta del funcionario en el navegador, sin otra carga ($(json "$BIDLE" queries) consultas) | BrowserLatency (Chromium) | p50 $(json "$BIDLE" p50) ms, p90 $(json "$BIDLE" p90) ms, p99 $(json "$BIDLE" p99) ms, máx $(json "$BIDLE" max) ms |
| consulta del funcionario en el navegador con $RATE consultas/s REST en paralelo ($(json "$BLOAD" queries) consultas) | BrowserLatency + LoadClient open | p50 $(json "$BLOAD" p50) ms, p90 $(json "$BLOAD" p90) ms, p99 $(json "$BLOAD" p99) ms, máx $(json "$BLOAD" max) ms (REST en paralelo: p50 $(json "$BLOAD_REST" p50) ms, p99 $(json "$BLOAD_REST" p99) ms) |
| bitácora | LoadClient open | $recorded registros para $answered llamadas respondidas ($unanswered abandonadas por el cliente); $VERIFY |
| caída (kill -9) | LoadClient closed | $CRASH_RESULT |
| búsquedas de auditoría (${AUDIT_RECORDS:-—} registros) | bench/AuditSeed | $AUDIT_TEXT |
MD
cat "$report"
printf '\nwrk app/referencia: %s · CPU por consulta app/referencia: %s · p99 a %s consultas/s app/referencia (LoadClient): %s\n' \
  "$WRK_RATIO" "$CPU_RATIO" "$RATE" "$P99_RATIO"
[ "$TAIL_DIAG" = 1 ] && printf 'p99 de la app %s ms; cola: %s\n' "$(json "$OPEN" p99)" "$DIAG_TEXT"
exit 0
