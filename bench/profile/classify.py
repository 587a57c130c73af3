#!/usr/bin/env python3
"""Share of CPU samples per part of the query path, from `perf script` output of a profile.sh run (perf record -g).

Each sample is charged to the category of the frame nearest the leaf that matches one (walking leaf to root; on
one frame the first category listed wins), so a sample is charged to the innermost part of the path it was in
and the shares add up to 100 %. "JIT compiler", "GC" and "kernel" are
charged by the leaf frame's module. Usage: perf script -i perf.data | python3 classify.py
"""
import re
import sys
from collections import Counter

# (name, regex over a frame line); checked in order against every frame of the stack.
CATEGORIES = [
    ("firma JWS de la respuesta (DetachedJws.Sign)", r"DetachedJws::Sign"),
    # On the REST path only the quota reservation goes through EF Core (the rest uses prepared commands or caches);
    # after an await its frames are EF's, not QuotaReservations'.
    ("cuota (QuotaReservations, EF Core)", r"QuotaReservations|EntityFrameworkCore"),
    (WRITER_NAME := "escritor de la bitácora (AuditLog.WriteBatch, hilo propio)", r"AuditLog::WriteLoop|AuditLog::WriteBatch"),
    ("detector de uso indebido (MisuseDetector)", r"Misuse"),
    ("checkpoint del WAL (WalCheckpointWorker)", r"WalCheckpointWorker"),
    ("búsqueda en el registro (RegistryLookup)", r"RegistryLookup"),
    ("credencial (ApiCaller / WebServiceAccess / hash del secreto)", r"ApiCaller|WebServiceAccess|CredentialFailureThrottle|Pbkdf2|Rfc2898"),
    ("limitador de tasa (ApiRateLimiter)", r"RateLimit"),
    ("acceso de la institución (InstitutionAccessCache)", r"InstitutionAccess"),
    ("validación (FluentValidation)", r"FluentValidation|QueryRequestValidator"),
    ("proyección y resumen de la respuesta (PersonProjection, AnswerDigest)", r"PersonProjection|AnswerDigest"),
    ("JSON (System.Text.Json)", r"System\.Text\.Json"),
    ("métricas (ConsultaMetrics / System.Diagnostics.Metrics)", r"ConsultaMetrics|Diagnostics\.Metrics"),
    ("resto de QueryGate", r"QueryGate"),
    # The cookie authentication and policy evaluation serve the pages only; on a REST profile this should be ~0 %
    # (WebApplication used to add both middleware to every request, see WebSetup.UseConsultaPipeline).
    ("autenticación/autorización de páginas (cookie, políticas)", r"AuthenticationServiceImpl|AuthenticationHandler|PolicyEvaluator|AuthenticationMiddleware::Invoke|AuthorizationMiddleware::Invoke"),
    ("Kestrel / HTTP / middleware", r"AspNetCore|System\.Net\.Sockets|System\.IO\.Pipelines"),
]
LEAF = [
    ("compilador JIT (libclrjit)", r"libclrjit"),
    ("kernel (red, planificador, fsync)", r"kernel\.kallsyms|\[k\]"),
]
compiled = [(n, re.compile(p)) for n, p in CATEGORIES]
leaf_compiled = [(n, re.compile(p)) for n, p in LEAF]

WRITER = WRITER_NAME
counts = Counter()
total = 0
stack = []
thread = ""

def flush():
    global total
    if not stack:
        return
    total += 1
    leaf = stack[0]
    # The writer's own thread ("Bitácora (escritor)"): everything on it, SQLite's B-tree inserts included, which
    # the unwinder cannot trace back through libe_sqlite3.
    if thread.startswith("Bitácora"):
        counts[WRITER] += 1
        return
    for name, rx in leaf_compiled:
        if rx.search(leaf):
            counts[name] += 1
            return
    for frame in stack:
        for name, rx in compiled:
            if rx.search(frame):
                counts[name] += 1
                return
    if "libcoreclr" in leaf:
        counts["runtime sin pila administrada reconocida (GC, hilos, stubs: libcoreclr)"] += 1
    elif "libcrypto" in leaf:
        counts["libcrypto (firma RSA/ECDSA, SHA-256; OpenSSL sin marcos de pila)"] += 1
    elif "libe_sqlite3" in leaf:
        counts["SQLite sin llamador reconocido"] += 1
    else:
        counts["otros"] += 1

for line in sys.stdin:
    if not line.strip():
        flush()
        stack = []
    elif line[0].isspace():
        stack.append(line.strip())
    else:
        flush()
        stack = []
        thread = line.split()[0]
flush()

for name, n in counts.most_common():
    print(f"{100 * n / max(total, 1):5.1f} %  {name}")
print(f"({total} muestras)")
