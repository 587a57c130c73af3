#!/usr/bin/env python3
"""Summarises bench/ha.sh's call log per fault: calls answered (200), calls failed (anything else), and the
longest stretch without any answered call after the fault (seconds without service). Writes the answered
consultaIds to ANSWERED for the audit check. Usage: report.py CALLS ANSWERED START FAULT1_TIME FAULT1_NAME …"""
import sys

calls_path, answered_path, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
faults = [(float(sys.argv[i]), sys.argv[i + 1]) for i in range(4, len(sys.argv), 2)]
calls = sorted((float(t), int(s), c) for t, s, c in (line.split() for line in open(calls_path)))
end = calls[-1][0] if calls else start
with open(answered_path, "w") as f:
    for _, s, c in calls:
        if s == 200: f.write(c + "\n")

windows = [(start, "antes de las fallas")] + faults
print(f"{'tramo':<38} {'respondidas':>11} {'fallidas':>9} {'s sin servicio':>15}")
for k, (t0, name) in enumerate(windows):
    t1 = windows[k + 1][0] if k + 1 < len(windows) else end
    last = k + 1 == len(windows)
    inside = [c for c in calls if t0 <= c[0] and (c[0] < t1 or last and c[0] == t1)]
    ok = [c[0] for c in inside if c[1] == 200]
    failed = len(inside) - len(ok)
    # Longest interval in the window with no answered call, counted from the fault itself; before the faults,
    # from the first answer (the load client's start-up is not a lack of service).
    marks = ([t0] if k > 0 or not ok else []) + ok + [t1]
    gap = max((b - a for a, b in zip(marks, marks[1:])), default=0.0)
    print(f"{name:<38} {len(ok):>11} {failed:>9} {f'{gap:.1f}'.replace('.', ','):>15}")
total_ok = sum(1 for c in calls if c[1] == 200)
print(f"{'total':<38} {total_ok:>11} {len(calls) - total_ok:>9}")
