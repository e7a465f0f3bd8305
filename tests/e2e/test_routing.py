"""Routing through the real binary: the demo's teams and skill profiles, automatic assignment at intake, manual
reassignment with a reason, a department hand-off, and who may change what — signed in as the demo's users."""

import time
import unittest
import urllib.parse

from heed_server import HeedServer, run_cli

PASSWORD = "demo-password"


class RoutingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HeedServer()
        run_cli("demo", "--db", cls.server.db_path, "--count", "300", "--now", "2026-03-02T09:00:00Z")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    sessions = {}

    def session(self, username):
        """Signs in once per user (sign-in is rate-limited per address) and reuses the session."""
        if username in self.sessions:
            return self.sessions[username]
        status, body, headers = self.server.request("POST", "/api/v1/session",
                                                    {"username": username, "password": PASSWORD}, token=None)
        self.assertEqual(status, 200, body)
        self.sessions[username] = {"Cookie": headers["Set-Cookie"].split(";")[0], "X-CSRF-Token": body["csrf_token"]}
        return self.sessions[username]

    def call(self, user, method, path, body=None):
        status, payload, _ = self.server.request(method, path, body, headers=self.session(user), token=None)
        return status, payload

    def file(self, category="物流配送", tier="regular"):
        status, body, _ = self.server.request("POST", "/api/v1/complaints", {
            "customer": {"name": "周杰", "phone": "13600000000", "tier": tier},
            "subject": "包裹丢失", "description": "快递显示已签收但我没有收到", "category": category})
        self.assertEqual(status, 201, body)
        return body

    def wait_for_owner(self, complaint_id):
        deadline = time.time() + 20
        while time.time() < deadline:
            _, complaint, _ = self.server.request("GET", f"/api/v1/complaints/{complaint_id}")
            if complaint["assignee"]:
                return complaint
            time.sleep(0.1)
        self.fail(f"complaint {complaint_id} was not assigned automatically")

    def test_staff_see_the_demo_teams_and_profiles_with_their_load(self):
        status, teams = self.call("agent", "GET", "/api/v1/teams")
        self.assertEqual(status, 200)
        by_name = {t["name"]: t for t in teams["items"]}
        self.assertEqual(by_name["物流部"]["department"], True)
        self.assertEqual(by_name["物流部"]["lead"], "logistics")
        self.assertIn("agent.liu", by_name["一线客服组"]["members"])
        self.assertEqual(by_name["售后服务组"]["lead"], "lead.chen")
        status, agents = self.call("agent", "GET", "/api/v1/agents")
        self.assertEqual(status, 200)
        profiles = {a["username"]: a for a in agents["items"]}
        self.assertEqual(profiles["agent.james"]["level"], "expert")
        self.assertEqual(profiles["agent.liu"]["skills"]["categories"], ["物流配送", "退换货"])
        self.assertEqual(profiles["agent.zhou"]["status"], "away")
        # The load is the open complaints the demo gave each agent, counted by the server.
        _, open_liu, _ = self.server.request(
            "GET", "/api/v1/complaints?assignee=agent.liu&limit=500&status=new,triaged,assigned,in_progress,"
                   "waiting_customer,waiting_department,reopened")
        self.assertEqual(profiles["agent.liu"]["load"], len(open_liu["items"]))

    def test_intake_assigns_automatically_to_a_qualified_agent_and_says_why(self):
        filed = self.file(category="价格争议")
        complaint = self.wait_for_owner(filed["id"])
        # Only agent.zhao lists 价格争议 among the available juniors and seniors with room; the generalists
        # (agent.james, lead.chen) also qualify, so the owner is one of these and never the away or offline ones.
        self.assertIn(complaint["assignee"], {"agent.zhao", "agent.james", "lead.chen", "agent.emma"})
        self.assertNotIn(complaint["assignee"], {"agent.zhou", "lead.olivia"})
        self.assertEqual(complaint["status"], "assigned")
        _, events, _ = self.server.request("GET", f"/api/v1/complaints/{filed['id']}/events")
        assigned = [e for e in events["items"] if e["field"] == "assignee"]
        self.assertEqual(len(assigned), 1)
        self.assertEqual(assigned[0]["actor"], "routing")
        self.assertTrue(assigned[0]["note"].startswith("automatic: least loaded qualified agent"), assigned[0])

    def test_vip_customers_go_to_senior_or_expert_agents(self):
        filed = self.file(category="物流配送", tier="vip")
        complaint = self.wait_for_owner(filed["id"])
        _, agents = self.call("agent", "GET", "/api/v1/agents")
        level = {a["username"]: a["level"] for a in agents["items"]}[complaint["assignee"]]
        self.assertIn(level, {"senior", "expert"})

    def test_reassigning_needs_a_reason_and_a_department_hand_off_names_who_is_responsible(self):
        filed = self.file()
        owner = self.wait_for_owner(filed["id"])["assignee"]
        other = "agent.liu" if owner != "agent.liu" else "agent.sun"
        path = f"/api/v1/complaints/{filed['id']}/assign"
        status, body = self.call("lead", "POST", path, {"assignee": other})
        self.assertEqual((status, body["error"]["field"]), (400, "reason"))
        status, body = self.call("lead", "POST", path, {"assignee": other, "reason": "熟悉该快递公司"})
        self.assertEqual(status, 200, body)
        self.assertEqual((body["assigned"], body["complaint"]["assignee"]), (True, other))
        status, body = self.call("agent", "POST", path, {"assignee": "agent.sun", "reason": "swap"})
        self.assertEqual(status, 403)  # agents only take unassigned complaints for themselves
        status, body = self.call("lead", "POST", path, {"department": "物流部", "reason": "需要物流部查件"})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["complaint"]["department"], "物流部")
        _, events, _ = self.server.request("GET", f"/api/v1/complaints/{filed['id']}/events")
        last = events["items"][-2:]
        self.assertEqual([(e["field"], e["after"]) for e in last], [("department", "物流部"), ("responsible", "logistics")])
        self.assertEqual(last[0]["note"], "需要物流部查件")
        status, body = self.call("lead", "POST", path, {"department": "一线客服组", "reason": "x"})
        self.assertEqual((status, body["error"]["field"]), (400, "department"))
        status, body = self.call("lead", "POST", path, {"assignee": "agent.liu", "colour": "red"})
        self.assertEqual((status, body["error"]["field"]), (400, "colour"))

    def test_only_admins_and_managers_edit_profiles_and_agents_set_their_own_status(self):
        profile = {"categories": ["产品质量"], "languages": ["zh"], "channels": ["phone"], "level": "senior",
                   "capacity": 12, "status": "available"}
        self.assertEqual(self.call("lead", "PUT", "/api/v1/agents/agent.wu", profile)[0], 403)
        status, body = self.call("manager", "PUT", "/api/v1/agents/agent.wu", profile)
        self.assertEqual(status, 200, body)
        self.assertEqual((body["capacity"], body["skills"]["channels"]), (12, ["phone"]))
        self.assertEqual(self.call("manager", "PUT", "/api/v1/agents/agent.wu", {**profile, "level": "guru"})[0], 400)
        self.assertEqual(self.call("agent", "PUT", "/api/v1/agents/agent.liu/status", {"status": "away"})[0], 403)
        status, body = self.call("agent", "PUT", "/api/v1/agents/agent/status", {"status": "away"})
        self.assertEqual((status, body["status"]), (200, "away"))
        self.call("agent", "PUT", "/api/v1/agents/agent/status", {"status": "available"})
        team = urllib.parse.quote("法务部")
        self.assertEqual(self.call("agent", "PUT", f"/api/v1/teams/{team}", {"department": True})[0], 403)
        status, body = self.call("admin", "PUT", f"/api/v1/teams/{team}", {"department": True, "lead": "manager"})
        self.assertEqual((status, body["name"], body["department"]), (200, "法务部", True))
        status, body = self.call("admin", "GET", "/api/v1/settings/routing")
        self.assertEqual((status, body), (200, {"auto_assign": True}))
        # Every one of these changes is in the audit chain, which still verifies.
        status, report, _ = self.server.request("GET", "/api/v1/audit/verify")
        self.assertEqual(status, 200, report)


if __name__ == "__main__":
    unittest.main()
