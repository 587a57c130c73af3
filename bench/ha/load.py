#!/usr/bin/env python3
"""Load client for bench/ha.sh: N threads POST document queries through HAProxy until STOPFILE exists.
Every call is one line of OUT: "<unix time> <status> <consultaId or ->" (status 0 = no HTTP answer)."""
import base64, http.client, json, os, sys, threading, time

host, port, threads, out, stopfile, persons = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6])
auth = "Basic " + base64.b64encode(b"demo-banco:Demo-Banco-2026").decode()
lock = threading.Lock()
lines = []

def worker(w):
    conn, i = None, w
    while not os.path.exists(stopfile):
        i += threads
        body = json.dumps({"tipoDocumento": "CI", "numeroDocumento": str(2000000 + 7 * (i % persons)), "finalidad": "Prueba de alta disponibilidad"})
        status, cid = 0, "-"
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host, port, timeout=15)
            conn.request("POST", "/api/v1/consultas/documento", body,
                         {"Authorization": auth, "X-Usuario-Final": "BD-001", "Content-Type": "application/json"})
            resp = conn.getresponse()
            text = resp.read()
            status = resp.status
            if status == 200:
                cid = json.loads(text)["consultaId"]
            if resp.getheader("Connection", "").lower() == "close":
                conn.close(); conn = None
        except Exception:
            if conn is not None:
                conn.close()
            conn = None
            time.sleep(0.05)
        with lock:
            lines.append(f"{time.time():.3f} {status} {cid}\n")

ts = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(threads)]
for t in ts: t.start()
for t in ts: t.join()
with open(out, "w") as f:
    f.writelines(lines)
