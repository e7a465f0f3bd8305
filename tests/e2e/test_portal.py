"""End-to-end tests of the customer portal on the real binary: tracking, replying and answering the proposed
resolution with the number plus the contact given at intake, and staff recording an answer heard on the phone."""

import unittest

from heed_server import HeedServer


def complaint(**overrides):
    body = {"customer": {"name": "王芳", "phone": "13912345678", "email": "wang.fang@example.com"},
            "subject": "退款十天未到账", "description": "申请退款十天了还没有到账，客服说已经处理。"}
    body.update(overrides)
    return body


class PortalTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HeedServer(env={"HEED_PUBLIC_REQUESTS_PER_MINUTE": "600"}).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def call(self, method, path, body=None, expect=200, token=""):
        status, answer, _ = self.server.request(method, path, body, token=token)
        self.assertEqual(status, expect, answer)
        return answer

    def public(self, method, path, body=None, expect=200):
        return self.call(method, path, body, expect, token=None)

    def filed_and_resolved(self, **overrides):
        filed = self.call("POST", "/api/v1/complaints", complaint(**overrides), expect=201)
        cid = filed["id"]
        for step in [{"to": "assigned", "assignee": "agent.wang"}, {"to": "in_progress"},
                     {"to": "resolved", "resolution_summary": "已原路退款，预计1-3个工作日到账"}]:
            self.call("POST", f"/api/v1/complaints/{cid}/transitions", step)
        return filed

    def test_a_wrong_contact_learns_nothing(self):
        filed = self.call("POST", "/api/v1/complaints", complaint(), expect=201)
        number = filed["number"]
        unknown = self.public("GET", "/api/v1/track?number=TS209912999999&contact=13912345678", expect=404)
        wrong = self.public("GET", f"/api/v1/track?number={number}&contact=13900000000", expect=404)
        self.assertEqual(wrong, unknown)
        for path, extra in [("/api/v1/track/messages", {"body": "在吗"}), ("/api/v1/track/acceptance", {"accepted": True})]:
            wrong = self.public("POST", path, {"number": number, "contact": "someone@else.com", **extra}, expect=404)
            unknown = self.public("POST", path, {"number": "TS209912999999", "contact": "13912345678", **extra},
                                  expect=404)
            self.assertEqual(wrong, unknown)
        # Nothing was written by those attempts.
        events = self.call("GET", f"/api/v1/complaints/{filed['id']}/events")["items"]
        self.assertEqual([e["kind"] for e in events if e["kind"] in ("message_added", "acceptance")], [])
        self.public("POST", "/api/v1/track/messages", {"number": number, "contact": "13912345678"}, expect=400)
        self.public("POST", "/api/v1/track/messages",
                    {"number": number, "contact": "13912345678", "body": "x", "role": "admin"}, expect=400)

    def test_customer_replies_and_rejects_then_accepts_the_next_resolution(self):
        filed = self.call("POST", "/api/v1/complaints", complaint(), expect=201)
        number, cid = filed["number"], filed["id"]
        me = {"number": number, "contact": "wang.fang@example.com"}
        reply = self.public("POST", "/api/v1/track/messages", {**me, "body": "请尽快处理，谢谢"}, expect=201)
        self.assertEqual(reply["message"]["direction"], "inbound")
        messages = self.call("GET", f"/api/v1/complaints/{cid}/messages")["items"]
        self.assertEqual([(m["direction"], m["author_role"], m["body"]) for m in messages],
                         [("inbound", "customer", "请尽快处理，谢谢")])
        # Nothing to answer before a resolution is proposed.
        self.public("POST", "/api/v1/track/acceptance", {**me, "accepted": True}, expect=422)

        for step in [{"to": "assigned", "assignee": "agent.wang"}, {"to": "in_progress"},
                     {"to": "resolved", "resolution_summary": "已原路退款"}]:
            self.call("POST", f"/api/v1/complaints/{cid}/transitions", step)
        tracked = self.public("GET", f"/api/v1/track?number={number}&contact=13912345678")
        self.assertEqual((tracked["status"], tracked["resolution_summary"], tracked["customer_acceptance"]),
                         ("resolved", "已原路退款", None))
        rejected = self.public("POST", "/api/v1/track/acceptance", {**me, "accepted": False, "reason": "钱还没到"})
        self.assertEqual(rejected["status"], "reopened")
        self.assertIn("12315", " ".join(o["how"] for o in rejected["external_options"]))
        self.assertIn("消费者协会", " ".join(o["name"] for o in rejected["external_options"]))
        self.assertIn("外部机构", rejected["message"])
        events = self.call("GET", f"/api/v1/complaints/{cid}/events")["items"]
        self.assertIn(("acceptance", "rejected", "portal", "钱还没到"),
                      [(e["kind"], e["field"], e["after"], e["note"]) for e in events])
        self.assertIn("rejected the proposed resolution", [e for e in events if e["after"] == "reopened"][-1]["note"])

        for step in [{"to": "in_progress"}, {"to": "resolved", "resolution_summary": "已补打款并提供凭证"}]:
            self.call("POST", f"/api/v1/complaints/{cid}/transitions", step)
        accepted = self.public("POST", "/api/v1/track/acceptance", {**me, "accepted": True})
        self.assertEqual((accepted["status"], accepted["accepted"]), ("resolved", True))
        self.assertNotIn("external_options", accepted)
        self.assertEqual(self.call("GET", f"/api/v1/complaints/{cid}")["customer_acceptance"], "accepted")

    def test_english_rejection_gets_english_options_and_staff_record_phone_answers(self):
        filed = self.filed_and_resolved(subject="Refund missing", description="My refund has not arrived after ten days.",
                                        customer={"name": "Ann", "phone": "+4420000000"})
        rejected = self.public("POST", "/api/v1/track/acceptance",
                               {"number": filed["number"], "contact": "+4420000000", "accepted": False})
        self.assertIn("independent body", rejected["message"])
        self.assertIn("Consumer association", rejected["external_options"][0]["name"])

        other = self.filed_and_resolved()
        answered = self.call("POST", f"/api/v1/complaints/{other['id']}/acceptance",
                             {"accepted": True, "reason": "电话回访确认满意"})
        self.assertEqual(answered["customer_acceptance"], "accepted")
        self.assertEqual(answered["customer"]["phone"][:3] + answered["customer"]["phone"][-4:], "1395678")
        self.assertNotEqual(answered["customer"]["phone"], "13912345678")  # masked
        events = self.call("GET", f"/api/v1/complaints/{other['id']}/events")["items"]
        self.assertIn(("acceptance", "accepted", "phone"), [(e["kind"], e["field"], e["after"]) for e in events])
        self.call("POST", f"/api/v1/complaints/{other['id']}/acceptance", {"accepted": "yes"}, expect=400)
        analyst = self.server.create_token(role="analyst", name="ana")
        self.call("POST", f"/api/v1/complaints/{other['id']}/acceptance", {"accepted": True}, expect=403, token=analyst)


class PortalRateLimitTest(unittest.TestCase):
    def test_guessing_numbers_and_contacts_is_cut_off(self):
        with HeedServer() as server:  # the default: 30 a minute, bursts of 10
            statuses = [server.request("POST", "/api/v1/track/acceptance",
                                       {"number": f"TS202401{i:06d}", "contact": "13900000000", "accepted": False},
                                       token=None)[0] for i in range(15)]
            self.assertEqual(set(statuses[:10]), {404})
            self.assertIn(429, statuses[10:])


if __name__ == "__main__":
    unittest.main()
