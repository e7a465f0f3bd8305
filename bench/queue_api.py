#!/usr/bin/env python3
"""The agent workspace's queue requests timed at the API, without the browser.

    python3 bench/queue_api.py HEED_BINARY DB [RUNS=21]

Starts `heed serve --db DB` on a free loopback port, waits until it is idle (start-up work such as migrations and the
SLA sweeper's first pass done), signs in as the demo agent (`agent`, a team-scoped role, as bench/web_speed.mjs) and
sends each queue's first-page request of the web application (50 rows, the open and paused statuses; "due soon" and
"breached" by SLA state in due order) RUNS times, cycling through the queues; the first round is left out. Prints the
median and p95 per queue of the time from sending the request to the whole answer read, and the row count.
The server writes to DB (sessions, its SLA sweeper, migrations of an older schema): give it a copy.
"""
import http.cookiejar
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

ACTIVE = "new,triaged,assigned,in_progress,reopened,waiting_customer,waiting_department"
QUEUES = {
    "open": f"status={ACTIVE}&limit=50",
    "due": f"status={ACTIVE}&sla_state=warning&sort=due_asc&limit=50",
    "breached": f"status={ACTIVE}&sla_state=breached&sort=due_asc&limit=50",
}


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().split(") ")[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(pid, port, limit=1800):
    deadline = time.time() + limit
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5)
            break
        except OSError:
            time.sleep(0.5)
    quiet = 0
    while time.time() < deadline and quiet < 4:
        before = cpu_seconds(pid)
        time.sleep(0.5)
        quiet = quiet + 1 if cpu_seconds(pid) - before < 0.025 else 0


def main():
    binary, db = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 21
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.time()
    server = subprocess.Popen([binary, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_idle(server.pid, port)
        print(f"server idle after {time.time() - started:.1f} s", flush=True)
        base = f"http://127.0.0.1:{port}"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        body = json.dumps({"tenant": "default", "username": os.environ.get("HEED_USER", "agent"),
                           "password": "demo-password"}).encode()
        opener.open(urllib.request.Request(f"{base}/api/v1/session", data=body,
                                           headers={"Content-Type": "application/json"})).read()
        times = {name: [] for name in QUEUES}
        rows = {}
        for round_ in range(runs):
            for name, query in QUEUES.items():
                t0 = time.perf_counter()
                answer = json.loads(opener.open(f"{base}/api/v1/complaints?{query}").read())
                elapsed = (time.perf_counter() - t0) * 1000
                rows[name] = len(answer["items"])
                if round_:
                    times[name].append(elapsed)
        result = {}
        for name, values in times.items():
            values.sort()
            p95 = values[min(len(values) - 1, -(-95 * len(values) // 100) - 1)]
            result[name] = {"median_ms": round(statistics.median(values), 1), "p95_ms": round(p95, 1),
                            "rows": rows[name]}
            print(f"{name:9} median {result[name]['median_ms']:7.1f} ms   p95 {p95:7.1f} ms   rows {rows[name]}")
        print(f"load average {os.getloadavg()[0]:.1f}")
        print(json.dumps(result))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
