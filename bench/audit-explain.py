#!/usr/bin/env python3
"""The query plan of every distinct SQL command on the audit tables that the auditors' searches send (issue 20).

  dotnet bench/.build/auditseed/AuditSeed.dll search --db FILE --runs 1 --sql 2> sql.log     # or --pg "…"
  python3 bench/audit-explain.py sql.log sqlite FILE          # EXPLAIN QUERY PLAN with sqlite3
  python3 bench/audit-explain.py sql.log pg "-h 127.0.0.1 -p 47813 -U postgres -d audit_10000000"   # EXPLAIN with psql

Each distinct command (parameters aside) is explained once, with the parameter values of its first use inlined.
"""
import re
import shlex
import subprocess
import sys


def literal(name, value):
    if value == "":
        return "NULL"
    if re.fullmatch(r"-?\d+", value) and name not in ("@number", "@user"):
        return value
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4}) (\d\d:\d\d:\d\d)", value)  # .NET's invariant DateTime text
    if m:
        value = f"{m.group(3)}-{m.group(1)}-{m.group(2)} {m.group(4)}"
    return "'" + value.replace("'", "''") + "'"


def commands(path):
    text = open(path, encoding="utf-8").read()
    seen = {}
    for block in re.split(r"^-- \[", text, flags=re.M)[1:]:
        params, sql = block.split("]\n", 1)
        sql = sql.strip().rstrip(";")
        if ("AuditRecords" not in sql and "AuditSubjects" not in sql) or sql in seen:
            continue
        values = dict(p.split("=", 1) for p in params.split(", ") if "=" in p)
        seen[sql] = values
    return seen


def inline(sql, values):
    for name in sorted(values, key=len, reverse=True):
        sql = re.sub(re.escape(name) + r"\b", lambda _, n=name: literal(n, values[n]), sql)
    return sql


def main():
    log, engine, target = sys.argv[1], sys.argv[2], sys.argv[3]
    for i, (sql, values) in enumerate(commands(log).items(), 1):
        query = inline(sql, values)
        print(f"### {i}\n```sql\n{query};\n```")
        if engine == "sqlite":
            out = subprocess.run(["sqlite3", "-readonly", target, "EXPLAIN QUERY PLAN " + query + ";"], capture_output=True, text=True)
        else:
            out = subprocess.run(["psql", *shlex.split(target), "-X", "-q", "-c", "SET TimeZone = 'UTC'", "-c", "EXPLAIN (COSTS OFF) " + query],
                                 capture_output=True, text=True)
        print("```\n" + (out.stdout + out.stderr).strip() + "\n```\n")


if __name__ == "__main__":
    main()
