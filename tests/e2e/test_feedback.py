"""End-to-end tests of the feedback loop against the real binary: "3+7" follow-ups and surveys through their links.

Follow-ups fall due days after resolution, so the server is restarted on the same database with
--clock-offset-hours (allowed only with HEED_ALLOW_CLOCK_OFFSET=1, a test-only switch)."""

import os
import subprocess
import unittest
import urllib.parse

from heed_server import HEED, HeedServer, run_cli

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def complaint(**overrides):
    body = {
        "customer": {"name": "张伟", "phone": "13812341234", "email": "zhang.wei@example.com"},
        "subject": "快递一周未送达",
        "description": "5月1日下单的空调，物流信息三天没有更新，要求尽快发货或者退款。",
        "category": "物流配送",
    }
    body.update(overrides)
    return body


class FeedbackLoopTest(unittest.TestCase):
    def setUp(self):
        self.server = HeedServer(env={"HEED_ALLOW_CLOCK_OFFSET": "1"}).start()

    def tearDown(self):
        self.server.cleanup()

    def at(self, hours):
        """Restarts the server as if `hours` had passed since the test began."""
        self.server.stop()
        self.server.args = ["--clock-offset-hours", str(hours)]
        self.server.start()

    def call(self, method, path, body=None, expect=200, **kwargs):
        status, answer, _ = self.server.request(method, path, body, **kwargs)
        self.assertEqual(status, expect, answer)
        return answer

    def move(self, cid, to, **extra):
        return self.call("POST", f"/api/v1/complaints/{cid}/transitions", {"to": to, **extra})

    def resolve_new(self, **overrides):
        filed = self.call("POST", "/api/v1/complaints", complaint(**overrides), expect=201)
        cid = filed["id"]
        self.move(cid, "assigned", assignee="agent.wang")
        self.move(cid, "in_progress")
        self.move(cid, "resolved", resolution_summary="已补发，并退还运费")
        return cid

    def followups(self, query):
        return self.call("GET", "/api/v1/followups?" + urllib.parse.urlencode(query))["items"]

    def test_resolution_day3_no_reopens_day7_survey_answered_through_its_link(self):
        cid = self.resolve_new()
        tasks = self.followups({"complaint_id": cid})
        self.assertEqual([t["kind"] for t in tasks], ["day3", "day7"])
        self.assertEqual({t["timeliness"] for t in tasks}, {"scheduled"})
        self.assertEqual(self.followups({"agent": "agent.wang", "status": "due"}), [])

        # Day 3: due in the agent's queue; the customer says it is not solved, which reopens the complaint.
        self.at(73)
        due = self.followups({"agent": "agent.wang", "status": "due"})
        self.assertEqual([t["kind"] for t in due], ["day3"])
        queues = self.call("GET", "/api/v1/followups/queues")["items"]
        self.assertEqual(queues, [{"assignee": "agent.wang", "due": 1, "overdue": 0, "scheduled": 1}])
        outcome = self.call("POST", f"/api/v1/followups/{due[0]['id']}/outcome",
                            {"solved": False, "note": "空调还没送到"})
        self.assertEqual(outcome["complaint"]["status"], "reopened")
        self.assertEqual(outcome["follow_up"]["outcome"], "not_solved")
        self.call("POST", f"/api/v1/followups/{due[0]['id']}/outcome", {"solved": True}, expect=409)
        events = self.call("GET", f"/api/v1/complaints/{cid}/events")["items"]
        self.assertIn(("follow_up", "day3", "not_solved"), [(e["kind"], e["field"], e["after"]) for e in events])
        reopen = [e for e in events if e["kind"] == "status_changed" and e["after"] == "reopened"]
        self.assertEqual(len(reopen), 1)
        self.assertIn("day-3 follow-up", reopen[0]["note"])
        self.assertEqual([t["status"] for t in self.followups({"complaint_id": cid})], ["done", "cancelled"])

        # Resolved again: a new pair of follow-ups; day 3 says solved, day 7 sends the survey and closes.
        self.move(cid, "in_progress")
        self.move(cid, "resolved", resolution_summary="已送达并安装")
        pending = self.followups({"complaint_id": cid, "status": "pending"})
        self.assertEqual([t["kind"] for t in pending], ["day3", "day7"])
        self.at(73 + 73)
        day3 = self.followups({"complaint_id": cid, "status": "due"})
        self.assertEqual(self.call("POST", f"/api/v1/followups/{day3[0]['id']}/outcome",
                                   {"solved": True})["complaint"]["status"], "follow_up")
        self.at(73 + 169)
        day7 = self.followups({"complaint_id": cid, "status": "due"})
        self.assertEqual([t["kind"] for t in day7], ["day7"])
        outcome = self.call("POST", f"/api/v1/followups/{day7[0]['id']}/outcome", {"reached": True, "note": "客户满意"})
        self.assertEqual(outcome["complaint"]["status"], "closed")
        survey = outcome["survey"]
        self.assertEqual(outcome["follow_up"]["survey_id"], survey["id"])
        self.assertEqual(survey["language"], "zh")
        link = survey["url"]
        self.assertTrue(link.startswith("/s/"))

        # A mail scanner (or the customer) opening the link records nothing.
        for _ in range(3):
            status, page, headers = self.server.request("GET", link, token=None)
            self.assertEqual(status, 200)
            self.assertIn("text/html", headers["Content-Type"])
            self.assertIn("满意度调查", page)
            self.assertIn('name="q_response_speed"', page)
            self.assertIn('name="viewport"', page)
        self.assertIsNone(self.call("GET", f"/api/v1/complaints/{cid}")["feedback"]["csat"])
        self.assertIsNone(self.call("GET", f"/api/v1/surveys/{survey['id']}")["answered_at"])

        # The form as a phone browser posts it.
        form = urllib.parse.urlencode({"csat": "4", "q_response_speed": "5", "q_attitude": "4", "nps": "9",
                                       "effort": "2", "comment": "送货师傅很专业 & 准时"}).encode()
        status, page, _ = self.server.request("POST", link, raw=form, headers=FORM, token=None)
        self.assertEqual(status, 201, page)
        self.assertIn("感谢", page)
        feedback = self.call("GET", f"/api/v1/complaints/{cid}")["feedback"]
        self.assertEqual((feedback["csat"], feedback["nps"], feedback["effort"]), (4, 9, 2))
        self.assertIsNotNone(feedback["answered_at"])
        stored = self.call("GET", f"/api/v1/surveys/{survey['id']}")
        self.assertEqual(stored["answer"]["answers"], {"response_speed": 5, "attitude": 4})
        self.assertEqual(stored["answer"]["comment"], "送货师傅很专业 & 准时")
        events = self.call("GET", f"/api/v1/complaints/{cid}/events")["items"]
        self.assertIn(("survey", "answered"), [(e["kind"], e["field"]) for e in events])

        # Used once: a second submission (form or JSON) is refused and changes nothing.
        status, page, _ = self.server.request("POST", link, raw=form, headers=FORM, token=None)
        self.assertEqual(status, 409)
        status, body, _ = self.server.request("POST", link, {"csat": 1}, token=None)
        self.assertEqual(status, 409)
        self.assertEqual(self.call("GET", f"/api/v1/complaints/{cid}")["feedback"]["csat"], 4)

        # The agent's statistics carry the score with its sample size and the response rate.
        stats = self.call("GET", "/api/v1/surveys/stats?assignee=agent.wang")
        self.assertEqual((stats["sent"], stats["answered"], stats["response_rate"]), (1, 1, 1.0))
        self.assertEqual(stats["csat"], {"mean": 4.0, "satisfied_percent": 100.0, "n": 1})
        self.assertEqual(stats["nps"]["n"], 1)
        self.assertEqual(stats["nps"]["score"], 100.0)

    def test_the_survey_page_switches_language_and_answers_in_it(self):
        cid = self.resolve_new()  # a Chinese complaint: the survey opens in Chinese
        survey = self.call("POST", "/api/v1/surveys", {"complaint_id": cid}, expect=201)
        link = survey["url"]
        status, page, _ = self.server.request("GET", link, token=None)
        self.assertEqual(status, 200)
        self.assertIn('<html lang="zh-CN">', page)
        self.assertIn(f'href="{link}?lang=en"', page)
        self.assertIn(f'action="{link}?lang=zh"', page)
        status, page, _ = self.server.request("GET", link + "?lang=en", token=None)
        self.assertEqual(status, 200)
        self.assertIn('<html lang="en">', page)
        self.assertIn("Satisfaction survey", page)
        self.assertNotIn("满意度调查", page)
        self.assertIn(f'href="{link}?lang=zh"', page)
        self.assertIn(f'action="{link}?lang=en"', page)
        # An unknown language leaves the survey's own; opening in any language recorded nothing.
        status, page, _ = self.server.request("GET", link + "?lang=fr", token=None)
        self.assertEqual(status, 200)
        self.assertIn("满意度调查", page)
        self.assertIsNone(self.call("GET", f"/api/v1/surveys/{survey['id']}")["answered_at"])
        # The answer from the English page thanks in English and is stored as any other.
        form = urllib.parse.urlencode({"csat": "5", "nps": "10"}).encode()
        status, page, _ = self.server.request("POST", link + "?lang=en", raw=form, headers=FORM, token=None)
        self.assertEqual(status, 201, page)
        self.assertIn("Thank you for your feedback!", page)
        self.assertEqual(self.call("GET", f"/api/v1/complaints/{cid}")["feedback"]["csat"], 5)
        status, page, _ = self.server.request("GET", link + "?lang=en", token=None)
        self.assertEqual(status, 409)
        self.assertIn("already answered", page)

    def test_expired_forged_and_invalid_answers_are_refused(self):
        cid = self.resolve_new(subject="Parcel a week late", description="Ordered on 1 May; tracking has not moved.")
        survey = self.call("POST", "/api/v1/surveys", {"complaint_id": cid, "valid_hours": 2}, expect=201)
        self.assertEqual(survey["language"], "en")
        link = survey["url"]
        status, page, _ = self.server.request("GET", link, token=None)
        self.assertEqual(status, 200)
        self.assertIn("Satisfaction survey", page)
        status, body, _ = self.server.request("POST", link, {"csat": 9}, token=None)
        self.assertEqual((status, body["error"]["field"]), (400, "csat"))
        status, body, _ = self.server.request("POST", link, {"csat": 5, "rating": 1}, token=None)
        self.assertEqual((status, body["error"]["field"]), (400, "rating"))
        forged = link[:-1] + ("0" if link[-1] != "0" else "1")
        self.assertEqual(self.server.request("GET", forged, token=None)[0], 404)
        self.assertEqual(self.server.request("POST", forged, {"csat": 5}, token=None)[0], 404)
        self.assertEqual(self.server.request("GET", "/s/not-a-token", token=None)[0], 404)
        # Forms are accepted on survey links only; everywhere else a form body is still refused.
        status, _, _ = self.server.request("POST", "/api/v1/complaints", raw=b"subject=x", headers=FORM)
        self.assertEqual(status, 415)

        self.at(3)
        self.assertEqual(self.server.request("GET", link, token=None)[0], 410)
        status, body, _ = self.server.request("POST", link, {"csat": 5}, token=None)
        self.assertEqual(status, 410)
        self.assertIsNone(self.call("GET", f"/api/v1/complaints/{cid}")["feedback"]["csat"])
        stats = self.call("GET", "/api/v1/surveys/stats")
        self.assertEqual((stats["sent"], stats["answered"], stats["csat"]["n"]), (1, 0, 0))
        self.assertEqual(stats["response_rate"], 0.0)

    def test_survey_questions_are_configurable_and_customers_cannot_use_staff_routes(self):
        questions = self.call("GET", "/api/v1/settings/survey")["questions"]
        self.assertGreaterEqual(len(questions), 5)
        new = questions[:4] + [{"key": "delivery", "zh": "送货是否准时？", "en": "Was delivery on time?"}]
        self.call("PUT", "/api/v1/settings/survey", {"questions": new})
        self.call("PUT", "/api/v1/settings/survey", {"questions": new[:3]}, expect=400)
        cid = self.resolve_new()
        survey = self.call("POST", "/api/v1/surveys", {"complaint_id": cid}, expect=201)
        self.assertEqual([q["key"] for q in survey["questions"]], [q["key"] for q in new])
        status, page, _ = self.server.request("GET", survey["url"], token=None)
        self.assertIn("送货是否准时", page)
        customer = self.server.create_token(role="customer", name="customer.x")
        self.assertEqual(self.server.request("GET", "/api/v1/followups", token=customer)[0], 403)
        self.assertEqual(self.server.request("POST", "/api/v1/surveys", {"complaint_id": cid}, token=customer)[0], 403)
        self.assertEqual(self.server.request("GET", "/api/v1/followups", token=None)[0], 401)

    def test_demo_has_due_and_overdue_follow_ups_answered_surveys_and_mail_in_the_outbox(self):
        self.server.stop()
        result = run_cli("demo", "--db", self.server.db_path, "--count", "600", "--seed", "3",
                         "--now", "2024-06-30T08:00:00Z")
        self.assertRegex(result.stdout, r"Feedback: \d+ follow-ups \(\d+ due today, [1-9]\d* overdue\), [1-9]\d* surveys sent, "
                                        r"[1-9]\d* answered; [1-9]\d* e-mails waiting in the outbox")
        self.server.start()
        self.assertNotEqual(self.followups({"status": "overdue"}), [])
        stats = self.call("GET", "/api/v1/surveys/stats?to=2024-07-01T00:00:00Z")
        self.assertGreater(stats["answered"], 0)
        self.assertLess(stats["answered"], stats["sent"])
        self.assertEqual(stats["csat"]["n"], stats["answered"])
        answered = self.call("GET", "/api/v1/complaints?status=closed&limit=500")["items"]
        self.assertTrue(any(c["feedback"]["csat"] for c in answered))
        outbox = self.call("GET", "/api/v1/outbox?status=pending")
        self.assertFalse(outbox["smtp_configured"])
        self.assertGreater(len(outbox["items"]), 0)

    def test_clock_offset_is_refused_without_the_test_switch(self):
        env = {k: v for k, v in os.environ.items() if k != "HEED_ALLOW_CLOCK_OFFSET"}
        result = subprocess.run([HEED, "serve", "--db", self.server.db_path, "--listen", "127.0.0.1:0",
                                 "--clock-offset-hours", "5"], capture_output=True, text=True, env=env, timeout=60)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("HEED_ALLOW_CLOCK_OFFSET", result.stderr)


if __name__ == "__main__":
    unittest.main()
