"""Browser-facing security on the real binary: sessions with CSRF, sign-in throttling, the public endpoints and their
rate limits, and the web application's files with their headers."""

import gzip
import json
import os
import tempfile
import unittest

from heed_server import HeedServer


def session_headers(cookie, csrf=None):
    headers = {"Cookie": cookie}
    if csrf:
        headers["X-CSRF-Token"] = csrf
    return headers


class SessionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HeedServer(env={"HEED_LOGIN_MAX_FAILURES": "3"})
        cls.server.add_user("agent.liu", "correct horse battery", role="agent", team="east")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def sign_in(self, username="agent.liu", password="correct horse battery", tenant="default"):
        return self.server.request("POST", "/api/v1/session",
                                   {"tenant": tenant, "username": username, "password": password}, token=None)

    def test_a_browser_session_works_with_its_csrf_token_and_ends_at_sign_out(self):
        status, body, headers = self.sign_in()
        self.assertEqual(status, 200, body)
        cookie_header = headers["Set-Cookie"]
        self.assertIn("HttpOnly", cookie_header)
        self.assertIn("SameSite=Strict", cookie_header)
        self.assertNotIn("Secure", cookie_header)  # auto: plain HTTP on loopback is development
        cookie = cookie_header.split(";")[0]
        csrf = body["csrf_token"]
        self.assertEqual(body["user"], {"username": "agent.liu", "role": "agent", "team": "east", "tenant": "default"})

        status, page, _ = self.server.request("GET", "/api/v1/complaints", headers=session_headers(cookie), token=None)
        self.assertEqual(status, 200)
        complaint = {"customer": {"name": "李雷", "phone": "13900000001"}, "subject": "电话投诉", "description": "来电投诉送货慢"}
        status, error, _ = self.server.request("POST", "/api/v1/complaints", complaint,
                                               headers=session_headers(cookie), token=None)
        self.assertEqual((status, error["error"]["field"]), (403, "X-CSRF-Token"))
        status, filed, _ = self.server.request("POST", "/api/v1/complaints", complaint,
                                               headers=session_headers(cookie, csrf), token=None)
        self.assertEqual(status, 201, filed)
        _, events, _ = self.server.request("GET", f"/api/v1/complaints/{filed['id']}/events")
        self.assertEqual(events["items"][0]["actor"], "agent.liu")

        status, _, headers = self.server.request("DELETE", "/api/v1/session", headers=session_headers(cookie, csrf),
                                                 token=None)
        self.assertEqual(status, 204)
        self.assertIn("Max-Age=0", headers["Set-Cookie"])
        status, _, _ = self.server.request("GET", "/api/v1/complaints", headers=session_headers(cookie), token=None)
        self.assertEqual(status, 401)

    def test_wrong_passwords_lock_the_username_with_429(self):
        self.server.add_user("victim", "the right password", role="agent")
        for _ in range(3):
            status, body, _ = self.sign_in("victim", "a wrong password")
            self.assertEqual(status, 401)
            self.assertEqual(body["error"]["message"], "wrong tenant, username or password")
        status, body, headers = self.sign_in("victim", "the right password")
        self.assertEqual(status, 429, body)
        self.assertGreater(int(headers["Retry-After"]), 800)
        self.assertEqual(self.sign_in()[0], 200)  # other users are not affected

    def test_unknown_users_and_tenants_answer_like_wrong_passwords(self):
        for username, tenant in [("nobody", "default"), ("agent.liu", "no-such-tenant")]:
            status, body, _ = self.sign_in(username, "correct horse battery", tenant)
            self.assertEqual((status, body["error"]["message"]), (401, "wrong tenant, username or password"))


class TeamVisibilityTest(unittest.TestCase):
    def test_team_members_and_departments_see_only_their_share_of_the_tenant(self):
        with HeedServer() as server:
            server.add_user("east.agent", "a long enough password", role="agent", team="east")
            server.add_user("wuliu", "a long enough password", role="department", team="物流部")
            ids = {}
            for name, fields in {"east": {"team": "east"}, "west": {"team": "west"}, "new": {},
                                 "dept": {"team": "west", "department": "物流部"}}.items():
                status, body, _ = server.request("POST", "/api/v1/complaints", {
                    "customer": {"name": "赵", "phone": "13700000000"}, "subject": f"团队 {name}",
                    "description": "物流太慢"})
                self.assertEqual(status, 201)
                ids[name] = body["id"]
                if fields:
                    _, patched, _ = server.request("PATCH", f"/api/v1/complaints/{body['id']}", {"version": 1, **fields})
                    self.assertEqual(patched.get("team"), fields["team"], patched)

            def session(username):
                status, body, headers = server.request("POST", "/api/v1/session", {
                    "username": username, "password": "a long enough password"}, token=None)
                self.assertEqual(status, 200)
                return {"Cookie": headers["Set-Cookie"].split(";")[0], "X-CSRF-Token": body["csrf_token"]}

            for username, visible in [("east.agent", {"east", "new"}), ("wuliu", {"dept"})]:
                headers = session(username)
                for query in ["", "?q=%E7%89%A9%E6%B5%81", "?sort=due_asc", "?status=new"]:
                    status, page, _ = server.request("GET", "/api/v1/complaints" + query, headers=headers, token=None)
                    self.assertEqual(status, 200)
                    self.assertEqual({c["id"] for c in page["items"]}, {ids[v] for v in visible}, (username, query))
                hidden = ids["west"]
                for method, path, body in [("GET", f"/api/v1/complaints/{hidden}", None),
                                           ("GET", f"/api/v1/complaints/{hidden}/events", None),
                                           ("POST", f"/api/v1/complaints/{hidden}/messages",
                                            {"direction": "internal", "body": "peek"}),
                                           ("POST", f"/api/v1/complaints/{hidden}/transitions", {"to": "triaged"})]:
                    status, _, _ = server.request(method, path, body, headers=headers, token=None)
                    self.assertEqual(status, 404, (username, method, path))
            _, page, _ = server.request("GET", "/api/v1/complaints")  # the manager's token sees everything
            self.assertEqual(len(page["items"]), 4)


