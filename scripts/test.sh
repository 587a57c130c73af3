#!/usr/bin/env bash
# Runs every test of Segip.Consulta on a fresh machine: installs what the tests need from Debian
# (Chromium for the browser tests, poppler-utils for PDF signature checks, python3-zeep and libxml2-utils for
# the contract tests) when absent, then runs
# `dotnet test` and ends with one plain line: "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdfsig >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
# Contract tests (GeneratedClientTests, SoapServiceTests): Debian's zeep builds a SOAP client from the served
# WSDL; xmllint (libxml2) checks the WSDL's schema.
/usr/bin/python3 -c 'import zeep' >/dev/null 2>&1 || need+=(python3-zeep)
# SignedAnswersTests: real REST answers verified by jwcrypto, a JWS library other than the signer.
/usr/bin/python3 -c "import jwcrypto" >/dev/null 2>&1 || need+=(python3-jwcrypto)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
# SoapSignatureTests: xmlsec1 (libxmlsec1) verifies the WS-Security signature of real SOAP answers.
command -v xmlsec1 >/dev/null 2>&1 || need+=(xmlsec1)
if [ ${#need[@]} -gt 0 ]; then
  echo "Instalando dependencias de prueba: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

log=$(mktemp)
set +e
dotnet test Segip.Consulta.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=$(grep -E '^\s*succeeded:' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s*failed:' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed"
rm -f "$log"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No se ejecutó ninguna prueba." >&2
  exit 1
fi
exit "$status"
