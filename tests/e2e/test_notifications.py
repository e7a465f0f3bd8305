"""End-to-end tests of e-mail to customers: the real binary sends through a real SMTP server (aiosmtpd) started
here, and the durable outbox keeps mail while no server is configured or the server is down."""

import email.header
import email.policy
import time
import unittest
import urllib.parse

from heed_server import HeedServer
from smtp_server import SmtpServer, free_port


def complaint(**overrides):
    body = {
        "customer": {"name": "张伟", "phone": "13812341234", "email": "zhang.wei@example.com"},
        "subject": "快递一周未送达",
        "description": "5月1日下单的空调，物流信息三天没有更新，要求尽快发货或者退款。",
        "category": "物流配送",
    }
    body.update(overrides)
    return body


def subject(message):
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def text(message):
    return message.get_payload(decode=True).decode("utf-8")


def find(messages, phrase):
    found = [m for m in messages if phrase in subject(m)]
    assert len(found) == 1, (phrase, [subject(m) for m in messages])
    return found[0]


def smtp_env(port, retry=1):
    return {"HEED_SMTP_URL": f"smtp://127.0.0.1:{port}", "HEED_SMTP_FROM": "complaints@heed.test",
            "HEED_PUBLIC_URL": "https://heed.test", "HEED_SMTP_RETRY_SECONDS": str(retry)}


class MailTest(unittest.TestCase):
    def setUp(self):
        self.smtp = SmtpServer().start()
        self.server = HeedServer(env=smtp_env(self.smtp.port)).start()

    def tearDown(self):
        self.server.cleanup()
        self.smtp.cleanup()

    def call(self, method, path, body=None, expect=200):
        status, answer, _ = self.server.request(method, path, body)
        self.assertEqual(status, expect, answer)
        return answer

    def test_acknowledgement_resolution_update_and_survey_arrive_in_the_customers_language(self):
        filed = self.call("POST", "/api/v1/complaints", complaint(), expect=201)
        ack = self.smtp.wait_for(1)[0]
        self.assertEqual(ack["To"], "zhang.wei@example.com")
        self.assertEqual(ack["From"], "complaints@heed.test")
        self.assertIn("您的投诉已受理", subject(ack))
        self.assertIn(filed["number"], subject(ack))
        self.assertIn("张伟，您好", text(ack))
        self.assertIn(filed["number"], text(ack))
        self.assertEqual(ack.get_content_charset(), "utf-8")
        self.assertRegex(ack["Message-ID"], r"^<heed\.1\.\d+\.\d+@heed\.test>$")

        cid = filed["id"]
        for step in [{"to": "assigned", "assignee": "agent.wang"}, {"to": "in_progress"},
                     {"to": "resolved", "resolution_summary": "已补发新机并退还运费"}]:
            self.call("POST", f"/api/v1/complaints/{cid}/transitions", step)
        resolution = find(self.smtp.wait_for(2), "已处理完毕")
        self.assertIn("已处理完毕", subject(resolution))
        self.assertIn("已补发新机并退还运费", text(resolution))

        self.call("POST", "/api/v1/notifications", {"complaint_id": cid, "kind": "update", "text": "新机明天上午送达。"},
                  expect=201)
        update = find(self.smtp.wait_for(3), "新进展")
        self.assertIn("新进展", subject(update))
        self.assertIn("新机明天上午送达。", text(update))

        survey = self.call("POST", "/api/v1/surveys", {"complaint_id": cid}, expect=201)
        mail = find(self.smtp.wait_for(4), "请为我们的服务打分")
        self.assertIn("请为我们的服务打分", subject(mail))
        link = "https://heed.test" + survey["url"]
        self.assertIn(link, text(mail))
        status, page, _ = self.server.request("GET", urllib.parse.urlparse(link).path, token=None)
        self.assertEqual(status, 200)

        outbox = self.call("GET", f"/api/v1/outbox?complaint_id={cid}")
        self.assertTrue(outbox["smtp_configured"])
        self.assertEqual(sorted(m["kind"] for m in outbox["items"]), ["acknowledgement", "resolution", "survey", "update"])
        self.assertEqual({m["status"] for m in outbox["items"]}, {"sent"})
        # Queued after the action, so never a new version under the caller's feet.
        self.assertEqual([e for e in self.call("GET", f"/api/v1/complaints/{cid}/events")["items"]
                          if e["kind"] == "notification"], [])

        # English for a customer who wrote English; nothing for a customer without an e-mail address.
        self.call("POST", "/api/v1/complaints", complaint(subject="Parcel a week late", description="Ordered on 1 May.",
                                                           customer={"name": "Ann Lee", "email": "ann@example.com"}),
                  expect=201)
        english = find(self.smtp.wait_for(5), "We have received")
        self.assertEqual(subject(english).split(" (")[0], "We have received your complaint")
        self.assertIn("Dear Ann Lee", text(english))
        no_mail = self.call("POST", "/api/v1/complaints", complaint(customer={"name": "李", "phone": "13900000000"}),
                            expect=201)
        time.sleep(1.5)
        self.assertEqual(len(self.smtp.messages()), 5)
        self.assertEqual(self.call("GET", f"/api/v1/outbox?complaint_id={no_mail['id']}")["items"], [])
        self.assertEqual(self.server.request("POST", "/api/v1/notifications",
                                             {"complaint_id": no_mail["id"], "kind": "update", "text": "x"})[0], 400)

    def test_an_escalation_is_announced_to_the_new_owner(self):
        # Fresh users: the lead has an address, the manager is given one through the API, the agent has none.
        self.server.stop()
        self.server.add_user("agent.gao", "agent-password-1", role="agent", team="二线组")
        self.server.add_user("lead.gao", "lead-password-1", role="team_lead", team="二线组", email="lead.gao@heed.test")
        self.server.add_user("mgr.gao", "manager-password-1", role="manager")
        admin = self.server.create_token(role="admin", name="admin")
        self.server.start()
        status, error, _ = self.server.request("PATCH", "/api/v1/users/mgr.gao", {"email": "not an address"}, token=admin)
        self.assertEqual((status, error["error"]["field"]), (400, "email"))
        status, changed, _ = self.server.request("PATCH", "/api/v1/users/mgr.gao", {"email": "mgr.gao@heed.test"},
                                                 token=admin)
        self.assertEqual((status, changed["email"]), (200, "mgr.gao@heed.test"))
        filed = self.call("POST", "/api/v1/complaints", complaint(), expect=201)
        cid = filed["id"]
        self.smtp.wait_for(1)  # the customer's acknowledgement
        self.call("POST", f"/api/v1/complaints/{cid}/transitions", {"to": "assigned", "assignee": "agent.gao"})
        self.call("POST", f"/api/v1/complaints/{cid}/escalate", {"reason": "客户要求主管处理"})
        lead = self.smtp.wait_for_mail_to("lead.gao@heed.test")[0]
        self.assertIn("投诉已升级由您负责", subject(lead))
        self.assertIn(filed["number"], subject(lead))
        body = text(lead)
        self.assertIn("lead.gao，您好", body)
        self.assertIn("组长", body)
        self.assertIn("客户要求主管处理", body)
        self.assertIn(f"https://heed.test/complaints/{cid}", body)
        self.assertNotIn("13812341234", body)  # nothing of the customer's contact
        self.assertNotIn("zhang.wei@example.com", body)
        # The customer's own request from the portal reaches the manager the same way.
        self.call("POST", "/api/v1/track/escalate",
                  {"number": filed["number"], "contact": "13812341234", "reason": "组长也没有回复"})
        manager = self.smtp.wait_for_mail_to("mgr.gao@heed.test")[0]
        self.assertIn("经理", text(manager))
        outbox = self.call("GET", f"/api/v1/outbox?complaint_id={cid}")["items"]
        self.assertEqual(sorted(m["kind"] for m in outbox), ["acknowledgement", "escalation", "escalation"])


