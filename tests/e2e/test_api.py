"""End-to-end tests of the REST API against the real binary on loopback with a temporary SQLite database."""

import json
import sqlite3
import socket
import time
import unittest
import urllib.parse

from heed_server import HeedServer, run_cli


def new_complaint(**overrides):
    body = {
        "customer": {"name": "张伟", "phone": "13812341234", "email": "zhang.wei@example.com"},
        "channel": "app",
        "subject": "快递一周未送达",
        "description": "5月1日下单的空调，物流信息三天没有更新，客服电话一直打不通，要求尽快发货或者退款。",
        "category": "物流配送",
        "amount_in_dispute": 2999.00,
        "currency": "CNY",
    }
    body.update(overrides)
    return body


class ApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HeedServer(env={"HEED_REQUEST_TIMEOUT_SECONDS": "3"}).start()
        cls.lead_token = cls.server.create_token(role="team_lead", name="lead.chen")

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def count(self):
        status, body, _ = self.server.request("GET", "/api/v1/complaints?limit=500")
        self.assertEqual(status, 200)
        return len(body["items"])

    def file(self, **overrides):
        status, body, headers = self.server.request("POST", "/api/v1/complaints", new_complaint(**overrides))
        self.assertEqual(status, 201, body)
        return body, headers

    def test_intake_answers_201_with_number_tracking_and_an_acknowledgement_event(self):
        body, headers = self.file()
        self.assertRegex(body["number"], r"^TS\d{6}\d{6}$")
        self.assertEqual(body["status"], "new")
        self.assertEqual(body["version"], 1)
        self.assertEqual(body["tracking"]["number"], body["number"])
        self.assertIn(body["number"], body["tracking"]["message"])
        self.assertEqual(headers["Location"], f"/api/v1/complaints/{body['id']}")
        self.assertEqual(body["amount_in_dispute"], {"amount": 2999.0, "currency": "CNY"})
        self.assertTrue(body["received_at"].endswith("Z"))
        self.assertEqual(body["feedback"], {"csat": None, "nps": None, "effort": None, "answered_at": None})
        status, refused, _ = self.server.request("PATCH", f"/api/v1/complaints/{body['id']}",
                                                 {"version": 1, "feedback": {"csat": 5}})
        self.assertEqual(status, 400)
        self.assertEqual(refused["error"]["field"], "feedback")
        status, events, _ = self.server.request("GET", f"/api/v1/complaints/{body['id']}/events")
        self.assertEqual(status, 200)
        # Intake events come first; triage (links to this suite's earlier complaints of the same customer) follows.
        self.assertEqual([e["kind"] for e in events["items"]][:2], ["created", "acknowledged"])
        self.assertTrue(all(e["kind"] in ("triaged", "linked") for e in events["items"][2:]))
        status, tracked, _ = self.server.request(
            "GET", f"/api/v1/track?number={body['number']}&contact=13812341234")
        self.assertEqual(status, 200)
        self.assertEqual(tracked["status"], "new")
        status, _, _ = self.server.request("GET", f"/api/v1/track?number={body['number']}&contact=13900000000")
        self.assertEqual(status, 404)

    def test_full_lifecycle_through_transitions_messages_and_reopening(self):
        body, _ = self.file()
        cid = body["id"]
        steps = [
            {"to": "triaged"},
            {"to": "assigned", "assignee": "agent.liu"},
            {"to": "in_progress"},
            {"to": "waiting_customer"},
            {"to": "in_progress"},
            {"to": "resolved", "resolution_summary": "已补发并退还运费"},
            {"to": "follow_up"},
            {"to": "reopened", "reason": "补发的商品也有损坏"},
            {"to": "in_progress"},
            {"to": "resolved", "resolution_summary": "全额退款"},
            {"to": "closed"},
        ]
        for step in steps:
            status, moved, _ = self.server.request("POST", f"/api/v1/complaints/{cid}/transitions", step,
                                                   token=self.lead_token)
            self.assertEqual(status, 200, (step, moved))
            self.assertEqual(moved["status"], step["to"])
        status, message, _ = self.server.request("POST", f"/api/v1/complaints/{cid}/messages",
                                                 {"direction": "outbound", "body": "您好，退款已原路退回。"})
        self.assertEqual(status, 201, message)
        status, got, headers = self.server.request("GET", f"/api/v1/complaints/{cid}")
        self.assertEqual(got["status"], "closed")
        self.assertEqual(got["resolution_summary"], "全额退款")
        self.assertIsNotNone(got["first_response_at"])
        self.assertIsNotNone(got["closed_at"])
        self.assertEqual(headers["ETag"], f"\"{got['version']}\"")
        status, events, _ = self.server.request("GET", f"/api/v1/complaints/{cid}/events")
        changes = [(e["before"], e["after"]) for e in events["items"] if e["kind"] == "status_changed"]
        self.assertEqual(len(changes), len(steps))
        self.assertEqual(changes[0], ("new", "triaged"))
        self.assertEqual(changes[-1], ("resolved", "closed"))
        self.assertTrue(all(e["actor"] == "lead.chen" for e in events["items"] if e["kind"] == "status_changed"))
        self.assertTrue(all(e["actor_role"] == "team_lead" for e in events["items"] if e["kind"] == "status_changed"))
        reopen = [e for e in events["items"] if e["after"] == "reopened"][0]
        self.assertEqual(reopen["note"], "补发的商品也有损坏")

    def test_illegal_transition_gets_422_listing_the_allowed_ones(self):
        body, _ = self.file()
        status, error, _ = self.server.request("POST", f"/api/v1/complaints/{body['id']}/transitions",
                                               {"to": "closed"})
        self.assertEqual(status, 422)
        self.assertEqual(error["error"]["code"], "illegal_transition")
        self.assertIn("triaged", error["error"]["allowed"])
        self.assertNotIn("closed", error["error"]["allowed"])

    def test_unknown_status_and_missing_guard_input_are_400_naming_the_field(self):
        body, _ = self.file()
        path = f"/api/v1/complaints/{body['id']}/transitions"
        status, error, _ = self.server.request("POST", path, {"to": "done"})
        self.assertEqual((status, error["error"]["field"]), (400, "to"))
        status, error, _ = self.server.request("POST", path, {"to": "rejected"})
        self.assertEqual((status, error["error"]["field"]), (400, "reason"))
        _, got, _ = self.server.request("GET", f"/api/v1/complaints/{body['id']}")
        self.assertEqual((got["status"], got["version"]), ("new", 1))

    def test_patch_with_a_stale_version_or_if_match_gets_409_and_changes_nothing(self):
        body, _ = self.file()
        path = f"/api/v1/complaints/{body['id']}"
        status, patched, _ = self.server.request("PATCH", path, {"version": 1, "category": "服务态度", "severity": 3})
        self.assertEqual(status, 200, patched)
        self.assertEqual((patched["version"], patched["category"]), (2, "服务态度"))
        self.assertEqual(patched["field_sources"]["category"], "person")
        status, error, _ = self.server.request("PATCH", path, {"version": 1, "category": "价格争议"})
        self.assertEqual((status, error["error"]["code"]), (409, "conflict"))
        status, error, _ = self.server.request("PATCH", path, {"category": "价格争议"}, headers={"If-Match": "\"1\""})
        self.assertEqual(status, 409)
        status, patched, _ = self.server.request("PATCH", path, {"category": "价格争议"}, headers={"If-Match": "\"2\""})
        self.assertEqual((status, patched["category"]), (200, "价格争议"))
        status, error, _ = self.server.request("PATCH", path, {"category": "x"})
        self.assertEqual((status, error["error"]["field"]), (400, "version"))
        status, error, _ = self.server.request("PATCH", path, {"version": 3, "description": "rewritten"})
        self.assertEqual((status, error["error"]["field"]), (400, "description"))

    def test_every_bad_intake_is_refused_with_its_field_and_nothing_is_written(self):
        before = self.count()
        cases = [
            (new_complaint(description=None), 400, "description"),
            ({k: v for k, v in new_complaint().items() if k != "subject"}, 400, "subject"),
            ({k: v for k, v in new_complaint().items() if k != "customer"}, 400, "customer"),
            (new_complaint(subject=42), 400, "subject"),
            (new_complaint(severity="high"), 400, "severity"),
            (new_complaint(severity=7), 400, "severity"),
            (new_complaint(channel="pigeon"), 400, "channel"),
            (new_complaint(customer={"phone": "not a phone"}), 400, "customer.phone"),
            (new_complaint(customer={"name": "x", "email": "nope"}), 400, "customer.email"),
            (new_complaint(amount_in_dispute="lots"), 400, "amount_in_dispute"),
            (new_complaint(occurred_at="last tuesday"), 400, "occurred_at"),
            (new_complaint(colour="red"), 400, "colour"),
            (new_complaint(subject="x" * 501), 400, "subject"),
            (new_complaint(tags="vip"), 400, "tags"),
        ]
        for body, want_status, field in cases:
            body = {k: v for k, v in body.items() if v is not None}
            status, error, _ = self.server.request("POST", "/api/v1/complaints", body)
            self.assertEqual(status, want_status, (field, error))
            self.assertEqual(error["error"]["field"], field, error)
            self.assertEqual(error["error"]["code"], "invalid_argument")
        raw_cases = [
            (b'{"subject": "\xff\xfe", "description": "x", "customer": {"name": "a"}}', "body"),
            (b'{"subject": "unterminated', "body"),
            (b'[1, 2, 3]', "body"),
        ]
        for raw, field in raw_cases:
            status, error, _ = self.server.request("POST", "/api/v1/complaints", raw=raw)
            self.assertEqual((status, error["error"]["field"]), (400, field), raw)
        status, error, _ = self.server.request("POST", "/api/v1/complaints", raw=b"x" * (2 << 20))
        self.assertEqual(status, 413)
        self.assertEqual(error["error"]["code"], "payload_too_large")
        self.assertEqual(self.count(), before)

    def test_errors_never_leak_internals(self):
        status, error, _ = self.server.request("GET", "/api/v1/complaints/99999999")
        self.assertEqual(status, 404)
        self.assertNotIn("sqlite", json.dumps(error).lower())
        status, _, headers = self.server.request("DELETE", "/api/v1/complaints")
        self.assertEqual(status, 405)
        self.assertIn("GET", headers["Allow"])
        self.assertEqual(self.server.request("GET", "/api/no/such/thing")[0], 404)
        status, error, _ = self.server.request("GET", "/api/v1/complaints?sort=sideways")
        self.assertEqual((status, error["error"]["field"]), (400, "sort"))
        status, error, _ = self.server.request("GET", "/api/v1/complaints?cursor=garbage")
        self.assertEqual((status, error["error"]["field"]), (400, "cursor"))

    def test_filters_search_and_keyset_pagination(self):
        marker = "Zebrafish"
        for i in range(7):
            self.file(subject=f"{marker} delivery {i}", description=f"The {marker.lower()} parcel never arrived",
                      channel="email", category="物流配送")
        self.file(subject="客服态度恶劣", description="电话里客服态度非常差，直接挂断", category="服务态度")
        q = urllib.parse.quote("态度")
        status, found, _ = self.server.request("GET", f"/api/v1/complaints?q={q}")
        self.assertEqual(status, 200)
        self.assertTrue(found["items"])
        self.assertTrue(all("态度" in c["subject"] + c["description"] for c in found["items"]))
        seen = []
        path = f"/api/v1/complaints?q={marker.lower()}&limit=3"
        while path:
            status, page, _ = self.server.request("GET", path)
            self.assertEqual(status, 200, page)
            seen += [c["subject"] for c in page["items"]]
            path = (f"/api/v1/complaints?q={marker.lower()}&limit=3&cursor={page['next_cursor']}"
                    if page["next_cursor"] else None)
        self.assertEqual(sorted(seen), sorted(f"{marker} delivery {i}" for i in range(7)))
        status, page, _ = self.server.request("GET", "/api/v1/complaints?channel=email&status=new&sort=received_asc")
        self.assertTrue(page["items"])
        self.assertTrue(all(c["channel"] == "email" and c["status"] == "new" for c in page["items"]))
        stamps = [c["received_at"] for c in page["items"]]
        self.assertEqual(stamps, sorted(stamps))

    def test_number_finds_exactly_one_complaint(self):
        first, _ = self.file(subject="Number lookup one")
        second, _ = self.file(subject="Number lookup two", channel="email")
        status, page, _ = self.server.request("GET", f"/api/v1/complaints?number={second['number']}")
        self.assertEqual(status, 200, page)
        self.assertEqual([c["id"] for c in page["items"]], [second["id"]])
        self.assertIsNone(page["next_cursor"])
        status, page, _ = self.server.request("GET", f"/api/v1/complaints?number={first['number']}&channel=email")
        self.assertEqual((status, page["items"]), (200, []))  # every other filter still holds
        for missing in [first["number"][:-1], first["number"].lower(), "TS999912999999"]:
            status, page, _ = self.server.request("GET", f"/api/v1/complaints?number={missing}")
            self.assertEqual((status, page["items"]), (200, []), missing)

    def test_a_slow_client_is_cut_off_without_blocking_others(self):
        slow = socket.create_connection(("127.0.0.1", self.server.port))
        slow.sendall(b"POST /api/v1/complaints HTTP/1.1\r\nHost: x\r\n")
        started = time.time()
        status, _, _ = self.server.request("GET", "/healthz")
        self.assertEqual(status, 200)
        self.assertLess(time.time() - started, 2)
        slow.settimeout(10)
        closed = False
        try:
            for _ in range(8):
                slow.sendall(b"X")
                time.sleep(1)
        except (BrokenPipeError, ConnectionResetError):
            closed = True
        if not closed:
            closed = slow.recv(100) == b""
        self.assertTrue(closed)
        slow.close()

    def test_keep_alive_serves_many_requests_on_one_connection(self):
        conn = self.server.connection()
        for _ in range(20):
            conn.request("GET", "/healthz")
            response = conn.getresponse()
            self.assertEqual(response.status, 200)
            response.read()
        conn.close()

    def test_openapi_describes_every_path_served(self):
        status, doc, _ = self.server.request("GET", "/api/openapi.json")
        self.assertEqual(status, 200)
        self.assertTrue(doc["openapi"].startswith("3."))
        for path in ["/api/v1/complaints", "/api/v1/complaints/{id}", "/api/v1/complaints/{id}/transitions",
                     "/api/v1/complaints/{id}/messages", "/api/v1/complaints/{id}/events", "/healthz", "/readyz"]:
            self.assertIn(path, doc["paths"])
        self.assertEqual(self.server.request("GET", "/readyz")[0], 200)
        status, metrics, _ = self.server.request("GET", "/metrics")
        self.assertIn("heed_http_requests_total", metrics)

    def test_security_headers_are_set(self):
        _, _, headers = self.server.request("GET", "/")
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(headers["X-Frame-Options"], "DENY")


