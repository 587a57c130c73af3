#!/usr/bin/env bash
# Runs every test of Segip.Consulta on a fresh machine: installs what the tests need from Debian
# (Chromium for the browser tests, poppler-utils for PDF signature checks, python3-zeep and libxml2-utils for
# the contract tests, PostgreSQL for the provider matrix, HAProxy for the short failover run, prometheus for
# promtool's checks of /metrics and the alert rules) when absent, starts a throw-away PostgreSQL cluster for the
# run, then runs `dotnet test` and ends with one plain line: "tests: N passed, N failed" (after the names of any failed
# test; up to three failed tests of a whole-suite run are repeated once and, if they pass, named as unstable).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdfsig >/dev/null 2>&1 || need+=(poppler-utils)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# Contract tests (GeneratedClientTests, SoapServiceTests): Debian's zeep builds a SOAP client from the served
# WSDL; xmllint (libxml2) checks the WSDL's schema.
/usr/bin/python3 -c 'import zeep' >/dev/null 2>&1 || need+=(python3-zeep)
# SignedAnswersTests: real REST answers verified by jwcrypto, a JWS library other than the signer.
/usr/bin/python3 -c "import jwcrypto" >/dev/null 2>&1 || need+=(python3-jwcrypto)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
command -v npm >/dev/null 2>&1 || need+=(npm)
# SoapSignatureTests: xmlsec1 (libxmlsec1) verifies the WS-Security signature of real SOAP answers.
command -v xmlsec1 >/dev/null 2>&1 || need+=(xmlsec1)
if [ ${#need[@]} -gt 0 ]; then
  echo "Instalando dependencias de prueba: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The PostgreSQL side of the provider matrix: a cluster in a temporary folder on a free port, stopped on exit.
# The fixtures read SEGIP_TEST_POSTGRES (Segip.Consulta.Tests/Fixtures/TestDatabases.cs).
source scripts/pg-cluster.sh
pg_dir=$(mktemp -d /tmp/segip-test-pg.XXXXXX)
chmod 755 "$pg_dir"
trap 'pg_cluster_stop "$pg_dir"; rm -rf "$pg_dir"' EXIT
pg_port=$(pg_free_port)
pg_cluster_start "$pg_dir" "$pg_port"
export SEGIP_TEST_POSTGRES="Host=127.0.0.1;Port=${pg_port};Username=postgres;Maximum Pool Size=50"
# axe-core for the accessibility browser test, pinned by its package-lock.json (served to the test from disk).
if [ ! -f Segip.Consulta.Tests/Browser/axe/node_modules/axe-core/axe.min.js ]; then
  (cd Segip.Consulta.Tests/Browser/axe && npm ci --no-audit --no-fund --silent)
fi

# Every run is bounded, so a stuck test fails CI with its name instead of running into CI's own limit:
#  - a test process that reports no progress for 5 minutes prints the tests still running, and is killed
#    (Microsoft.Testing.Extensions.HangDump; their names are repeated at the end of the output);
#  - the whole `dotnet test` stops after 40 minutes (its output then ends with a line saying so);
#  - the output goes to a file that is followed with tail, so a process a test left behind holding the output
#    open cannot keep this script waiting, and whatever is left in the run's process group is killed after it.
run_tests() { # OUTPUT_FILE [dotnet test arguments…]
  local out=$1; shift
  timeout -k 30s 40m dotnet test Segip.Consulta.sln --results-directory "$results" \
    --hangdump --hangdump-timeout 5m --hangdump-type Mini "$@" >"$out" 2>&1 &
  local pid=$!
  tail -n +1 -f --pid="$pid" "$out"
  wait "$pid"; local rc=$?
  kill -9 -- "-$pid" 2>/dev/null
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    echo "Las pruebas superaron el límite de 40 minutos y se detuvieron." | tee -a "$out"
  fi
  return "$rc"
}

results=$(mktemp -d)
log=$(mktemp)
# The errors the test apps log (Segip.Consulta.Tests/Fixtures/ServerErrorLog.cs), shown below when a test fails.
export SEGIP_TEST_SERVER_LOG=$(mktemp)
set +e
run_tests "$log" "$@"
status=$?
passed=$(grep -E '^\s*succeeded:' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s*failed:' "$log" | awk '{s+=$2} END {print s+0}')
failed_names=$(grep -oE '^\s*failed [A-Za-z0-9_.]+' "$log" | awk '{print $2}' | sort -u)
# Tests stopped for making no progress count as failed (the test process was killed, so they have no result), and
# a run with one is never repeated: a hang is a bug to fix.
hung=$(cat "$results"/*_hang.log 2>/dev/null || true)
rm -rf "$results"
[ -n "$hung" ] && failed=$((failed + $(echo "$hung" | wc -l)))

# A whole-suite run repeats up to three failed tests once, by name. A test that fails again fails the run; one
# that passes on the second try is named below as unstable ("inestable") so it gets fixed, not forgotten.
unstable=""
if [ $# -eq 0 ] && [ -z "$hung" ] && [ "$status" -ne 0 ] && [ "$failed" -ge 1 ] && [ "$failed" -le 3 ] && [ -n "$failed_names" ]; then
  filters=()
  for name in $failed_names; do filters+=(--filter-method "$name"); done
  echo "== Repitiendo una vez las pruebas fallidas: $(echo $failed_names)"
  retry_log=$(mktemp)
  results=$(mktemp -d)
  run_tests "$retry_log" --no-build "${filters[@]}"
  retry_status=$?
  rm -rf "$results"
  retry_passed=$(grep -E '^\s*succeeded:' "$retry_log" | awk '{s+=$2} END {print s+0}')
  retry_failed=$(grep -E '^\s*failed:' "$retry_log" | awk '{s+=$2} END {print s+0}')
  if [ "$retry_status" -eq 0 ] && [ "$retry_failed" -eq 0 ] && [ "$retry_passed" -ge "$failed" ]; then
    unstable=$failed_names
    passed=$((passed + failed))
    failed=0
    status=0
  fi
  rm -f "$retry_log"
fi
# The short high-availability run (bench/ha.sh: app kill and database failover under load), for the whole suite only.
ha_line=""
if [ $# -eq 0 ]; then
  # Bounded like the tests: the short run takes about a minute and a half.
  HA_SECONDS=4 timeout -k 10s 10m bash bench/ha.sh
  ha_status=$?
  [ "$ha_status" -eq 124 ] && echo "bench/ha.sh superó 10 minutos y se detuvo."
  if [ "$ha_status" -eq 0 ]; then ha_line="ha: ok"; else ha_line="ha: FALLA"; status=$ha_status; fi
fi
set -e

# What the servers logged as errors comes first, above the names, so it never pushes them out of the tail.
if [ "$failed" -gt 0 ] || [ -n "$unstable" ]; then
  echo "errores registrados por las aplicaciones de prueba ($(wc -l < "$SEGIP_TEST_SERVER_LOG") en total; los 40 últimos, hora UTC):"
  tail -n 40 "$SEGIP_TEST_SERVER_LOG" | cut -c1-400
fi
rm -f "$SEGIP_TEST_SERVER_LOG"
# The names of the failed (or unstable) tests come last, next to the counts, so the tail of a CI log says what broke.
failed_lines=$(grep -E '^\s*failed [^:]' "$log" | sed -E 's/^\s*failed /  /' | sort -u || true)
[ -n "$failed_lines" ] && printf 'pruebas fallidas:\n%s\n' "$failed_lines"
if [ -n "$hung" ]; then
  echo "pruebas detenidas por no avanzar en 5 minutos (tiempo en curso, nombre):"
  echo "$hung" | sed 's/^/  /'
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "La ejecución terminó con el código $status sin pruebas fallidas: ver la salida de dotnet test más arriba."
fi
[ -n "$unstable" ] && echo "pruebas inestables (fallaron y pasaron al repetirlas): $(echo $unstable)"
[ -n "$ha_line" ] && echo "$ha_line"
echo "tests: ${passed} passed, ${failed} failed"
rm -f "$log"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No se ejecutó ninguna prueba." >&2
  exit 1
fi
exit "$status"
