"""Crash tests: while a load driver files complaints, the server is killed with SIGKILL. After a restart every
complaint that was answered 201 must be there, and the database must pass its integrity check. And a server killed
while it recomputes the SLA of every open complaint after a policy change (written in large transactions) loses
nothing acknowledged: each complaint has either the due time it had or the new one, the audit chain verifies; the
restarted server resumes the recomputation (its durable mark) until every open complaint has the new due time."""

import contextlib
import datetime as dt
import http.client
import json
import sqlite3
import threading
import time
import unittest

from heed_server import HeedServer, run_cli


class CrashTest(unittest.TestCase):
    @staticmethod
    def recompute_marks(server):
        """The tenants' pending SLA recompute marks (tenant setting sla.recompute_pending, empty when cleared)."""
        with contextlib.closing(sqlite3.connect(server.db_path, timeout=30)) as db:
            return db.execute("SELECT tenant_id, value FROM tenant_settings "
                              "WHERE key = 'sla.recompute_pending' AND value <> ''").fetchall()

    def test_every_acknowledged_complaint_survives_kill_9(self):
        server = HeedServer().start()
        acknowledged = []
        lock = threading.Lock()
        stop = threading.Event()

        def driver(worker):
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            n = 0
            while not stop.is_set() and n < 5000:  # bounded
                n += 1
                body = json.dumps({"customer": {"name": f"driver{worker}", "phone": "13800000000"},
                                   "subject": f"load {worker}-{n}", "description": "物流太慢，要求退款 refund"})
                try:
                    conn.request("POST", "/api/v1/complaints", body=body,
                                 headers={"Content-Type": "application/json",
                                          "Authorization": "Bearer " + server.token})
                    response = conn.getresponse()
                    payload = response.read()
                except (OSError, http.client.HTTPException):
                    return
                if response.status == 201:
                    created = json.loads(payload)
                    with lock:
                        acknowledged.append((created["id"], created["number"]))

        threads = [threading.Thread(target=driver, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        server.kill()
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        self.assertGreater(len(acknowledged), 50, "the load driver got too few answers to test anything")

        check = run_cli("check", "--db", server.db_path)
        self.assertEqual(check.stdout.strip(), "ok")
        server.start()
        try:
            for cid, number in acknowledged:
                status, got, _ = server.request("GET", f"/api/v1/complaints/{cid}")
                self.assertEqual(status, 200, f"complaint {number} was acknowledged but lost")
                self.assertEqual(got["number"], number)
        finally:
            server.cleanup()

    def test_a_server_killed_while_it_recomputes_the_sla_loses_nothing_acknowledged(self):
        server = HeedServer().start()
        try:
            week = {day: ["00:00-24:00"] for day in ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]}
            status, body, _ = server.request("PUT", "/api/v1/calendars/office", {"time_zone": "UTC", "week": week})
            self.assertEqual(status, 200, body)
            policy = {"name": "standard", "calendar": "office",
                      "targets": {"first_response_minutes": 600, "next_update_minutes": 1200,
                                  "resolution_minutes": 2880}}
            status, body, _ = server.request("PUT", "/api/v1/sla-policies", {"policies": [policy]})
            self.assertEqual(status, 200, body)

            # Enough open complaints that the recomputation outlasts the pause before the kill: it writes only
            # their new SLA values (a narrow row each), some 20 000 a second even in this sanitized build.
            filed = {}
            lock = threading.Lock()
            per_worker = 2500
            count = 8 * per_worker

            def file(worker):
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                for n in range(per_worker):
                    body = json.dumps({"customer": {"name": f"c{worker}", "phone": f"1380000{worker:04d}"},
                                       "subject": f"sla {worker}-{n}", "description": "物流太慢 slow delivery"})
                    conn.request("POST", "/api/v1/complaints", body=body,
                                 headers={"Content-Type": "application/json",
                                          "Authorization": "Bearer " + server.token})
                    response = conn.getresponse()
                    payload = json.loads(response.read())
                    self.assertEqual(response.status, 201, payload)
                    with lock:
                        filed[payload["id"]] = payload
                conn.close()

            threads = [threading.Thread(target=file, args=(i,)) for i in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=600)
            self.assertEqual(len(filed), count)

            # The policy change: stored, then every open complaint recomputed. Killed while that runs.
            answer = {}

            def change():
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
                faster = dict(policy, targets=dict(policy["targets"], resolution_minutes=1440))
                try:
                    conn.request("PUT", "/api/v1/sla-policies", body=json.dumps({"policies": [faster]}),
                                 headers={"Content-Type": "application/json",
                                          "Authorization": "Bearer " + server.token})
                    response = conn.getresponse()
                    answer["status"] = response.status
                    answer["body"] = response.read()
                except (OSError, http.client.HTTPException):
                    answer["status"] = None
                conn.close()

            changer = threading.Thread(target=change)
            changer.start()
            time.sleep(0.2)
            server.kill()
            changer.join(timeout=60)
            self.assertIsNone(answer.get("status"), "the recompute finished before the kill: nothing was tested")

            self.assertEqual(run_cli("check", "--db", server.db_path).stdout.strip(), "ok")
            self.assertEqual(run_cli("audit", "verify", "--db", server.db_path, check=False).returncode, 0)
            # The change was stored with its durable "recompute pending" mark, which only a finished
            # recomputation clears.
            self.assertNotEqual(self.recompute_marks(server), [], "the interrupted recompute left no mark")
            old_due = {}
            for cid, before in filed.items():
                old_due[cid] = (dt.datetime.fromisoformat(before["received_at"].replace("Z", "+00:00"))
                                + dt.timedelta(minutes=2880))

            # The restarted server resumes the recomputation in the background and answers meanwhile.
            server.start()
            old, new = 0, 0
            for cid, before in filed.items():
                status, got, _ = server.request("GET", f"/api/v1/complaints/{cid}")
                self.assertEqual(status, 200, f"complaint {before['number']} was acknowledged but lost")
                self.assertEqual(got["number"], before["number"])
                received = dt.datetime.fromisoformat(got["received_at"].replace("Z", "+00:00"))
                due = dt.datetime.fromisoformat(got["resolution_due"].replace("Z", "+00:00"))
                if due == received + dt.timedelta(minutes=2880):
                    old += 1
                else:
                    self.assertEqual(due, received + dt.timedelta(minutes=1440), got["number"])
                    new += 1
            self.assertEqual(old + new, count)
            self.assertGreater(old, 0, "every complaint had its new due time before the kill")

            # Eventually every open complaint carries the new due time and the mark is gone.
            deadline = time.time() + 300
            while self.recompute_marks(server) and time.time() < deadline:
                time.sleep(0.5)
            self.assertEqual(self.recompute_marks(server), [], "the resumed recompute did not finish in 300 s")
            for cid, before in filed.items():
                status, got, _ = server.request("GET", f"/api/v1/complaints/{cid}")
                self.assertEqual(status, 200, got)
                received = dt.datetime.fromisoformat(got["received_at"].replace("Z", "+00:00"))
                due = dt.datetime.fromisoformat(got["resolution_due"].replace("Z", "+00:00"))
                self.assertEqual(due, received + dt.timedelta(minutes=1440),
                                 f"{got['number']} still has its old due time {old_due[cid]}")
            self.assertEqual(run_cli("audit", "verify", "--db", server.db_path, check=False).returncode, 0)
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