class UserAdministrationTest(unittest.TestCase):
    def test_admins_add_change_and_disable_users_and_a_disabled_user_is_out_at_once(self):
        with HeedServer() as server:
            admin = server.create_token(role="admin", name="it.admin")
            agent = server.create_token(role="agent", name="agent.x")
            new_user = {"username": "wang.fang", "password": "a long enough password", "role": "agent", "team": "east"}
            self.assertEqual(server.request("POST", "/api/v1/users", new_user, token=agent)[0], 403)
            status, added, _ = server.request("POST", "/api/v1/users", new_user, token=admin)
            self.assertEqual((status, added["role"], added["team"]), (201, "agent", "east"))
            self.assertNotIn("password_hash", added)
            self.assertEqual(server.request("POST", "/api/v1/users", new_user, token=admin)[0], 409)
            status, listed, _ = server.request("GET", "/api/v1/users", token=agent)  # pickers need it
            self.assertEqual([u["username"] for u in listed["items"]], ["wang.fang"])

            status, body, headers = server.request("POST", "/api/v1/session", {
                "username": "wang.fang", "password": "a long enough password"}, token=None)
            self.assertEqual(status, 200)
            cookie = {"Cookie": headers["Set-Cookie"].split(";")[0]}
            self.assertEqual(server.request("GET", "/api/v1/complaints", headers=cookie, token=None)[0], 200)

            status, changed, _ = server.request("PATCH", "/api/v1/users/wang.fang",
                                                {"role": "team_lead", "team": "west"}, token=admin)
            self.assertEqual((status, changed["role"], changed["team"]), (200, "team_lead", "west"))
            _, me, _ = server.request("GET", "/api/v1/session", headers=cookie, token=None)
            self.assertEqual((me["user"]["role"], me["user"]["team"]), ("team_lead", "west"))  # applies at once
            self.assertEqual(server.request("PATCH", "/api/v1/users/wang.fang", {"disabled": True}, token=agent)[0], 403)
            self.assertEqual(server.request("PATCH", "/api/v1/users/wang.fang", {"disabled": True}, token=admin)[0], 200)
            self.assertEqual(server.request("GET", "/api/v1/complaints", headers=cookie, token=None)[0], 401)
            self.assertEqual(server.request("PATCH", "/api/v1/users/nobody", {"team": "x"}, token=admin)[0], 404)
            self.assertEqual(server.request("PATCH", "/api/v1/users/wang.fang", {"password": "short"}, token=admin)[0], 400)
            server.stop()
            import sqlite3
            with sqlite3.connect(server.db_path) as db:
                details = [r[0] for r in db.execute("SELECT detail FROM audit_log WHERE action = 'user.changed'")]
            self.assertEqual(details, ["username=wang.fang role=team_lead team=west", "username=wang.fang disabled=yes"])


class PublicEndpointsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HeedServer(env={"HEED_PUBLIC_REQUESTS_PER_MINUTE": "600"}).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def test_a_customer_files_on_the_web_form_and_tracks_with_number_and_phone(self):
        status, filed, _ = self.server.request("POST", "/api/v1/public/complaints", {
            "customer": {"name": "王芳", "phone": "13912345678"}, "subject": "退款未到账",
            "description": "申请退款十天了还没到账", "language": "zh"}, token=None)
        self.assertEqual(status, 201, filed)
        self.assertEqual(set(filed), {"number", "status", "tracking"})  # nothing of the internal record
        number = filed["number"]
        _, full, _ = self.server.request("GET", f"/api/v1/complaints?q=%E9%80%80%E6%AC%BE")
        record = [c for c in full["items"] if c["number"] == number][0]
        self.assertEqual(record["channel"], "web")
        self.assertEqual(record["attributes"]["language"], "zh")
        self.server.request("POST", f"/api/v1/complaints/{record['id']}/messages",
                            {"direction": "outbound", "body": "已为您加急处理"})
        self.server.request("POST", f"/api/v1/complaints/{record['id']}/messages",
                            {"direction": "internal", "body": "内部备注：客户情绪激动"})
        status, tracked, _ = self.server.request("GET", f"/api/v1/track?number={number}&contact=13912345678", token=None)
        self.assertEqual(status, 200)
        self.assertEqual(tracked["status"], "new")
        self.assertEqual([m["body"] for m in tracked["messages"]], ["已为您加急处理"])  # internal notes never show
        for contact in ["13900000000", "", "wang@example.com"]:
            status, _, _ = self.server.request("GET", f"/api/v1/track?number={number}&contact={contact}", token=None)
            self.assertIn(status, (400, 404))

    def test_the_public_form_refuses_staff_fields_and_needs_a_way_to_reach_the_customer(self):
        base = {"customer": {"name": "王芳", "phone": "13912345678"}, "subject": "s", "description": "d"}
        status, body, _ = self.server.request("POST", "/api/v1/public/complaints", raw=b'{"a":1}', token=None,
                                              headers={"Content-Type": "text/plain"})
        self.assertEqual((status, body["error"]["field"]), (415, "Content-Type"))  # no cross-site form posts
        for extra in [{"customer": {"name": "王芳", "phone": "13912345678", "tier": "vip"}},
                      {"customer": {"phone": "13912345678", "external_id": "C1"}}, {"category": "物流"}, {"urgency": "urgent"}, {"assignee": "agent.liu"}, {"channel": "phone"},
                      {"attributes": {"vip": "1"}}, {"language": "fr"}]:
            status, body, _ = self.server.request("POST", "/api/v1/public/complaints", {**base, **extra}, token=None)
            self.assertEqual(status, 400, extra)
        status, body, _ = self.server.request("POST", "/api/v1/public/complaints",
                                              {**base, "customer": {"name": "无联系方式"}}, token=None)
        self.assertEqual((status, body["error"]["field"]), (400, "customer.phone"))
        status, _, _ = self.server.request("POST", "/api/v1/public/complaints?tenant=nope", base, token=None)
        self.assertEqual(status, 404)


class PublicRateLimitTest(unittest.TestCase):
    def test_one_address_is_limited_with_429_and_retry_after(self):
        with HeedServer(env={"HEED_PUBLIC_REQUESTS_PER_MINUTE": "2"}) as server:
            statuses = []
            for _ in range(14):
                status, _, headers = server.request("GET", "/api/v1/track?number=TS1&contact=1", token=None)
                statuses.append(status)
            self.assertEqual(statuses[:10], [404] * 10)  # the burst
            self.assertIn(429, statuses[10:])
            status, _, headers = server.request("GET", "/api/v1/track?number=TS1&contact=1", token=None)
            self.assertEqual(status, 429)
            self.assertGreaterEqual(int(headers["Retry-After"]), 1)
            # Staff endpoints are not affected.
            self.assertEqual(server.request("GET", "/api/v1/complaints")[0], 200)


class WebApplicationFilesTest(unittest.TestCase):
    def test_the_built_app_is_served_with_caching_compression_and_security_headers(self):
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "assets"))
            with open(os.path.join(root, "index.html"), "w") as f:
                f.write('<!doctype html><div id="app"></div><script src="/assets/app-1a2b.js"></script>')
            script = b"document.getElementById('app').textContent = 'Heed';" * 20
            with open(os.path.join(root, "assets", "app-1a2b.js"), "wb") as f:
                f.write(script)
            with open(os.path.join(root, "assets", "app-1a2b.js.gz"), "wb") as f:
                f.write(gzip.compress(script))
            with HeedServer(args=["--web-root", root]) as server:
                status, page, headers = server.request("GET", "/", token=None)
                self.assertEqual(status, 200)
                self.assertIn('id="app"', page)
                self.assertEqual(headers["Cache-Control"], "no-cache")
                self.assertIn("default-src 'self'", headers["Content-Security-Policy"])
                self.assertEqual(headers["X-Frame-Options"], "DENY")
                status, page, _ = server.request("GET", "/complaints/42", token=None)  # the app's own route
                self.assertEqual(status, 200)
                self.assertIn('id="app"', page)
                conn = server.connection()
                conn.request("GET", "/assets/app-1a2b.js", headers={"Accept-Encoding": "gzip"})
                response = conn.getresponse()
                body = response.read()
                conn.close()
                self.assertEqual(response.getheader("Content-Encoding"), "gzip")
                self.assertIn("immutable", response.getheader("Cache-Control"))
                self.assertEqual(gzip.decompress(body), script)
                self.assertEqual(server.request("GET", "/assets/nope.js", token=None)[0], 404)
                status, error, _ = server.request("GET", "/api/v1/nope", token=None)
                self.assertEqual((status, error["error"]["code"]), (404, "not_found"))  # the API stays JSON


if __name__ == "__main__":
    unittest.main()
