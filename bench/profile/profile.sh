#!/usr/bin/env bash
# CPU cost of one audited REST query, for profiling on a machine other people share (issue 20).
#   bash bench/profile/profile.sh app              # the app: CPU ms per answered query under wrk load
#   bash bench/profile/profile.sh raw              # the same for bench/RawReference
#   PERF=1 bash bench/profile/profile.sh app       # also `perf record` the measured window; prints the top symbols
#                                                  # (JIT frames named through DOTNET_PerfMapEnabled=1)
# Throughput is meaningless when other builds share the 2 cores; CPU time per answer is not: the script reads the
# process's utime+stime from /proc/PID/stat before and after the measured window and divides by wrk's answered
# requests. Load: Debian's wrk with bench/misuse-overhead.lua (closed loop, CONNECTIONS connections; each of wrk's two
# threads walks the same registry persons in step), WARMUP seconds first (the tiered JIT recompiles hot code for ~20 s).
# Needs a published app and raw reference (BUILD, default /tmp/segip-profile/build, built when missing) and a
# registry database (DB, default bench/data/consulta-$PERSONS.db, as bench/run.sh leaves it); the run uses a copy,
# so the audit records it writes stay out of DB. Extra environment (e.g. Signing__CertificatePath=…) reaches the app.
#   PROVIDER=postgres PG_PORT=47813 bash bench/profile/profile.sh app|raw   # the same on PostgreSQL: PG_TEMPLATE (default
#     segip_consulta) on 127.0.0.1:PG_PORT is a migrated database holding the registry (as bench/run.sh leaves it); the run
#     works in a copy (CREATE DATABASE … TEMPLATE, dropped at the end); raw is bench/RawReferencePostgres.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
TARGET=${1:-app}
PERSONS=${PERSONS:-1000000}
SECONDS_RUN=${SECONDS_RUN:-20}
WARMUP=${WARMUP:-25}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-47867}
WORK=${WORK:-/tmp/segip-profile}
BUILD=${BUILD:-$WORK/build}
DB=${DB:-$ROOT/bench/data/consulta-$PERSONS.db}
PROVIDER=${PROVIDER:-sqlite}
mkdir -p "$WORK"

for tool in wrk perf sqlite3; do
  command -v "$tool" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk linux-perf sqlite3 >/dev/null; break; }
done
[ -f "$BUILD/app/Segip.Consulta.Web.dll" ] || dotnet publish Segip.Consulta.Web -c Release -o "$BUILD/app" -v quiet -nologo >/dev/null
[ -f "$BUILD/raw/RawReference.dll" ] || dotnet build bench/RawReference -c Release -o "$BUILD/raw" -v quiet -nologo >/dev/null

# A fresh copy per run (the signing certificate generated in Development lands beside it too).
RUN=$WORK/run-$TARGET
rm -rf "$RUN"; mkdir -p "$RUN"
if [ "$PROVIDER" = postgres ]; then
  [ -f "$BUILD/rawpg/RawReferencePostgres.dll" ] || dotnet build bench/RawReferencePostgres -c Release -o "$BUILD/rawpg" -v quiet -nologo >/dev/null
  RUNDB=profile_$TARGET
  pg() { psql -h 127.0.0.1 -p "${PG_PORT:?PG_PORT: el puerto del clúster}" -U postgres -X -q "$@"; }
  pg -d postgres -c "DROP DATABASE IF EXISTS $RUNDB" -c "CREATE DATABASE $RUNDB TEMPLATE ${PG_TEMPLATE:-segip_consulta}"
  PGCS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$RUNDB;Maximum Pool Size=200"
  sql() { pg -d "$RUNDB" -c "$1"; }
  export Database__Provider=Postgres ConnectionStrings__Consulta="$PGCS"
