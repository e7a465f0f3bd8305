#!/usr/bin/env python3
"""Latency of the analytics API through `heed serve` on a large database, one client at a time.

usage: bench/analytics_http.py HEED_BINARY DB [RUNS=7]
   (DB filled first: heed demo --db DB --count 1000000 --now 2026-11-20T08:00:00Z)

Starts the server on loopback with a manager token (the server builds the tenant's KPI roll-up in the background at
start), times the first analytics request (a 503 with Retry-After while the roll-up is being built) and how long
after the start the roll-up is ready (the first 200, retrying as Retry-After says), then each request below RUNS times, and prints the median, the fastest and the slowest of
each with the size of the answer. Suggestions are timed on random complaint ids. Reads only, except the token."""

import http.client
import random
import socket
import sqlite3
import statistics
import sys
import time

from bench_server import memory_mib, start_server



def main():
    binary, db = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    server, port, token = start_server(binary, db)
    conn = None

    def get(path):
        nonlocal conn
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
        start = time.perf_counter()
        conn.request("GET", path, headers={"Authorization": "Bearer " + token})
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            raise SystemExit(f"{path}: {response.status} {body[:300]!r}")
        return elapsed, body

    def first_answer(path):
        """(seconds of the first request, its status, seconds from the server's start until a 200)."""
        nonlocal conn
        conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=900)
        first = None
        while True:
            start = time.perf_counter()
            conn.request("GET", path, headers={"Authorization": "Bearer " + token})
            response = conn.getresponse()
            body = response.read()
            if first is None:
                first = (time.perf_counter() - start, response.status)
            if response.status == 200:
                return first[0], first[1], time.perf_counter() - started
            if response.status != 503:
                raise SystemExit(f"{path}: {response.status} {body[:300]!r}")
            time.sleep(int(response.getheader("Retry-After", "1")))

    try:
        started = time.perf_counter()
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        print(f"server ready in {time.perf_counter() - started:.1f} s; {memory_mib(server.pid)['VmRSS']} MiB resident")
        first, status, ready = first_answer("/api/v1/analytics/kpis?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z")
        print(f"first analytics request: {status} in {first:.1f} s; roll-up ready {ready:.1f} s after the start; "
              f"{memory_mib(server.pid)['VmRSS']} MiB resident")

        def timed(name, path, repeat=runs):
            times, size = [], 0
            for _ in range(repeat):
                t, body = get(path)
                times.append(t)
                size = len(body)
            print(f"{name:58s} median {statistics.median(times):8.1f} ms  (min {min(times):.1f}, max "
                  f"{max(times):.1f}, n={repeat})  {size / 1000:.0f} kB")
            return body

        month = "from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z"
        half_year = "from=2026-05-20T00:00:00Z&to=2026-11-20T00:00:00Z"
        timed("KPIs of a month", f"/api/v1/analytics/kpis?{month}")
        timed("KPIs of a month, 24x7 calendar (business = calendar time)", f"/api/v1/analytics/kpis?{month}&calendar=24x7")
        timed("KPIs of a month by agent", f"/api/v1/analytics/kpis?{month}&group_by=agent")
        timed("pareto of a month by category", f"/api/v1/analytics/pareto?{month}")
        timed("pareto of six months by category", f"/api/v1/analytics/pareto?{half_year}")
        timed("pareto of six months by product", f"/api/v1/analytics/pareto?{half_year}&by=product")
        timed("trends of six months by day, volume + heat map", f"/api/v1/analytics/trends?{half_year}")
        timed("trends of six months by day with 4 KPIs",
              f"/api/v1/analytics/trends?{half_year}&kpis=csat,resolution_rate,repeat_rate,first_response_time")
        timed("trends of six months by week, one category",
              f"/api/v1/analytics/trends?{half_year}&granularity=week&category=%E7%89%A9%E6%B5%81%E9%85%8D%E9%80%81")
        timed("trends of six months by month", f"/api/v1/analytics/trends?{half_year}&granularity=month")
        timed("alerts of the last 24 hours (288 evaluations)",
              "/api/v1/analytics/alerts?from=2026-11-19T08:00:00Z&to=2026-11-20T08:00:00Z")
        timed("alerts of the last 7 days (2 016 evaluations)",
              "/api/v1/analytics/alerts?from=2026-11-13T08:00:00Z&to=2026-11-20T08:00:00Z", max(3, runs // 2))
        timed("monthly report, HTML", "/api/v1/reports/monthly?month=2026-10&format=html")
        rng = random.Random(42)
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as ro:
            ids = [row[0] for row in ro.execute("SELECT id FROM complaints")]
        ids = rng.sample(ids, 200)
        times = []
        for i in ids:
            t, _ = get(f"/api/v1/complaints/{i}/suggestions")
            times.append(t)
        times.sort()
        print(f"{'suggestions, random complaints':58s} median {statistics.median(times):8.1f} ms  "
              f"(p95 {times[int(0.95 * (len(times) - 1))]:.1f}, max {times[-1]:.1f}, n={len(times)})")
        after = memory_mib(server.pid)
        print(f"server peak {after['VmHWM']} MiB, resident {after['VmRSS']} MiB")
    finally:
        if conn:
            conn.close()
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
