#!/usr/bin/env python3
"""Peak memory of `heed serve` while it streams the feedback-form export of a large database.

usage: bench/export_memory.py HEED_BINARY DB   (DB filled first, e.g. heed demo --db DB --count 100000)
Starts the server on loopback, reads VmHWM/VmRSS from /proc before and after each export (CSV, then XLSX), counts
the rows received, and prints one line per format."""

import http.client
import json
import os
import socket
import sys
import time

from bench_server import memory_mib, start_server



def main():
    binary, db = sys.argv[1], sys.argv[2]
    server, port, token = start_server(binary, db)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        # Warm up the roll-up and the allocator with a KPI query first, so the export's own growth shows.
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        conn.request("GET", "/api/v1/analytics/kpis", headers={"Authorization": "Bearer " + token})
        conn.getresponse().read()
        before = memory_mib(server.pid)
        print(f"server before exports: peak {before['VmHWM']} MiB, resident {before['VmRSS']} MiB")
        for fmt in ("csv", "xlsx"):
            start = time.time()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            conn.request("GET", f"/api/v1/exports/feedback-form?format={fmt}",
                         headers={"Authorization": "Bearer " + token})
            response = conn.getresponse()
            size, lines, last = 0, 0, b""
            while True:
                chunk = response.read(1 << 16)
                if not chunk:
                    break
                size += len(chunk)
                lines += chunk.count(b"\r\n") + (last == b"\r" and chunk[:1] == b"\n")  # a CRLF split by the read
                last = chunk[-1:]
            after = memory_mib(server.pid)
            rows = f"{lines - 1} rows, " if fmt == "csv" else ""
            print(f"{fmt}: {rows}{size / 1e6:.1f} MB in {time.time() - start:.1f} s, "
                  f"{response.getheader('Transfer-Encoding')}; server peak {after['VmHWM']} MiB "
                  f"(+{after['VmHWM'] - before['VmHWM']} MiB), resident {after['VmRSS']} MiB")
            before = after
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
