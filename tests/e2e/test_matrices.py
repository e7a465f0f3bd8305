"""The access matrices on the real binary: every documented operation asked by another tenant's token for this
tenant's objects, and every action asked by every role."""

import re
import unittest
import urllib.parse

from heed_server import HeedServer, run_cli

ROLES = ["customer", "agent", "team_lead", "manager", "director", "department", "analyst", "admin"]


def complaint(subject="矩阵 物流"):
    return {"customer": {"name": "钱", "phone": "13600000001"}, "subject": subject, "description": "物流太慢了"}


class CrossTenantMatrixTest(unittest.TestCase):
    def test_no_operation_of_tenant_b_reaches_tenant_a(self):
        with HeedServer() as server:
            status, mine, _ = server.request("POST", "/api/v1/complaints", complaint())
            self.assertEqual(status, 201)
            # A rule and an incident cluster of tenant A too, for the triage paths.
            rule = {"name": "矩阵", "when": {"keywords_any": ["物流"]}, "then": {"add_tags": ["物流"]}}
            status, my_rule, _ = server.request("POST", "/api/v1/rules", rule)
            self.assertEqual(status, 201, my_rule)
            text = "空调安装后第二天就开始漏水，墙面被泡坏了，售后说要等两周才能上门，太不负责任了。"
            for phone in ("13600000011", "13600000012"):
                status, clustered, _ = server.request("POST", "/api/v1/complaints", dict(complaint(), description=text,
                                                      customer={"name": "孙", "phone": phone}))
                self.assertEqual(status, 201)
            my_cluster = clustered["links"]["incident_cluster"]
            self.assertTrue(my_cluster)
            run_cli("tenant", "add", "acme", "--db", server.db_path)
            other = run_cli("token", "create", "--db", server.db_path, "--tenant", "acme", "--role", "admin",
                            "--name", "acme.admin").stdout.strip().splitlines()[-1]
            # A resolved complaint of A with its follow-ups and a survey.
            status, resolved, _ = server.request("POST", "/api/v1/complaints", complaint("矩阵 回访"))
            for step in [{"to": "assigned", "assignee": "a"}, {"to": "in_progress"},
                         {"to": "resolved", "resolution_summary": "ok"}]:
                self.assertEqual(server.request("POST", f"/api/v1/complaints/{resolved['id']}/transitions", step)[0], 200)
            _, followups, _ = server.request("GET", f"/api/v1/followups?complaint_id={resolved['id']}")
            status, survey, _ = server.request("POST", "/api/v1/surveys", {"complaint_id": resolved["id"]})
            self.assertEqual(status, 201)
            # A pending compensation of A, for the approvals path.
            status, compensation, _ = server.request("POST", f"/api/v1/complaints/{resolved['id']}/compensations",
                                                     {"kind": "refund", "amount_minor": 100, "reason": "x"})
            self.assertEqual(status, 201, compensation)
            # A solution template of A.
            template = {"name": "矩阵", "body_zh": "{customer_name}您好"}
            status, my_template, _ = server.request("POST", "/api/v1/templates", template)
            self.assertEqual(status, 201, my_template)
            ids = {"/api/v1/followups/": followups["items"][0]["id"], "/api/v1/surveys/": survey["id"],
                   "/api/v1/templates/": my_template["id"],
                   "/api/v1/rules/": my_rule["id"], "/api/v1/clusters/": my_cluster,
                   "/api/v1/approvals/": compensation["id"]}
            _, doc, _ = server.request("GET", "/api/openapi.json")
            checked = 0
            for path, operations in doc["paths"].items():
                if "{id}" not in path:
                    continue
                for method in operations:
                    # A valid request, so only the tenant can be the reason for a refusal.
                    body = {"patch": {"version": 1, "category": "x"}, "put": dict(rule, version=1)}.get(method)
                    if method == "put" and path.startswith("/api/v1/templates/"):
                        body = dict(template, version=1)
                    if method == "post":
                        body = {"transitions": {"to": "triaged"}, "outcome": {"solved": True}, "acceptance": {"accepted": True},
                                "messages": {"direction": "internal", "body": "peek"},
                                "assign": {"auto": True},
                                "compensations": {"kind": "refund", "amount_minor": 100, "reason": "x"},
                                "decision": {"decision": "approve", "reason": "x"},
                                "escalate": {"reason": "x"},
                                "render": {"complaint_id": mine["id"]},
                                "apply": {"complaint_id": mine["id"], "as": "reply"},
                                "links": {"complaint_id": resolved["id"], "reason": "x"},
                                "merge": {"into": resolved["id"], "reason": "x"}}[path.rsplit("/", 1)[1]]
                    target = next((i for prefix, i in ids.items() if path.startswith(prefix)), mine["id"])
                    status, _, _ = server.request(method.upper(), path.replace("{id}", urllib.parse.quote(str(target))).replace("{other}", str(resolved["id"])),
                                                  body, token=other)
                    self.assertEqual(status, 404, (method, path))
                    checked += 1
            self.assertGreaterEqual(checked, 6)
            # Lists, search, erasure and retention of B never see A.
            for query in ["", "?q=%E7%89%A9%E6%B5%81", "?status=new", "?sort=due_asc"]:
                self.assertEqual(server.request("GET", "/api/v1/complaints" + query, token=other)[1]["items"], [])
            status, report, _ = server.request("POST", "/api/v1/erasures",
                                               {"contact": "13600000001", "reason": "x"}, token=other)
            self.assertEqual((status, report["matched"]), (200, 0))
            self.assertEqual(server.request("POST", "/api/v1/retention/run", {}, token=other)[1]["matched"], 0)
            self.assertEqual(server.request("GET", "/api/v1/followups", token=other)[1]["items"], [])
            self.assertEqual(server.request("GET", "/api/v1/surveys/stats", token=other)[1]["sent"], 0)
            self.assertEqual(server.request("POST", "/api/v1/surveys", {"complaint_id": resolved["id"]},
                                            token=other)[0], 404)
            _, still, _ = server.request("GET", f"/api/v1/followups/{ids['/api/v1/followups/']}")
            self.assertEqual(still["status"], "pending")
            self.assertEqual(server.request("GET", "/api/v1/rules", token=other)[1]["items"], [])
            self.assertEqual(server.request("GET", "/api/v1/clusters", token=other)[1]["items"], [])
            _, got, _ = server.request("GET", f"/api/v1/complaints/{mine['id']}")
            self.assertEqual((got["version"], got["subject"]), (1, "矩阵 物流"))
            status, tracked, _ = server.request("GET", f"/api/v1/track?number={mine['number']}&contact=13600000001"
                                                "&tenant=acme", token=None)
            self.assertEqual(status, 404)


