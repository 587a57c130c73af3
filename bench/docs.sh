#!/usr/bin/env bash
# Requests/s of the anonymous contract documents (issue 20: served from memory, target >= 10 000/s each):
#   bash bench/docs.sh                      # publishes the app, measures /openapi/v1.json and ?wsdl (plain, and with the
#                                           # Accept-Encoding a browser or SOAP tool sends), and /api/v1/claves
#   APP_DIR=/tmp/old/out bash bench/docs.sh # the same against another published build (e.g. before a change)
#   SECONDS_RUN=10 WARMUP=5 CONNECTIONS=64 THREADS=2 bash bench/docs.sh
# Each document: WARMUP s of wrk to let the JIT settle, then `wrk -tTHREADS -cCONNECTIONS -dSECONDSs URL` (Debian's
# wrk, closed loop; installed if missing). Prints a table with requests/s, wrk's p99, the app's CPU time per request
# (utime+stime of /proc/PID/stat over the measurement: steadier than requests/s on a busy machine), non-2xx answers
# and the load average before each measurement (requests/s mean something only on a quiet machine), and writes
# it to bench/results/docs-<time>.md. The app runs on a SQLite database of its own without a registry (the documents
# do not read it), kept in bench/data/docs.db so later runs skip the migrations (slow on a busy machine).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
SECONDS_RUN=${SECONDS_RUN:-10}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
APP_PORT=${APP_PORT:-47831}
OUT=$ROOT/bench/results
BUILD=$ROOT/bench/.build
mkdir -p "$OUT" "$BUILD"
APP_PID=""
trap '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null' EXIT

log() { printf '\n== %s\n' "$*" >&2; }
need=()
for tool in wrk curl python3; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  log "Instalando: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ -z "${APP_DIR:-}" ]; then
  log "Compilando (Release)"
  dotnet publish "$ROOT/Segip.Consulta.Web" -c Release -o "$BUILD/app" -v quiet -nologo >/dev/null
  APP_DIR=$BUILD/app
fi
export ASPNETCORE_ENVIRONMENT=Development Seed__Demo=true Seed__Persons=0 Logging__LogLevel__Default=Warning
mkdir -p "$ROOT/bench/data"
export ConnectionStrings__Consulta="Data Source=$ROOT/bench/data/docs.db"
curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$APP_PORT/" && { echo "FALLO: el puerto $APP_PORT ya está en uso; use APP_PORT=" >&2; exit 1; }
(cd "$APP_DIR" && exec dotnet Segip.Consulta.Web.dll --urls "http://127.0.0.1:$APP_PORT") >"$OUT/docs-app.log" 2>&1 &
APP_PID=$!
BASE=http://127.0.0.1:$APP_PORT
for _ in $(seq 1 600); do kill -0 "$APP_PID" 2>/dev/null || break; curl -fs "$BASE/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
kill -0 "$APP_PID" 2>/dev/null && curl -fs "$BASE/health/ready" >/dev/null || { echo "la aplicación no respondió; ver $OUT/docs-app.log" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
measure() { # $1 = label, $2 = path, $3 = optional request header; prints one table row
  local url=$BASE$2 load text cpu0 cpu1 status header=()
  [ -n "${3:-}" ] && header=(-H "$3")
  status=$(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "$url")
  if [ "$status" != 200 ]; then echo "| $1 (\`$2\`) | no medido: responde $status | | | | |"; return; fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${header[@]}" "$url" >/dev/null
  load=$(cut -d' ' -f1 /proc/loadavg)
  cpu0=$(cpu_ticks)
  text=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency "${header[@]}" "$url")
  cpu1=$(cpu_ticks)
  python3 - "$1" "$2" "$load" "$text" "$cpu0" "$cpu1" <<'PY'
import os, re, sys
label, path, load, text, cpu0, cpu1 = sys.argv[1:]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = int(re.search(r"(\d+) requests in", text).group(1))
p99 = re.search(r"\s99%\s+(\S+)", text).group(1)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
cpu_ms = (int(cpu1) - int(cpu0)) * 1000 / os.sysconf("SC_CLK_TCK") / max(requests, 1)
print(f"| {label} (`{path}`) | " + f"{rps:,.0f}".replace(",", " ")
      + f" | {p99} | {cpu_ms:.3f} ms | {non2xx.group(1) if non2xx else 0} | {load} |")
PY
}

log "wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_RUN}s por documento (tras ${WARMUP} s de calentamiento)"
report=$OUT/docs-$(date -u +%Y-%m-%dT%H:%MZ).md
{
  echo "| documento ($(nproc) núcleos, wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_RUN}s) | solicitudes/s | p99 (wrk) | CPU de la app por solicitud | respuestas no 2xx | carga media antes |"
  echo "| --- | --- | --- | --- | --- | --- |"
  measure "OpenAPI, sin compresión" /openapi/v1.json
  measure "OpenAPI, Accept-Encoding de un navegador" /openapi/v1.json "Accept-Encoding: gzip, deflate, br"
  measure "WSDL, sin compresión" "/soap/ConsultaService.asmx?wsdl"
  measure "WSDL, Accept-Encoding: gzip" "/soap/ConsultaService.asmx?wsdl" "Accept-Encoding: gzip"
  measure "JWKS de firma" /api/v1/claves
} | tee "$report"
