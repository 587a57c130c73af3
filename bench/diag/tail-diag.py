#!/usr/bin/env python3
"""Summary of bench/run.sh's TAIL_DIAG=1 diagnostics for one open-loop LoadClient phase (issue 20, the p99 tail).

  python3 bench/diag/tail-diag.py COUNTERS.csv METRICS_BEFORE METRICS_AFTER

COUNTERS.csv: `dotnet-counters collect --format csv --counters 'EventCounters\System.Runtime'` of the app during the
phase (one line per counter and second). METRICS_*: the app's Prometheus text (/metrics) just before and just after the phase; their
difference is the phase's own audit writer histograms (records per group commit, commit duration, each query's wait for
its record) and the gate's. Prints one JSON
object: what bench/run.sh puts beside the p99.
"""
import csv
import json
import re
import sys
from collections import defaultdict


def counters(path):
    """Per counter: the per-second values of the phase (Rate: increments in that second; Metric: the value)."""
    series = defaultdict(list)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            try:
                series[row["Counter Name"]].append(float(row["Mean/Increment"]))
            except (KeyError, ValueError):
                continue
    return series


def pick(series, prefix, tag=""):
    return next((v for k, v in series.items() if k.startswith(prefix) and tag in k), [])


def histograms(text):
    """name -> {"buckets": {le: cumulative count}, "sum": s, "count": n} from Prometheus text (summed over labels)."""
    out = defaultdict(lambda: {"buckets": defaultdict(float), "sum": 0.0, "count": 0.0})
    for line in text.splitlines():
        m = re.match(r'^([a-zA-Z_:][a-zA-Z0-9_:]*?)(_bucket|_sum|_count)(\{[^}]*\})?\s+([0-9.eE+\-]+|\+Inf|NaN)', line)
        if not m:
            continue
        name, kind, labels, value = m.group(1), m.group(2), m.group(3) or "", float(m.group(4))
        if kind == "_bucket":
            le = re.search(r'le="([^"]+)"', labels)
            if le:
                out[name]["buckets"][float(le.group(1))] += value
        elif kind == "_sum":
            out[name]["sum"] += value
        else:
            out[name]["count"] += value
    return out


def delta(before, after, name_part):
    name = next((n for n in after if name_part in n), None)
    if name is None:
        return None
    a, b = after[name], before.get(name, {"buckets": {}, "sum": 0.0, "count": 0.0})
    count = a["count"] - b["count"]
    if count <= 0:
        return {"count": 0}
    buckets = sorted((le, a["buckets"][le] - b["buckets"].get(le, 0.0)) for le in a["buckets"])

    def quantile(q):
        # The upper bound of the bucket holding the q-th observation (Prometheus histograms keep no finer detail).
        for le, cumulative in buckets:
            if cumulative >= q * count:
                return le
        return float("inf")

    return {"count": int(count), "mean": (a["sum"] - b["sum"]) / count, "p50le": quantile(0.5), "p99le": quantile(0.99),
            "maxle": next((le for le, c in reversed(buckets) if c < count), buckets[0][0]) if buckets else None,
            "overLe": {str(le): int(count - c) for le, c in buckets if le in (0.01, 0.05, 0.1)}}


def main():
    series = counters(sys.argv[1])
    with open(sys.argv[2]) as f:
        before = histograms(f.read())
    with open(sys.argv[3]) as f:
        after = histograms(f.read())
    pause = pick(series, "Time paused by GC")            # ms paused in each second
    queue = pick(series, "ThreadPool Queue Length")      # work items waiting, sampled each second
    threads = pick(series, "ThreadPool Thread Count")
    # Seconds of the phase: from the first second with thread-pool work to the last (the collection outlasts the load).
    work = pick(series, "ThreadPool Completed Work Item Count")
    busy = [i for i, v in enumerate(work) if v > 0]
    span = slice(busy[0], busy[-1] + 1) if busy else slice(0, 0)
    result = {
        "seconds": len(work[span]),
        "gcPauseMsTotal": round(sum(pause), 1),
        "gcPauseMsMaxPerSecond": round(max(pause, default=0), 1),
        "gen0": int(sum(pick(series, "Gen 0 GC Count"))),
        "gen1": int(sum(pick(series, "Gen 1 GC Count"))),
        "gen2": int(sum(pick(series, "Gen 2 GC Count"))),
        "allocatedMBPerSecond": round(sum(pick(series, "Allocation Rate")[span]) / max(len(work[span]), 1) / 1e6, 1),
        "threadPoolQueueMax": max(queue, default=0),
        "threadPoolQueueMean": round(sum(queue[span]) / max(len(queue[span]), 1), 1),
        "threadPoolThreadsMax": max(threads, default=0),
        "lockContentions": int(sum(pick(series, "Monitor Lock Contention Count"))),
        "jitMs": round(sum(pick(series, "Time spent in JIT")), 1),
        "auditGroupSize": delta(before, after, "audit_batch_size"),
        "auditCommitSeconds": delta(before, after, "audit_commit_duration"),
        "auditWaitSeconds": delta(before, after, "audit_wait_duration"),
        "gateSeconds": delta(before, after, "gate_duration"),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
