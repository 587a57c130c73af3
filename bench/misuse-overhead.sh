#!/usr/bin/env bash
# REST throughput and CPU per query with the misuse detector running vs not running, in one run (issue 17: within 5 %).
#   bash bench/misuse-overhead.sh                        # 100,000 persons, 7 rounds, 60 s per measurement (~30 min)
#   ROUNDS=3 SECONDS_RUN=20 bash bench/misuse-overhead.sh  # quick look (not conclusive)
#   POLL=1 bash bench/misuse-overhead.sh                   # worst case: a detector pass every second
#   PERF=1 bash bench/misuse-overhead.sh                   # also profile every measurement (linux-perf)
# Each round measures both modes in ABBA order (off,on / on,off / off,on …), so drift of the machine weighs on both
# alike. Every measurement starts the same published app (Misuse__Enabled=false or true, Misuse__PollSeconds=POLL,
# by default the shipped 30 s) on a FRESH copy of the same database, so no mode inherits the other's audit records.
# Load: Debian's wrk with bench/misuse-overhead.lua (closed loop, CONNECTIONS connections), WARMUP s (20: past the JIT's
# tier-up) then SECONDS_RUN s.
# Per measurement: queries/s and the app's CPU per answered query (utime+stime of the process from /proc/PID/stat
# over the measured window ÷ answered requests; robust to a noisy machine, where queries/s is not). For "on" also the
# records the detector reviewed in the window, what remained unreviewed at the end, and the detector's CPU per 1 000
# records estimated from the difference to the "off" CPU per query. Prints the rounds, the median on/off ratios and
# the detector's CPU share, and writes them to bench/results/misuse-overhead.txt.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
PERSONS=${PERSONS:-100000}
SECONDS_RUN=${SECONDS_RUN:-60}
POLL=${POLL:-30}
WARMUP=${WARMUP:-20}
ROUNDS=${ROUNDS:-7}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
APP_PORT=${APP_PORT:-47821}
PERF=${PERF:-0}
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
[ "$PERF" = 1 ] && ! command -v perf >/dev/null 2>&1 && need+=(linux-perf)
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
export ConnectionStrings__Consulta="Data Source=$WORK/consulta.db" Misuse__PollSeconds=$POLL
# Without W^X the JIT code has one mapping perf can resolve through the perf map.
[ "$PERF" = 1 ] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
export PERSONS CREDENTIAL_B64; CREDENTIAL_B64=$(printf 'demo-banco:Demo-Banco-2026' | base64)
URL="http://127.0.0.1:$APP_PORT/api/v1/consultas/documento"
TICKS=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime of the process (all its threads)
sql() { sqlite3 "$WORK/consulta.db" "PRAGMA busy_timeout=5000; $1" | tail -n 1; }
reviewed() { sql "SELECT COALESCE((SELECT LastSequence FROM DetectorPositions WHERE Id = 'misuse'), 0)"; }

