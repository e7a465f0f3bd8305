"""SLA clocks through the real binary: a calendar with .ics holidays and a policy set over the API, due times on
filed complaints, pause and resume, warnings and breaches found by the sweeper after the server was down (the
clock moved forward with --clock-offset-hours, a test-only switch that needs HEED_ALLOW_CLOCK_OFFSET=1), each
recorded once across restarts, escalation to real owners, validation (422 with the reason, nothing half-saved),
role checks and tenant isolation."""

import datetime as dt
import os
import time
import unittest

from heed_server import HeedServer, run_cli

ROUND_THE_CLOCK = {day: ["00:00-24:00"] for day in ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]}


def parse(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def add_working_time(start, duration, holidays):
    """Working time on a UTC calendar open round the clock except on `holidays` (dates): the due instant."""
    at, left = start, duration
    while True:
        next_midnight = dt.datetime.combine(at.date() + dt.timedelta(days=1), dt.time(), tzinfo=dt.timezone.utc)
        if at.date() in holidays:
            at = next_midnight
            continue
        if at + left <= next_midnight:
            return at + left
        left -= next_midnight - at
        at = next_midnight


def ics(first_day, days):
    """An iCalendar file with one all-day event of `days` days from `first_day`, CRLF line ends as RFC 5545 says."""
    end = first_day + dt.timedelta(days=days)
    return "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Heed e2e//EN",
        "BEGIN:VEVENT", "UID:holiday-1@heed.test", f"DTSTART;VALUE=DATE:{first_day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}", "SUMMARY:公司假日", "END:VEVENT", "END:VCALENDAR", ""])


POLICY = {"name": "standard", "calendar": "office",
          "targets": {"first_response_minutes": 80, "next_update_minutes": 240, "resolution_minutes": 2880},
          "warn_share": 0.75}


def complaint_body(subject="快递延误"):
    return {"customer": {"name": "周杰", "phone": "13600000000"}, "subject": subject,
            "description": "订单三天没有更新物流信息", "category": "物流配送"}