class RoleMatrixTest(unittest.TestCase):
    # action → roles that may do it (everyone else: 403, or 404 / empty where the role sees nothing).
    EXPECTED = {
        "list": {"agent", "team_lead", "manager", "director", "department", "analyst", "admin", "customer"},
        "get": {"agent", "team_lead", "manager", "director", "department", "analyst", "admin"},
        "reveal": {"agent", "team_lead", "manager", "director", "admin"},
        "triage": {"agent", "team_lead", "manager", "director", "admin"},
        "note": {"agent", "team_lead", "manager", "director", "department", "analyst", "admin"},
        "auto_assign": {"agent", "team_lead", "manager", "director", "admin"},
        "teams_read": {"agent", "team_lead", "manager", "director", "department", "analyst", "admin"},
        "agent_profile_write": {"manager", "admin"},
        "routing_settings_write": {"manager", "admin"},
        "compensation_request": {"agent", "team_lead", "manager", "director", "department", "admin"},
        "approvals_read": {"agent", "team_lead", "manager", "director", "department", "analyst", "admin"},
        "approval_limits_write": {"director", "admin"},
        "audit": {"manager", "admin"},
        "erase": {"admin"},
        "retention_read": {"manager", "admin"},
        "retention_write": {"admin"},
    }

    def test_every_role_against_every_action(self):
        with HeedServer() as server:
            tokens = {role: server.create_token(role=role, name=f"m.{role}") for role in ROLES}
            server.add_user("matrix.agent", "a long enough password", role="agent")
            results = {}
            for role in ROLES:
                status, filed, _ = server.request("POST", "/api/v1/complaints", complaint(f"角色 {role}"))
                cid = filed["id"]
                t = tokens[role]
                calls = {
                    "list": ("GET", "/api/v1/complaints", None),
                    "get": ("GET", f"/api/v1/complaints/{cid}", None),
                    "reveal": ("GET", f"/api/v1/complaints/{cid}?reveal=contact", None),
                    "triage": ("POST", f"/api/v1/complaints/{cid}/transitions", {"to": "triaged"}),
                    "note": ("POST", f"/api/v1/complaints/{cid}/messages", {"direction": "internal", "body": "n"}),
                    "audit": ("GET", "/api/v1/audit/verify", None),
                    "erase": ("POST", "/api/v1/erasures", {"contact": "13999999999", "reason": "x", "dry_run": True}),
                    "retention_read": ("GET", "/api/v1/settings/retention", None),
                    "retention_write": ("PUT", "/api/v1/settings/retention", {"years": 0}),
                    "auto_assign": ("POST", f"/api/v1/complaints/{cid}/assign", {"auto": True}),
                    "teams_read": ("GET", "/api/v1/teams", None),
                    "agent_profile_write": ("PUT", "/api/v1/agents/matrix.agent", {"level": "junior"}),
                    "routing_settings_write": ("PUT", "/api/v1/settings/routing", {"auto_assign": False}),
                    "compensation_request": ("POST", f"/api/v1/complaints/{cid}/compensations",
                                             {"kind": "coupon", "amount_minor": 1000, "reason": "x"}),
                    "approvals_read": ("GET", "/api/v1/approvals", None),
                    "approval_limits_write": ("PUT", "/api/v1/settings/approval-limits",
                                              {"currency": "CNY", "team_lead_max": 100000, "manager_max": 1000000}),
                }
                for action, (method, path, body) in calls.items():
                    status, answer, _ = server.request(method, path, body, token=t)
                    allowed = 200 <= status < 300
                    if action == "list" and role == "customer":
                        self.assertEqual(answer["items"], [])  # allowed, but sees nothing
                    results[(role, action)] = allowed
                    if not allowed:
                        self.assertIn(status, (403, 404), (role, action, status, answer))
            for action, roles in self.EXPECTED.items():
                got = {role for role in ROLES if results[(role, action)]}
                self.assertEqual(got, roles, action)


if __name__ == "__main__":
    unittest.main()
