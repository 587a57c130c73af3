#!/usr/bin/env bash
# REST throughput with the misuse detector running vs not running, in one run (issue 17: within 5 %).
#   bash bench/misuse-overhead.sh                      # 100,000 persons, 3 rounds of (off, on), 60 s each
#   POLL=1 SECONDS_RUN=20 bash bench/misuse-overhead.sh   # worst case: a detector pass every second
#   ROUNDS=5 PERSONS=1000000 bash bench/misuse-overhead.sh
# The same published app and the same database copy, restarted per measurement with Misuse__Enabled=false or
# true (Misuse__PollSeconds=POLL, by default the shipped 30 s, so a 60 s measurement holds two passes over the
# records the load is writing); rounds alternate
# off/on so the growing audit log and the machine's background weigh on both alike. Load: Debian's wrk with
# bench/misuse-overhead.lua (closed loop, CONNECTIONS connections). Prints each measurement, the medians and
# on/off, and writes them to bench/results/misuse-overhead.txt.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
PERSONS=${PERSONS:-100000}
SECONDS_RUN=${SECONDS_RUN:-60}
POLL=${POLL:-30}
WARMUP=${WARMUP:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
APP_PORT=${APP_PORT:-47821}
DATA=$ROOT/bench/data
OUT=$ROOT/bench/results
BUILD=$ROOT/bench/.build
mkdir -p "$DATA" "$OUT" "$BUILD"
CSV=$DATA/registry-$PERSONS.csv
DB=$DATA/consulta-$PERSONS.db
WORK=$(mktemp -d /tmp/segip-misuse-overhead.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

log() { printf '\n== %s\n' "$*" >&2; }
need=()
for tool in wrk sqlite3 curl python3; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  log "Instalando: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

log "Compilando (Release)"
dotnet publish "$ROOT/Segip.Consulta.Web" -c Release -o "$BUILD/app" -v quiet -nologo >/dev/null
APP="dotnet $BUILD/app/Segip.Consulta.Web.dll"
export ASPNETCORE_ENVIRONMENT=Development Seed__Demo=true Seed__Persons=0 Logging__LogLevel__Default=Warning
export Api__RateLimit__PermitLimit=100000000 Api__RateLimit__WindowSeconds=1
export ConnectionStrings__Consulta="Data Source=$DB"
if [ ! -f "$CSV" ]; then
  log "Generando registro sintético de $PERSONS personas"
  (cd "$BUILD/app" && $APP generate-registry --persons "$PERSONS" --out "$CSV")
fi
if [ ! -f "$DB" ]; then
  log "Importando $CSV"
  (cd "$BUILD/app" && $APP import-registry "$CSV" 2>/dev/null)
fi
# A copy: the audit records this bench writes stay out of bench/run.sh's database.
cp "$DB" "$WORK/consulta.db"
export ConnectionStrings__Consulta="Data Source=$WORK/consulta.db" Misuse__PollSeconds=$POLL
export PERSONS CREDENTIAL_B64; CREDENTIAL_B64=$(printf 'demo-banco:Demo-Banco-2026' | base64)
URL="http://127.0.0.1:$APP_PORT/api/v1/consultas/documento"

measure() { # $1 = true|false: the detector on or off; prints queries/s
  (cd "$BUILD/app" && Misuse__Enabled=$1 exec $APP --urls "http://127.0.0.1:$APP_PORT") >"$OUT/misuse-overhead-app.log" 2>&1 &
  local pid=$! result
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$APP_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s misuse-overhead.lua "$URL" >/dev/null
  result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_RUN}s" -s misuse-overhead.lua "$URL" | grep '^RESULT')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  python3 - "$result" <<'PY'
import sys
r = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
if int(r["errors"]): sys.exit(f"FALLO: {r['errors']} respuestas con error")
print(f"{int(r['requests']) / float(r['seconds']):.0f}")
PY
}

off=(); on=()
for round in $(seq 1 "$ROUNDS"); do
  log "Ronda $round/$ROUNDS: detector apagado"; off+=("$(measure false)"); echo "apagado: ${off[-1]} consultas/s"
  log "Ronda $round/$ROUNDS: detector encendido"; on+=("$(measure true)"); echo "encendido: ${on[-1]} consultas/s"
done
lag=$(sqlite3 "$WORK/consulta.db" "SELECT (SELECT MAX(Sequence) FROM AuditRecords) - COALESCE((SELECT LastSequence FROM DetectorPositions WHERE Id = 'misuse'), 0)")
alerts=$(sqlite3 "$WORK/consulta.db" "SELECT COUNT(*) FROM MisuseAlerts")
python3 - "$OUT/misuse-overhead.txt" "${off[*]}" "${on[*]}" "$lag" "$alerts" "$PERSONS" "$SECONDS_RUN" "$CONNECTIONS" "$POLL" <<'PY'
import statistics, sys, datetime
path, off, on, lag, alerts, persons, seconds, conns, poll = sys.argv[1:]
off = [float(x) for x in off.split()]; on = [float(x) for x in on.split()]
m_off, m_on = statistics.median(off), statistics.median(on)
text = (f"{datetime.datetime.now(datetime.timezone.utc):%d/%m/%Y %H:%M} UTC · {persons} personas · {len(off)} rondas de {seconds} s · {conns} conexiones (wrk) · PollSeconds={poll}\n"
        f"detector apagado (consultas/s): {', '.join(f'{x:.0f}' for x in off)} -> mediana {m_off:.0f}\n"
        f"detector encendido (consultas/s): {', '.join(f'{x:.0f}' for x in on)} -> mediana {m_on:.0f}\n"
        f"encendido / apagado: {m_on / m_off:.1%} (objetivo: >= 95 %); registros aún sin revisar al final: {lag}; alertas: {alerts}\n")
open(path, "w").write(text)
print(text, end="")
PY