class OutboxDurabilityTest(unittest.TestCase):
    def test_mail_waits_without_a_server_survives_restarts_and_is_sent_once(self):
        port = free_port()
        server = HeedServer()
        smtp = None
        try:
            # No mail server configured: the outbox keeps the message and says so.
            server.start()
            status, filed, _ = server.request("POST", "/api/v1/complaints", complaint())
            self.assertEqual(status, 201)
            deadline = time.time() + 10
            while time.time() < deadline:
                _, outbox, _ = server.request("GET", "/api/v1/outbox")
                if outbox["items"]:
                    break
                time.sleep(0.2)
            self.assertFalse(outbox["smtp_configured"])
            self.assertIn("no mail server", outbox["note"])
            self.assertEqual([(m["kind"], m["status"], m["attempts"]) for m in outbox["items"]],
                             [("acknowledgement", "pending", 0)])

            # Configured, but the mail server is down: attempts fail, are counted and retried; nothing is lost.
            server.stop()
            server.env.update(smtp_env(port))
            server.start()
            deadline = time.time() + 20
            while time.time() < deadline:
                _, outbox, _ = server.request("GET", "/api/v1/outbox")
                if outbox["items"][0]["attempts"] >= 2:
                    break
                time.sleep(0.2)
            item = outbox["items"][0]
            self.assertEqual(item["status"], "pending")
            self.assertGreaterEqual(item["attempts"], 2)
            self.assertNotEqual(item["last_error"], "")

            # Restart again, then the server comes up: the message arrives once.
            server.stop()
            server.start()
            smtp = SmtpServer(port).start()
            messages = smtp.wait_for(1, timeout=60)
            self.assertIn(filed["number"], subject(messages[0]))
            deadline = time.time() + 10
            while time.time() < deadline:
                _, outbox, _ = server.request("GET", "/api/v1/outbox")
                if outbox["items"][0]["status"] == "sent":
                    break
                time.sleep(0.2)
            self.assertEqual(outbox["items"][0]["status"], "sent")
            server.stop()
            server.start()
            time.sleep(2.5)
            self.assertEqual(len(smtp.messages()), 1)
        finally:
            server.cleanup()
            if smtp:
                smtp.cleanup()


if __name__ == "__main__":
    unittest.main()
