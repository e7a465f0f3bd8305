"""Crash test: while a load driver files complaints, the server is killed with SIGKILL. After a restart every
complaint that was answered 201 must be there, and the database must pass its integrity check."""

import http.client
import json
import threading
import time
import unittest

from heed_server import HeedServer, run_cli


class CrashTest(unittest.TestCase):
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


if __name__ == "__main__":
    unittest.main()