else
  [ -f "$DB" ] || { echo "falta la base $DB (créela con bench/run.sh)" >&2; exit 1; }
  cp "$DB" "$RUN/consulta.db"
  sql() { sqlite3 "$RUN/consulta.db" "$(tr -d '"' <<<"$1")"; }
  export ConnectionStrings__Consulta="Data Source=$RUN/consulta.db"
fi
# The demo agreements have no monthly quota, so by default no query reserves one. QUOTA=N gives the demo bank's
# agreement a quota of N (large: nothing is refused) so every query pays its reservation (QuotaReservations).
[ -n "${QUOTA:-}" ] && sql "UPDATE \"Agreements\" SET \"MonthlyQuota\" = $QUOTA WHERE \"InstitutionId\" = (SELECT \"Id\" FROM \"Institutions\" WHERE \"Name\" LIKE '%Banco%' LIMIT 1)"
# W^X off: with it, JIT code runs from a double-mapped memfd that perf cannot match with /tmp/perf-PID.map.
# Call counting without its 100 ms delay: under a loaded machine the delay keeps restarting and hot methods
# stay at tier 0 long after the warm-up; the steady state is the same.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_TC_CallCountingDelayMs=0
export ASPNETCORE_ENVIRONMENT=Development Seed__Demo=true Seed__Persons=0
export Logging__LogLevel__Default=Warning Api__RateLimit__PermitLimit=100000000 Api__RateLimit__WindowSeconds=1
# The misuse detector's first pass catches up with the whole existing bitácora (minutes on a 1 M database) and
# would own a sixth of the profile; its steady cost is measured by bench/misuse-overhead.sh. MISUSE=true keeps it.
export Misuse__Enabled=${MISUSE:-false}
if [ "$TARGET" = raw ] && [ "$PROVIDER" = postgres ]; then
  (exec dotnet "$BUILD/rawpg/RawReferencePostgres.dll" --pg "$PGCS" --urls "http://127.0.0.1:$PORT") >"$RUN/out.log" 2>&1 &
  READY=/audit-count
elif [ "$TARGET" = raw ]; then
  (exec dotnet "$BUILD/raw/RawReference.dll" --db "$RUN/consulta.db" --urls "http://127.0.0.1:$PORT") >"$RUN/out.log" 2>&1 &
  READY=/audit-count
else
  (cd "$BUILD/app" && exec dotnet Segip.Consulta.Web.dll --urls "http://127.0.0.1:$PORT") >"$RUN/out.log" 2>&1 &
  READY=/health/ready
fi
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; [ "$PROVIDER" != postgres ] || pg -d postgres -c "DROP DATABASE IF EXISTS $RUNDB" || true' EXIT
ready=0
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$PORT$READY" >/dev/null 2>&1 && { ready=1; break; }; sleep 0.5; done
[ "$ready" = 1 ] || { echo "$TARGET no respondió en $PORT$READY; ver $RUN/out.log" >&2; exit 1; }

export PERSONS CREDENTIAL_B64; CREDENTIAL_B64=$(printf 'demo-banco:Demo-Banco-2026' | base64)
URL="http://127.0.0.1:$PORT/api/v1/consultas/documento"
LUA=$ROOT/bench/misuse-overhead.lua
wrk -t 2 -c "$CONNECTIONS" -d "${WARMUP}s" -s "$LUA" "$URL" >/dev/null

ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
t0=$(ticks)
if [ "${PERF:-}" = 1 ]; then
  perf record -F 999 -g -p "$PID" -o "$RUN/perf.data" -- sleep "$SECONDS_RUN" >/dev/null 2>&1 &
  perf_pid=$!
fi
out=$(wrk -t 2 -c "$CONNECTIONS" -d "${SECONDS_RUN}s" -s "$LUA" "$URL")
t1=$(ticks)
[ "${PERF:-}" = 1 ] && wait "$perf_pid"
line=$(grep '^RESULT' <<<"$out") || { echo "wrk no terminó la medida:" >&2; echo "$out" >&2; exit 1; }
requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")
errors=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$line")
hz=$(getconf CLK_TCK)
python3 - "$TARGET" "$requests" "$errors" "$t0" "$t1" "$hz" "$SECONDS_RUN" <<'EOF'
import sys
target, n, errors, t0, t1, hz, secs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])
cpu_ms = (t1 - t0) * 1000 / hz
print(f"{target}: {n} answers in {secs:.0f} s ({n/secs:.0f}/s, not comparable on a shared machine), {errors} non-200; "
      f"CPU {cpu_ms/1000:.1f} s = {cpu_ms/max(n,1):.3f} ms per answer")
EOF
if [ "${PERF:-}" = 1 ]; then
  # Self time per symbol (no children), the top of the flat profile, and the same grouped by module.
  perf report -i "$RUN/perf.data" --no-children --sort symbol -g none --percent-limit 0.5 --stdio 2>/dev/null \
    | grep -E '^ +[0-9]' | head -45 > "$RUN/top-symbols.txt"
  perf report -i "$RUN/perf.data" --no-children --sort dso -g none --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -15 > "$RUN/top-dso.txt"
  perf script -i "$RUN/perf.data" 2>/dev/null | python3 "$ROOT/bench/profile/classify.py" > "$RUN/parts.txt"
  echo "-- partes de la ruta"; cat "$RUN/parts.txt"
  echo "-- módulos"; cat "$RUN/top-dso.txt"; echo "-- símbolos (tiempo propio)"; cut -c1-200 "$RUN/top-symbols.txt"
  echo "perf.data: $RUN/perf.data"
fi
