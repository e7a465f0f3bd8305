"""End-to-end test of the SLA queues against the real binary: GET /api/v1/complaints?sla_state=… lists the complaints
whose SLA summary is breached or warning (the web app's "breached" and "due soon" queues).

Deadlines fall hours after intake, so the server is restarted on the same database with --clock-offset-hours
(allowed only with HEED_ALLOW_CLOCK_OFFSET=1, a test-only switch)."""

import time
import unittest

from heed_server import HeedServer


def complaint(subject, urgency):
    return {
        "customer": {"name": "张伟", "phone": "13812341234"},
        "subject": subject,
        "description": "物流三天没有更新，要求尽快发货。",
        "urgency": urgency,
    }


class SlaQueueTest(unittest.TestCase):
    def setUp(self):
        self.server = HeedServer(env={"HEED_ALLOW_CLOCK_OFFSET": "1"}).start()

    def tearDown(self):
        self.server.cleanup()

    def at(self, hours):
        self.server.stop()
        self.server.args = ["--clock-offset-hours", str(hours)]
        self.server.start()

    def call(self, method, path, body=None, expect=200):
        status, answer, _ = self.server.request(method, path, body)
        self.assertEqual(status, expect, answer)
        return answer

    def subjects(self, query):
        return sorted(c["subject"] for c in self.call("GET", "/api/v1/complaints?" + query)["items"])

    def wait_for(self, query, expected):
        deadline = time.time() + 20
        while True:
            found = self.subjects(query)
            if found == expected or time.time() > deadline:
                return found
            time.sleep(0.2)

    def test_breached_and_due_soon_queues(self):
        self.call("POST", "/api/v1/complaints", complaint("urgent one", "urgent"), expect=201)
        self.call("POST", "/api/v1/complaints", complaint("general one", "general"), expect=201)
        self.assertEqual(self.subjects("sla_state=breached"), [])
        self.assertEqual(self.subjects("sla_state=running"), ["general one", "urgent one"])

        # Urgent: first response due after 2 h (docs/sla.md defaults). General: 24 h, warning from 18 h.
        self.at(3)
        self.assertEqual(self.wait_for("sla_state=breached", ["urgent one"]), ["urgent one"])
        self.assertEqual(self.subjects("sla_state=warning"), [])
        breached = self.call("GET", "/api/v1/complaints?sla_state=breached")["items"][0]
        self.assertEqual(breached["sla"]["state"], "breached")

        self.at(19)
        self.assertEqual(self.wait_for("sla_state=warning", ["general one"]), ["general one"])
        self.assertEqual(self.subjects("sla_state=warning,breached&sort=due_asc&status=new,assigned"),
                         ["general one", "urgent one"])
        self.assertEqual(self.subjects("sla_state=breached&status=closed"), [])

    def test_an_unknown_sla_state_is_refused_by_name(self):
        for bad in ["late", "", "breached,", "BREACHED"]:
            status, error, _ = self.server.request("GET", "/api/v1/complaints?sla_state=" + bad)
            self.assertEqual((status, error["error"]["field"]), (400, "sla_state"), bad)


if __name__ == "__main__":
    unittest.main()
