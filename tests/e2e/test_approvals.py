"""Compensation and approvals through the real binary, signed in as the demo's users: a request is pending at the
level the authority matrix names, nobody decides their own request, too little authority is refused, a higher level
may decide, totals appear on the complaint, and the approvals queue shows each person what they may decide."""

import unittest

from heed_server import HeedServer, run_cli

PASSWORD = "demo-password"


class ApprovalsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HeedServer()
        run_cli("demo", "--db", cls.server.db_path, "--count", "300", "--now", "2026-03-02T09:00:00Z")
        cls.server.start()
        cls.sessions = {}
        # New complaints here stay unassigned and team-less, so every demo user of 一线客服组 sees them.
        status, _ = cls.call(cls, "admin", "PUT", "/api/v1/settings/routing", {"auto_assign": False})
        assert status == 200

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def call(self, user, method, path, body=None):
        if user not in self.sessions:
            status, answer, headers = self.server.request("POST", "/api/v1/session",
                                                          {"username": user, "password": PASSWORD}, token=None)
            assert status == 200, answer
            self.sessions[user] = {"Cookie": headers["Set-Cookie"].split(";")[0], "X-CSRF-Token": answer["csrf_token"]}
        status, payload, _ = self.server.request(method, path, body, headers=self.sessions[user], token=None)
        return status, payload

    def file(self):
        status, body, _ = self.server.request("POST", "/api/v1/complaints", {
            "customer": {"name": "吴敏", "phone": "13500000000"}, "subject": "冰箱不制冷",
            "description": "新买的冰箱两天就不制冷了", "category": "产品质量"})
        self.assertEqual(status, 201, body)
        return body["id"]

    def ask(self, user, complaint_id, minor, kind="refund", currency="CNY"):
        status, body = self.call(user, "POST", f"/api/v1/complaints/{complaint_id}/compensations",
                                 {"kind": kind, "amount_minor": minor, "currency": currency, "reason": "退款"})
        self.assertEqual(status, 201, body)
        return body

    def decide(self, user, request_id, decision="approve", reason="同意"):
        return self.call(user, "POST", f"/api/v1/approvals/{request_id}/decision",
                         {"decision": decision, "reason": reason})

    def test_a_lead_level_request_is_approved_by_another_lead_and_shows_in_the_totals(self):
        cid = self.file()
        asked = self.ask("agent", cid, 45_000)
        self.assertEqual((asked["status"], asked["required_role"], asked["requested_by"]), ("pending", "team_lead", "agent"))
        _, complaint, _ = self.server.request("GET", f"/api/v1/complaints/{cid}")
        self.assertEqual(complaint["compensation_totals"],
                         [{"currency": "CNY", "requested": 45000, "approved": 0, "rejected": 0, "pending": 45000}])
        status, queue = self.call("lead", "GET", "/api/v1/approvals")
        self.assertEqual(status, 200)
        self.assertIn(asked["id"], [c["id"] for c in queue["items"]])
        status, body = self.decide("agent", asked["id"])
        self.assertEqual(status, 403)  # an agent has no authority
        status, body = self.decide("lead", asked["id"], reason="  ")
        self.assertEqual((status, body["error"]["field"]), (400, "reason"))
        status, body = self.decide("lead", asked["id"], reason="质检确认")
        self.assertEqual(status, 200, body)
        self.assertEqual((body["status"], body["decided_by"], body["decision_reason"]), ("approved", "lead", "质检确认"))
        self.assertEqual(self.decide("manager", asked["id"], "reject")[0], 409)  # decided once
        status, listed = self.call("agent", "GET", f"/api/v1/complaints/{cid}/compensations")
        self.assertEqual(listed["totals"], [{"currency": "CNY", "requested": 45000, "approved": 45000, "rejected": 0,
                                             "pending": 0}])
        _, events, _ = self.server.request("GET", f"/api/v1/complaints/{cid}/events")
        steps = [(e["field"], e["actor"], e["after"]) for e in events["items"] if e["kind"] == "compensation"]
        self.assertEqual(steps, [("requested", "agent", str(asked["id"])), ("approved", "lead", str(asked["id"]))])

    def test_nobody_decides_their_own_request(self):
        cid = self.file()
        own = self.ask("lead", cid, 20_000)
        for decision in ("approve", "reject"):
            status, body = self.decide("lead", own["id"], decision)
            self.assertEqual(status, 403)
            self.assertIn("nobody approves or rejects their own request", body["error"]["message"])
        _, queue = self.call("lead", "GET", "/api/v1/approvals")
        self.assertNotIn(own["id"], [c["id"] for c in queue["items"]])  # not offered to its requester
        status, body = self.decide("manager", own["id"], "reject", "已退款")
        self.assertEqual((status, body["status"]), (200, "rejected"))

    def test_too_little_authority_is_refused_and_a_higher_level_may_decide(self):
        cid = self.file()
        manager_level = self.ask("agent", cid, 500_000, kind="replacement")
        director_level = self.ask("agent", cid, 2_000_000, kind="cash")
        self.assertEqual((manager_level["required_role"], director_level["required_role"]), ("manager", "director"))
        status, body = self.decide("lead", manager_level["id"])
        self.assertEqual(status, 403)
        self.assertIn("needs a manager or above", body["error"]["message"])
        self.assertEqual(self.decide("admin", manager_level["id"])[0], 403)  # admins administer, they do not approve
        self.assertEqual(self.decide("manager", director_level["id"])[0], 403)
        _, manager_queue = self.call("manager", "GET", "/api/v1/approvals")
        ids = [c["id"] for c in manager_queue["items"]]
        self.assertIn(manager_level["id"], ids)
        self.assertNotIn(director_level["id"], ids)
        self.assertEqual(self.decide("director", manager_level["id"])[0], 200)  # above the level
        self.assertEqual(self.decide("director", director_level["id"], "reject", "超出政策")[0], 200)
        _, complaint, _ = self.server.request("GET", f"/api/v1/complaints/{cid}")
        self.assertEqual(complaint["compensation_totals"][0],
                         {"currency": "CNY", "requested": 2_500_000, "approved": 500_000, "rejected": 2_000_000,
                          "pending": 0})

    def test_the_demo_has_requests_at_every_stage(self):
        _, everything = self.call("director", "GET", "/api/v1/approvals?status=all")
        statuses = {c["status"] for c in everything["items"]}
        self.assertEqual(statuses, {"pending", "approved", "rejected"})
        _, pending = self.call("director", "GET", "/api/v1/approvals")
        self.assertTrue(any(c["required_role"] == "director" for c in pending["items"]))
        self.assertEqual(self.call("agent", "GET", "/api/v1/approvals")[1]["items"], [])
        self.assertEqual(self.call("agent", "GET", "/api/v1/approvals?status=maybe")[0], 400)

    def test_the_authority_matrix_is_set_by_admins_and_directors(self):
        status, limits = self.call("agent", "GET", "/api/v1/settings/approval-limits")
        self.assertEqual(status, 200)
        self.assertEqual((limits["currency"], limits["team_lead_max"], limits["manager_max"]), ("CNY", 100000, 1000000))
        new = {"currency": "CNY", "team_lead_max": 100000, "manager_max": 1000000}
        self.assertEqual(self.call("manager", "PUT", "/api/v1/settings/approval-limits", new)[0], 403)
        status, body = self.call("director", "PUT", "/api/v1/settings/approval-limits", {**new, "manager_max": 5})
        self.assertEqual((status, body["error"]["field"]), (400, "manager_max"))
        self.assertEqual(self.call("director", "PUT", "/api/v1/settings/approval-limits", {**new, "bonus": 1})[0], 400)
        self.assertEqual(self.call("director", "PUT", "/api/v1/settings/approval-limits", new)[0], 200)
        status, report, _ = self.server.request("GET", "/api/v1/audit/verify")
        self.assertEqual(status, 200, report)

    def test_bad_requests_are_refused_by_field(self):
        cid = self.file()
        path = f"/api/v1/complaints/{cid}/compensations"
        for body, field in [({"kind": "gift", "amount_minor": 5, "reason": "x"}, "kind"),
                            ({"kind": "refund", "amount_minor": 0, "reason": "x"}, "amount"),
                            ({"kind": "refund", "amount_minor": 5.5, "reason": "x"}, "amount_minor"),
                            ({"kind": "refund", "amount_minor": 5, "currency": "rmb", "reason": "x"}, "currency"),
                            ({"kind": "refund", "amount_minor": 5}, "reason"),
                            ({"kind": "refund", "amount_minor": 5, "reason": "x", "approver": "me"}, "approver")]:
            status, answer = self.call("agent", "POST", path, body)
            self.assertEqual((status, answer["error"]["field"]), (400, field), body)
        self.assertEqual(self.call("analyst", "POST", path, {"kind": "refund", "amount_minor": 5, "reason": "x"})[0], 403)
        self.assertEqual(self.call("agent", "GET", f"/api/v1/complaints/{cid}/compensations")[1]["items"], [])


if __name__ == "__main__":
    unittest.main()