measure() { # $1 = true|false: the detector on or off; prints "queries/s cpu_ms_per_query reviewed lag detector_ms"
  rm -f "$WORK"/consulta.db*
  cp "$DB" "$WORK/consulta.db" # a fresh copy: both modes start from the same database
  # The worker logs each catch-up at Debug: records reviewed and the CPU of its own thread (SQLite keeps a pass on one thread).
  (cd "$BUILD/app" && exec env Misuse__Enabled="$1" "Logging__LogLevel__Segip.Consulta.Core.Features.Misuse.MisuseDetectorWorker=Debug" \
    $APP --urls "http://127.0.0.1:$APP_PORT") >"$OUT/misuse-overhead-app.log" 2>&1 &
  local pid=$! result cpu0 cpu1 from to lag perf_pid=""
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$APP_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  wrk -t"$THREADS" -c"$CONNECTIONS" --timeout 10s -d"${WARMUP}s" -s misuse-overhead.lua "$URL" >/dev/null
  from=$(reviewed); cpu0=$(cpu_ticks "$pid")
  if [ "$PERF" = 1 ]; then # both modes, so the profiler's own cost weighs on both alike
    perf record -q -F 499 -g -p "$pid" -o "$WORK/perf.data" -- sleep "$SECONDS_RUN" >/dev/null 2>&1 & perf_pid=$!
  fi
  result=$(wrk -t"$THREADS" -c"$CONNECTIONS" --timeout 10s -d"${SECONDS_RUN}s" -s misuse-overhead.lua "$URL" | grep '^RESULT')
  cpu1=$(cpu_ticks "$pid"); to=$(reviewed)
  lag=$(sql "SELECT (SELECT MAX(Sequence) FROM AuditRecords) - $to")
  [ -n "$perf_pid" ] && wait "$perf_pid" || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local thread_cpu # records and thread CPU ms of every catch-up the worker logged in this run (warm-up included)
  thread_cpu=$(grep -o '[0-9]* registros revisados, [0-9]* alertas nuevas, -\?[0-9]* ms de CPU' "$OUT/misuse-overhead-app.log" \
    | awk '{r += $1; if ($7 >= 0) c += $7} END {printf "%d %d", r, c}')
  local share=""
  if [ -n "$perf_pid" ]; then # share of the process's samples with a misuse-detector frame on the stack
    share=$(perf script -i "$WORK/perf.data" -F comm,ip,sym 2>/dev/null | python3 -c '
import sys
total = hit = 0; cur = False; started = False
for line in sys.stdin:
    if not line.strip():
        if started: total += 1; hit += cur
        cur = False; started = False; continue
    started = True
    if "Features.Misuse" in line: cur = True
if started: total += 1; hit += cur
print(f"{hit / max(total, 1):.4f}")')
  fi
  python3 - "$result" "$cpu0" "$cpu1" "$TICKS" "$from" "$to" "$lag" "$share" $thread_cpu <<'PY'
import sys
result, cpu0, cpu1, ticks, frm, to, lag, share, logged, logged_ms = sys.argv[1:]
r = dict(kv.split("=") for kv in result.split()[1:])
if int(r["errors"]): sys.exit(f"FALLO: {r['errors']} respuestas con error")
if int(r["timeouts"]): print(f"aviso: {r['timeouts']} consultas sin respuesta en 10 s (máquina ocupada)", file=sys.stderr)
requests = int(r["requests"])
cpu_ms = (int(cpu1) - int(cpu0)) * 1000 / int(ticks)
run_ms = int(cpu1) * 1000 / int(ticks)  # the process's CPU since it started
print(f"{requests / float(r['seconds']):.1f} {cpu_ms / requests:.4f} {int(to) - int(frm)} {lag} {cpu_ms:.0f} {share or '-'} "
      f"{logged} {logged_ms} {run_ms:.0f}")
PY
}

rows=()
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order=(false true); else order=(true false); fi
  row=("$round")
  for mode in "${order[@]}"; do
    log "Ronda $round/$ROUNDS: detector $([ "$mode" = true ] && echo encendido || echo apagado)"
    m=$(measure "$mode"); echo "$mode $m"
    row+=("$mode:${m// /:}")
  done
  rows+=("${row[*]}")
done
printf '%s\n' "${rows[@]}" > "$WORK/rows"
python3 - "$OUT/misuse-overhead.txt" "$WORK/rows" "$PERSONS" "$SECONDS_RUN" "$CONNECTIONS" "$POLL" "$WARMUP" <<'PY'
import statistics as st, sys, datetime
path, rows, persons, seconds, conns, poll, warmup = sys.argv[1:]
rounds = []
for line in open(rows):
    parts = line.split()
    m = {}
    for p in parts[1:]:
        mode, qps, cpuq, rev, lag, cpu, share, logged, logged_ms, run_ms = p.split(":")
        m[mode == "true"] = dict(qps=float(qps), cpuq=float(cpuq), rev=int(rev), lag=int(lag), cpu=float(cpu),
                                 share=None if share == "-" else float(share), logged=int(logged),
                                 logged_ms=int(logged_ms), run_ms=float(run_ms))
    rounds.append((int(parts[0]), m))
out = [f"{datetime.datetime.now(datetime.timezone.utc):%d/%m/%Y %H:%M} UTC · {persons} personas · {len(rounds)} rondas ABBA · "
       f"{warmup} s de calentamiento + {seconds} s medidos · {conns} conexiones (wrk) · PollSeconds={poll}",
       "ronda | orden | apagado q/s | encendido q/s | enc/apag q/s | apagado ms CPU/consulta | encendido ms CPU/consulta | "
       "enc/apag CPU | revisados | sin revisar al final | detector ms CPU/1000 reg (dif.) | detector ms CPU/1000 reg (hilo) | "
       "detector % CPU del proceso (hilo) | detector % muestras perf"]
ratios, cpu_ratios, det_per_k, thread_per_k, thread_share = [], [], [], [], []
for n, m in rounds:
    off, on = m[False], m[True]
    ratio, cpu_ratio = on["qps"] / off["qps"], on["cpuq"] / off["cpuq"]
    ratios.append(ratio); cpu_ratios.append(cpu_ratio)
    requests_on = on["cpu"] / on["cpuq"] if on["cpuq"] else 0
    extra = on["cpu"] - off["cpuq"] * requests_on  # CPU the "on" app spent beyond the "off" cost of its queries
    per_k = extra / on["rev"] * 1000 if on["rev"] else float("nan")
    det_per_k.append(per_k)
    order = "apag,enc" if n % 2 else "enc,apag"
    share = f"{on['share']:.1%}" if on["share"] is not None else "-"
    t_per_k = on["logged_ms"] / on["logged"] * 1000 if on["logged"] else float("nan")
    t_share = on["logged_ms"] / on["run_ms"] if on["run_ms"] else float("nan")
    thread_per_k.append(t_per_k); thread_share.append(t_share)
    out.append(f"{n} | {order} | {off['qps']:.0f} | {on['qps']:.0f} | {ratio:.1%} | {off['cpuq']:.3f} | {on['cpuq']:.3f} | "
               f"{cpu_ratio:.1%} | {on['rev']} | {on['lag']} | {per_k:.1f} | {t_per_k:.1f} | {t_share:.1%} | {share}")
med = lambda xs: st.median(xs)
off_q, on_q = med([m[False]["qps"] for _, m in rounds]), med([m[True]["qps"] for _, m in rounds])
off_c, on_c = med([m[False]["cpuq"] for _, m in rounds]), med([m[True]["cpuq"] for _, m in rounds])
out.append(f"medianas: apagado {off_q:.0f} q/s y {off_c:.3f} ms CPU/consulta; encendido {on_q:.0f} q/s y {on_c:.3f} ms CPU/consulta")
out.append(f"cociente encendido/apagado por ronda, mediana: {med(ratios):.1%} en consultas/s (objetivo >= 95 %), "
           f"{med(cpu_ratios):.1%} en CPU por consulta")
out.append(f"parte del CPU del proceso que se lleva el detector (1 - apagado/encendido en CPU por consulta, medianas): "
           f"{1 - off_c / on_c:.1%}; detector por diferencia: mediana {med(det_per_k):.1f} ms de CPU por 1 000 registros revisados")
out.append(f"detector medido en su hilo (registro del worker): mediana {med(thread_per_k):.1f} ms de CPU por 1 000 registros, "
           f"{med(thread_share):.1%} del CPU del proceso")
shares = [m[True]["share"] for _, m in rounds if m[True]["share"] is not None]
if shares: out.append(f"perf: muestras del proceso con un marco de Features.Misuse en la pila, mediana {med(shares):.1%}")
text = "\n".join(out) + "\n"
open(path, "w").write(text)
print(text, end="")
PY