class SlaTest(unittest.TestCase):
    def setUp(self):
        self.server = HeedServer(env={"HEED_ALLOW_CLOCK_OFFSET": "1"})
        self.server.add_user("agent.wu", "agent-password-1", role="agent", team="一线客服组")
        self.server.add_user("lead.wu", "lead-password-1", role="team_lead", team="一线客服组")
        self.server.add_user("mgr.li", "manager-password-1", role="manager")
        self.agent = self.server.create_token(role="agent", name="agent")
        self.server.start()
        # Holidays two and three days from today (UTC): a 48-hour resolution target always runs into them, an
        # 80-minute first response never does, so the due times are exact whatever the time of day.
        self.today = dt.datetime.now(dt.timezone.utc).date()
        self.holidays = {self.today + dt.timedelta(days=2), self.today + dt.timedelta(days=3)}

    def tearDown(self):
        self.server.cleanup()

    def call(self, method, path, body=None, token=""):
        status, payload, _ = self.server.request(method, path, body, token=token)
        return status, payload

    def set_up_office(self):
        status, calendar = self.call("PUT", "/api/v1/calendars/office",
                                     {"time_zone": "UTC", "week": ROUND_THE_CLOCK})
        self.assertEqual(status, 200, calendar)
        status, calendar = self.call("POST", "/api/v1/calendars/office/holidays",
                                     {"ics": ics(self.today + dt.timedelta(days=2), 2)})
        self.assertEqual(status, 200, calendar)
        self.assertEqual(calendar["added"], 2)
        self.assertEqual(sorted(calendar["holidays"]), sorted(d.isoformat() for d in self.holidays))
        status, policies = self.call("PUT", "/api/v1/sla-policies", {"policies": [POLICY]})
        self.assertEqual(status, 200, policies)
        self.assertEqual([p["name"] for p in policies["policies"]], ["standard"])

    def file(self, subject="快递延误"):
        status, body = self.call("POST", "/api/v1/complaints", complaint_body(subject))
        self.assertEqual(status, 201, body)
        return body

    def move(self, cid, to, **extra):
        status, body = self.call("POST", f"/api/v1/complaints/{cid}/transitions", dict(to=to, **extra))
        self.assertEqual(status, 200, body)
        return body

    def reply(self, cid):
        status, body = self.call("POST", f"/api/v1/complaints/{cid}/messages",
                                 {"direction": "outbound", "body": "您好，我们已联系快递公司。"})
        self.assertEqual(status, 201, body)

    def get(self, cid):
        status, body = self.call("GET", f"/api/v1/complaints/{cid}")
        self.assertEqual(status, 200, body)
        return body

    def events(self, cid, *kinds):
        status, body = self.call("GET", f"/api/v1/complaints/{cid}/events")
        self.assertEqual(status, 200, body)
        return [e for e in body["items"] if e["kind"] in kinds]

    def restart(self, offset_hours):
        self.server.stop()
        self.server.args = ["--clock-offset-hours", str(offset_hours)] if offset_hours else []
        self.server.start()

    def wait_for(self, what, condition, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.1)
        self.fail("timed out waiting for " + what)

    def test_due_times_pause_resume_and_breaches_found_after_downtime_are_recorded_once(self):
        self.set_up_office()
        late = self.file("无人回复")
        received = parse(late["received_at"])
        self.assertEqual(late["sla"]["policy"], "standard")
        self.assertEqual(late["sla"]["state"], "running")
        self.assertEqual(parse(late["first_response_due"]), received + dt.timedelta(minutes=80))
        # 48 working hours run into the two holidays, so resolution is due 96 hours after receipt.
        self.assertEqual(parse(late["resolution_due"]), add_working_time(received, dt.timedelta(hours=48), self.holidays))
        self.assertEqual(parse(late["resolution_due"]), received + dt.timedelta(hours=96))
        self.assertIsNone(late["next_update_due"])

        # Paused: replied to, then waiting for the customer. The first response is met, resolution has no due time.
        waiting = self.file("等待客户")
        cid = waiting["id"]
        self.move(cid, "assigned", assignee="agent.wu")
        self.move(cid, "in_progress")
        self.reply(cid)
        replied = self.get(cid)
        self.assertEqual(parse(replied["next_update_due"]),
                         parse(replied["first_response_at"]) + dt.timedelta(minutes=240))
        paused = self.move(cid, "waiting_customer")
        self.assertIsNone(paused["resolution_due"])
        self.assertIsNone(paused["next_update_due"])
        self.assertEqual(paused["sla"]["state"], "paused")
        status, clocks = self.call("GET", f"/api/v1/complaints/{cid}/sla")
        self.assertEqual(status, 200, clocks)
        self.assertEqual(clocks["first_response"]["state"], "met")
        self.assertEqual(clocks["resolution"]["state"], "paused")
        self.assertIsNone(clocks["resolution"]["due"])
        self.assertIsNone(clocks["resolution"]["remaining_ms"])
        elapsed = clocks["resolution"]["elapsed_business_ms"]
        self.assertEqual(clocks["resolution"]["remaining_business_ms"], 48 * 3600 * 1000 - elapsed)
        # Resumed: due again, later than before by the paused time (here milliseconds to seconds).
        resumed = self.move(cid, "in_progress")
        shift = parse(resumed["resolution_due"]) - parse(waiting["resolution_due"])
        self.assertGreaterEqual(shift, dt.timedelta(0))
        self.assertLess(shift, dt.timedelta(minutes=1))
        self.move(cid, "waiting_customer")  # and it waits over the downtime below

        done = self.file("已解决")
        self.move(done["id"], "assigned", assignee="agent.wu")
        self.move(done["id"], "in_progress")
        self.reply(done["id"])
        self.move(done["id"], "resolved", resolution_summary="已补发")

        def sla_events(cid):
            return sorted((e["kind"], e["field"]) for e in self.events(cid, "sla_warning", "sla_breached", "escalated"))

        # One hour later (the server was down): the first response of `late` is past its warning (60 of 80 min).
        self.restart(1)
        self.wait_for("the warning", lambda: sla_events(late["id"]))
        self.assertEqual(sla_events(late["id"]), [("sla_warning", "first_response")])
        self.assertEqual(self.get(late["id"])["sla"]["state"], "warning")

        # Five days later: both clocks breached while the server was down; each breach escalates one step.
        self.restart(120)
        breach_first = "breach:first_response:" + self.events(late["id"], "sla_warning")[0]["after"]
        self.wait_for("both breaches", lambda: len(self.events(late["id"], "sla_breached")) == 2)
        self.wait_for("both escalations", lambda: len(self.events(late["id"], "escalated")) == 2)
        expected = sorted([("sla_warning", "first_response"), ("sla_breached", "first_response"),
                           ("sla_breached", "resolution")] +
                          [("escalated", e["field"]) for e in self.events(late["id"], "escalated")])
        self.assertEqual(len(expected), 5)
        self.assertIn(("escalated", breach_first), expected)
        self.assertEqual(sla_events(late["id"]), expected)
        breached = self.get(late["id"])
        self.assertEqual(breached["sla"]["state"], "breached")
        self.assertEqual(breached["sla"]["escalation_level"], "manager")
        self.assertEqual(breached["assignee"], "mgr.li")
        steps = self.events(late["id"], "escalated")
        self.assertEqual([(s["before"], s["after"]) for s in steps], [("agent", "team_lead"), ("team_lead", "manager")])
        self.assertIn("lead.wu", steps[0]["note"])
        self.assertIn("SLA breached: first_response", steps[0]["note"])
        self.assertIn("lead.wu → mgr.li", steps[1]["note"])
        breaches = {e["field"]: e for e in self.events(late["id"], "sla_breached")}
        self.assertEqual(parse(breaches["first_response"]["after"]), received + dt.timedelta(minutes=80))
        self.assertEqual(parse(breaches["resolution"]["after"]), received + dt.timedelta(hours=96))
        # The waiting complaint's clocks were paused all along, the resolved one's had stopped: nothing for them.
        self.assertEqual(sla_events(cid), [])
        self.assertEqual(sla_events(done["id"]), [])
        self.assertEqual(self.get(cid)["sla"]["state"], "paused")

        # Another restart at the same time finds nothing new.
        self.restart(120)
        status, _ = self.call("GET", f"/api/v1/complaints/{late['id']}/sla")
        self.assertEqual(status, 200)
        time.sleep(1.0)  # the sweeper's first pass runs at start
        self.assertEqual(sla_events(late["id"]), expected)
        status, clocks = self.call("GET", f"/api/v1/complaints/{late['id']}/sla")
        self.assertEqual(clocks["first_response"]["state"], "breached")
        self.assertEqual(clocks["escalation_level"], "manager")
        self.assertLess(clocks["resolution"]["remaining_business_ms"], 0)

    def test_escalation_on_request_moves_one_step_to_the_next_owner(self):
        filed = self.file()
        cid = filed["id"]
        self.move(cid, "assigned", assignee="agent.wu")
        status, up = self.call("POST", f"/api/v1/complaints/{cid}/escalate", {"reason": "客户要求主管处理"},
                               token=self.agent)
        self.assertEqual(status, 200, up)
        self.assertEqual(up["sla"]["escalation_level"], "team_lead")
        self.assertEqual(up["assignee"], "lead.wu")  # the lead of the agent's team
        step = self.events(cid, "escalated")[-1]
        self.assertEqual(step["actor"], "agent")
        self.assertIn("客户要求主管处理", step["note"])
        self.assertIn("agent.wu → lead.wu", step["note"])
        status, up = self.call("POST", f"/api/v1/complaints/{cid}/escalate", {"reason": "仍未解决"})
        self.assertEqual((status, up["assignee"]), (200, "mgr.li"))
        self.assertEqual(self.call("POST", f"/api/v1/complaints/{cid}/escalate", {"reason": "董事"})[0], 200)
        status, error = self.call("POST", f"/api/v1/complaints/{cid}/escalate", {"reason": "again"})
        self.assertEqual(status, 409, error)
        status, error = self.call("POST", f"/api/v1/complaints/{cid}/escalate", {"reason": " "})
        self.assertEqual((status, error["error"]["field"]), (400, "reason"))
        status, error = self.call("POST", f"/api/v1/complaints/{cid}/escalate", {"reason": "x", "extra": 1})
        self.assertEqual(status, 400)

    def test_the_customer_asks_for_escalation_from_the_portal_once_a_day(self):
        filed = self.file()
        cid, number = filed["id"], filed["number"]
        self.move(cid, "assigned", assignee="agent.wu")
        me = {"number": number, "contact": "13600000000"}
        # A wrong contact learns nothing and changes nothing.
        status, wrong = self.call("POST", "/api/v1/track/escalate", {**me, "contact": "13700000000", "reason": "x"},
                                  token=None)
        self.assertEqual(status, 404, wrong)
        self.assertEqual(self.events(cid, "escalated"), [])
        status, up = self.call("POST", "/api/v1/track/escalate", {**me, "reason": "一直没人处理，要求主管负责"},
                               token=None)
        self.assertEqual(status, 200, up)
        self.assertEqual((up["number"], up["escalated"]), (number, True))
        self.assertIn("上级", up["message"])
        self.assertNotIn("assignee", up)  # the portal shows no staff names
        staff_view = self.call("GET", f"/api/v1/complaints/{cid}")[1]
        self.assertEqual((staff_view["sla"]["escalation_level"], staff_view["assignee"]), ("team_lead", "lead.wu"))
        step = self.events(cid, "escalated")[-1]
        self.assertEqual(step["actor"], f"customer:{number}")
        self.assertIn("一直没人处理", step["note"])
        # A second request the same day is refused and changes nothing; staff can still escalate further.
        status, again = self.call("POST", "/api/v1/track/escalate", {**me, "reason": "还是没人管"}, token=None)
        self.assertEqual(status, 409, again)
        self.assertEqual(len(self.events(cid, "escalated")), 1)
        status, _ = self.call("POST", "/api/v1/track/escalate", {**me}, token=None)
        self.assertEqual(status, 400)

    def test_bad_calendars_and_policies_are_422_with_the_reason_and_nothing_is_half_saved(self):
        self.set_up_office()
        before_calendars = self.call("GET", "/api/v1/calendars")[1]
        before_policies = self.call("GET", "/api/v1/sla-policies")[1]
        filed = self.file()
        cases = [
            ("PUT", "/api/v1/calendars/office", {"time_zone": "Mars/Olympus", "week": ROUND_THE_CLOCK}, 422, "time_zone"),
            ("PUT", "/api/v1/calendars/office", {"time_zone": "UTC", "week": {"mon": ["09:00-12:00", "11:00-13:00"]}},
             422, "week"),
            ("PUT", "/api/v1/calendars/office", {"time_zone": "UTC", "week": {}}, 422, "week"),
            ("PUT", "/api/v1/calendars/office", {"time_zone": "UTC", "week": {"mon": ["9 to 5"]}}, 422, "week"),
            ("PUT", "/api/v1/calendars/office", {"time_zone": "UTC", "week": ROUND_THE_CLOCK, "colour": "red"}, 422,
             "colour"),
            ("PUT", "/api/v1/calendars/office", "not an object", 400, ""),
            ("PUT", "/api/v1/calendars/24x7", {"week": ROUND_THE_CLOCK}, 422, ""),
            ("POST", "/api/v1/calendars/office/holidays", {"ics": "BEGIN:VEVENT\r\nEND:VEVENT\r\n"}, 422, "ics"),
            ("POST", "/api/v1/calendars/office/holidays",
             {"ics": "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260501T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"},
             422, "ics"),
            ("POST", "/api/v1/calendars/nowhere/holidays", {"ics": ics(self.today, 1)}, 404, ""),
            ("PUT", "/api/v1/sla-policies", {"policies": [dict(POLICY, calendar="nowhere")]}, 422, "calendar"),
            ("PUT", "/api/v1/sla-policies",
             {"policies": [dict(POLICY, targets={"first_response_minutes": 0})]}, 422, "first_response_minutes"),
            ("PUT", "/api/v1/sla-policies", {"policies": [POLICY, POLICY]}, 422, ""),
            ("PUT", "/api/v1/sla-policies", {"policies": [dict(POLICY, warn_share=1.5)]}, 422, ""),
            ("PUT", "/api/v1/sla-policies", {"policies": [POLICY], "extra": True}, 400, "extra"),
            ("DELETE", "/api/v1/calendars/office", None, 409, "calendar"),
        ]
        for method, path, body, expected, field in cases:
            with self.subTest(path=path, body=body):
                status, error = self.call(method, path, body)
                self.assertEqual(status, expected, error)
                self.assertTrue(error["error"]["message"])
                if field:
                    self.assertIn(field, error["error"]["field"])
        self.assertEqual(self.call("GET", "/api/v1/calendars")[1], before_calendars)
        self.assertEqual(self.call("GET", "/api/v1/sla-policies")[1], before_policies)
        self.assertEqual(self.get(filed["id"])["resolution_due"], filed["resolution_due"])

    def test_only_managers_and_admins_change_the_set_up_and_every_tenant_has_its_own(self):
        self.set_up_office()
        writes = [("PUT", "/api/v1/calendars/office", {"time_zone": "UTC", "week": ROUND_THE_CLOCK}),
                  ("PUT", "/api/v1/calendars/office", {"bad": "body"}),
                  ("DELETE", "/api/v1/calendars/office", None),
                  ("POST", "/api/v1/calendars/office/holidays", {"ics": ics(self.today, 1)}),
                  ("PUT", "/api/v1/sla-policies", {"policies": []})]
        for method, path, body in writes:
            with self.subTest(method=method, path=path):
                status, error = self.call(method, path, body, token=self.agent)
                self.assertEqual(status, 403, error)
        # Agents read the set-up.
        status, policies = self.call("GET", "/api/v1/sla-policies", token=self.agent)
        self.assertEqual((status, policies["policies"][0]["name"]), (200, "standard"))
        self.assertEqual(len(self.call("GET", "/api/v1/calendars/office", token=self.agent)[1]["holidays"]), 2)

        # Another tenant sees the defaults, not this tenant's calendar, and none of its complaints' clocks.
        mine = self.file()
        run_cli("tenant", "add", "acme", "--db", self.server.db_path)
        other = run_cli("token", "create", "--db", self.server.db_path, "--tenant", "acme", "--role", "manager",
                        "--name", "acme").stdout.strip().splitlines()[-1]
        status, calendars = self.call("GET", "/api/v1/calendars", token=other)
        self.assertEqual([c["name"] for c in calendars["items"]], ["24x7"])
        self.assertEqual(self.call("GET", "/api/v1/calendars/office", token=other)[0], 404)
        status, policies = self.call("GET", "/api/v1/sla-policies", token=other)
        self.assertEqual([p["name"] for p in policies["policies"]], ["urgent", "general"])
        self.assertEqual(self.call("GET", f"/api/v1/complaints/{mine['id']}/sla", token=other)[0], 404)
        self.assertEqual(self.call("POST", f"/api/v1/complaints/{mine['id']}/escalate", {"reason": "x"},
                                   token=other)[0], 404)
        # acme's own complaint runs on the default general policy (24 h / 48 h on 24×7).
        status, theirs, _ = self.server.request("POST", "/api/v1/complaints", complaint_body(), token=other)
        self.assertEqual(status, 201, theirs)
        self.assertEqual(theirs["sla"]["policy"], "general")
        self.assertEqual(parse(theirs["resolution_due"]), parse(theirs["received_at"]) + dt.timedelta(hours=48))
        # Changing acme's policies leaves the default tenant's complaint alone.
        status, _, _ = self.server.request("PUT", "/api/v1/sla-policies", {"policies": [
            {"name": "fast", "targets": {"first_response_minutes": 10, "resolution_minutes": 60}}]}, token=other)
        self.assertEqual(status, 200)
        self.assertEqual(self.get(mine["id"])["resolution_due"], mine["resolution_due"])
        self.assertEqual(self.call("GET", "/api/v1/sla-policies")[1]["policies"][0]["name"], "standard")


if __name__ == "__main__":
    unittest.main()