class AuthenticationTest(unittest.TestCase):
    """Tokens: required, scoped to their tenant, revocable; another tenant's complaints are simply not there."""

    def test_tokens_scope_every_request_to_their_tenant(self):
        with HeedServer() as server:
            status, error, _ = server.request("GET", "/api/v1/complaints", token=None)
            self.assertEqual((status, error["error"]["code"]), (401, "unauthenticated"))
            status, _, _ = server.request("POST", "/api/v1/complaints", new_complaint(), token="heed_not-a-real-token")
            self.assertEqual(status, 401)
            status, mine, _ = server.request("POST", "/api/v1/complaints", new_complaint(subject="物流太慢 tenant A"))
            self.assertEqual(status, 201)

            run_cli("tenant", "add", "acme", "--db", server.db_path)
            other = run_cli("token", "create", "--db", server.db_path, "--tenant", "acme", "--role", "admin",
                            "--name", "acme.admin").stdout.strip().splitlines()[-1]
            cid = mine["id"]
            for method, path, body in [
                ("GET", f"/api/v1/complaints/{cid}", None),
                ("GET", f"/api/v1/complaints/{cid}/events", None),
                ("GET", f"/api/v1/complaints/{cid}/messages", None),
                ("PATCH", f"/api/v1/complaints/{cid}", {"version": 1, "category": "x"}),
                ("POST", f"/api/v1/complaints/{cid}/transitions", {"to": "triaged"}),
                ("POST", f"/api/v1/complaints/{cid}/messages", {"direction": "internal", "body": "peek"}),
            ]:
                status, _, _ = server.request(method, path, body, token=other)
                self.assertEqual(status, 404, (method, path))
            for query in ["", "?q=%E7%89%A9%E6%B5%81", "?status=new", "?q=tenant", f"?number={mine['number']}"]:
                status, page, _ = server.request("GET", "/api/v1/complaints" + query, token=other)
                self.assertEqual((status, page["items"]), (200, []), query)
            status, theirs, _ = server.request("POST", "/api/v1/complaints", new_complaint(), token=other)
            self.assertEqual(status, 201)
            self.assertEqual(theirs["tenant_id"], 2)
            self.assertEqual(theirs["number"][-6:], "000001")  # numbering is per tenant
            _, got, _ = server.request("GET", f"/api/v1/complaints/{cid}")
            self.assertEqual(got["version"], 1)  # nothing of A was changed by B

    def test_contact_details_are_masked_and_each_unmasked_view_is_audited(self):
        with HeedServer() as server:
            status, body, _ = server.request("POST", "/api/v1/complaints", new_complaint())
            self.assertEqual(body["customer"]["phone"], "13812341234")  # the answer to the one who typed it
            cid = body["id"]
            analyst = server.create_token(role="analyst", name="qa.li")
            agent = server.create_token(role="agent", name="agent.liu")
            for token in (analyst, agent, server.token):
                _, seen, _ = server.request("GET", f"/api/v1/complaints/{cid}", token=token)
                self.assertEqual(seen["customer"]["phone"], "138****1234")
                self.assertEqual(seen["customer"]["email"], "z***@example.com")
                _, page, _ = server.request("GET", "/api/v1/complaints", token=token)
                self.assertEqual(page["items"][0]["customer"]["phone"], "138****1234")
            status, error, _ = server.request("GET", f"/api/v1/complaints/{cid}?reveal=contact", token=analyst)
            self.assertEqual((status, error["error"]["field"]), (403, "reveal"))
            self.assertEqual(server.request("GET", f"/api/v1/complaints/{cid}?reveal=all", token=agent)[0], 400)
            _, full, _ = server.request("GET", f"/api/v1/complaints/{cid}?reveal=contact", token=agent)
            self.assertEqual(full["customer"]["phone"], "13812341234")
            server.stop()
            with sqlite3.connect(server.db_path) as db:
                views = db.execute("SELECT actor, actor_role, object_id FROM audit_log "
                                   "WHERE action = 'complaint.contact_viewed'").fetchall()
            self.assertEqual(views, [("agent.liu", "agent", cid)])
            self.assertEqual(run_cli("audit", "verify", "--db", server.db_path).returncode, 0)

    def test_a_revoked_token_stops_working_at_once(self):
        with HeedServer() as server:
            created = run_cli("token", "create", "--db", server.db_path, "--role", "agent", "--name", "temp")
            secret = created.stdout.strip().splitlines()[-1]
            token_id = created.stdout.split()[1]
            self.assertEqual(server.request("GET", "/api/v1/complaints", token=secret)[0], 200)
            run_cli("token", "revoke", "--db", server.db_path, token_id)
            deadline = time.time() + 15  # another process revoked it: the server's token cache lets it live ≤ 10 s
            while time.time() < deadline and server.request("GET", "/api/v1/complaints", token=secret)[0] == 200:
                time.sleep(0.5)
            self.assertEqual(server.request("GET", "/api/v1/complaints", token=secret)[0], 401)


class PersistenceTest(unittest.TestCase):
    def test_data_is_still_there_after_a_restart(self):
        server = HeedServer().start()
        try:
            status, body, _ = server.request("POST", "/api/v1/complaints", new_complaint())
            self.assertEqual(status, 201)
            server.stop()
            server.start()
            status, got, _ = server.request("GET", f"/api/v1/complaints/{body['id']}")
            self.assertEqual(status, 200)
            self.assertEqual(got["number"], body["number"])
            self.assertEqual(got["description"], new_complaint()["description"])
            status, second, _ = server.request("POST", "/api/v1/complaints", new_complaint())
            self.assertEqual(int(second["number"][-6:]), int(body["number"][-6:]) + 1)
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
