#!/usr/bin/env python3
"""What each audit index costs on the write path (issue 20), measured on a COPY of a large SQLite bitácora.

Appends RECORDS audit records after the last one, in group commits of GROUP records (as the app's writer does:
one transaction per group, WAL, synchronous=FULL), and reports per record: wall time, this process's CPU time and
the bytes the WAL grew by (pages written: the figure a loaded machine does not blur). The new records copy the
columns of random existing ones (so document numbers, institutions and end users land at random places of their
indexes, as real traffic does) with new sequences, increasing times and increasing UUIDv7-like ConsultaIds; they
are deleted again at the end, so the copy can be measured again after dropping an index.

  python3 bench/audit-index-cost.py /var/tmp/copy/audit-10m.db [--records 20000] [--group 16]

Run it on a copy only: it writes to the file. Checkpoints are off while it runs (the WAL growth is the measure).
"""
import argparse
import os
import random
import sqlite3
import time
import uuid
from datetime import datetime, timedelta


def main():
    p = argparse.ArgumentParser()
    p.add_argument("db")
    p.add_argument("--records", type=int, default=20000)
    p.add_argument("--group", type=int, default=16)
    p.add_argument("--seed", type=int, default=20)
    a = p.parse_args()

    conn = sqlite3.connect(a.db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    indexes = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='AuditRecords' AND sql IS NOT NULL ORDER BY name")]
    columns = [r[1] for r in conn.execute("PRAGMA table_info(AuditRecords)")]
    last_seq, last_time = conn.execute("SELECT Sequence, TimestampUtc FROM AuditRecords ORDER BY Sequence DESC LIMIT 1").fetchone()
    rng = random.Random(a.seed)
    # Templates: random existing records (their document, institution, end user... land at random index positions).
    picks = [rng.randint(1, last_seq) for _ in range(min(a.records, 5000))]
    templates = [conn.execute("SELECT * FROM AuditRecords WHERE Sequence = ?", (s,)).fetchone() for s in picks]
    templates = [t for t in templates if t is not None]
    i_seq, i_id, i_time = columns.index("Sequence"), columns.index("ConsultaId"), columns.index("TimestampUtc")
    insert = f'INSERT INTO AuditRecords ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
    base = time.time()
    start = datetime.strptime(last_time[:19], "%Y-%m-%d %H:%M:%S") + timedelta(seconds=1)
    wal = a.db + "-wal"
    wal0 = os.path.getsize(wal) if os.path.exists(wal) else 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    seq = last_seq
    for g in range(0, a.records, a.group):
        conn.execute("BEGIN IMMEDIATE")
        for _ in range(min(a.group, a.records - g)):
            seq += 1
            row = list(templates[seq % len(templates)])
            row[i_seq] = seq
            # UUIDv7-like: 48-bit milliseconds first, so new ids append at the right edge like the app's.
            ms = int((base + seq * 0.0001) * 1000)
            row[i_id] = str(uuid.UUID(int=(ms << 80) | (0x7 << 76) | rng.getrandbits(76))).upper()
            row[i_time] = (start + timedelta(milliseconds=seq - last_seq)).strftime("%Y-%m-%d %H:%M:%S.%f") + "0"
            conn.execute(insert, row)
        conn.execute("COMMIT")
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    wal1 = os.path.getsize(wal)
    n = a.records
    print(f"indexes ({len(indexes)}): {', '.join(indexes)}")
    print(f"records {n} in groups of {a.group}: wall {wall * 1e6 / n:.1f} µs/record, CPU {cpu * 1e6 / n:.1f} µs/record, "
          f"WAL {(wal1 - wal0) / n / 1024:.2f} KiB/record ({(wal1 - wal0) / 4120 / (n / a.group):.1f} pages/commit)")
    conn.execute("DELETE FROM AuditRecords WHERE Sequence > ?", (last_seq,))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


if __name__ == "__main__":
    main()
