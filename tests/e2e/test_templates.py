"""End-to-end tests of the resolution workspace against the real binary: solution templates (validation, roles,
rendering in the customer's language, use as a reply or a resolution, statistics that follow the customers' survey
answers), suggestions, links and merges, and another tenant kept out."""

import unittest
import urllib.parse

from heed_server import HeedServer, run_cli


def complaint(**overrides):
    body = {
        "customer": {"name": "张伟", "phone": "13812341234", "email": "zhang.wei@example.com"},
        "subject": "快递一周未送达",
        "description": "5月1日下单的空调，物流信息三天没有更新，要求尽快发货或者退款。",
        "category": "物流配送",
        "order_ref": "DD20260501",
        "product_ref": "空调",
    }
    body.update(overrides)
    return body


TEMPLATE = {
    "name": "物流延误致歉",
    "category": "物流配送",
    "body_zh": "{customer_name}您好：您的投诉 {number}（订单 {order}）已处理，已联系物流加急派送并退还运费。",
    "body_en": "Dear {customer_name}, complaint {number} (order {order}) is resolved: the parcel was expedited.",
}


class TemplatesTest(unittest.TestCase):
    def setUp(self):
        self.server = HeedServer().start()
        self.agent = self.server.create_token(role="agent", name="agent.wang")
        self.analyst = self.server.create_token(role="analyst", name="ana")
        self.lead = self.server.create_token(role="team_lead", name="lead.chen")

    def tearDown(self):
        self.server.cleanup()

    def call(self, method, path, body=None, expect=200, **kwargs):
        status, answer, _ = self.server.request(method, path, body, **kwargs)
        self.assertEqual(status, expect, answer)
        return answer

    def file(self, **overrides):
        return self.call("POST", "/api/v1/complaints", complaint(**overrides), expect=201)

    def start_work(self, cid):
        self.call("POST", f"/api/v1/complaints/{cid}/transitions", {"to": "assigned", "assignee": "agent.wang"})
        self.call("POST", f"/api/v1/complaints/{cid}/transitions", {"to": "in_progress"})

    def test_templates_are_validated_and_edited_by_leads_only(self):
        bad = dict(TEMPLATE, body_zh="{customer}您好")
        error = self.call("POST", "/api/v1/templates", bad, expect=422)["error"]
        self.assertEqual(error["field"], "body_zh")
        self.assertIn("unknown placeholder {customer}", error["message"])
        self.assertIn("{customer_name}", error["message"])
        self.assertEqual(self.call("POST", "/api/v1/templates", dict(TEMPLATE, body_en="Dear {name"),
                                   expect=422)["error"]["field"], "body_en")
        self.assertEqual(self.call("POST", "/api/v1/templates", dict(TEMPLATE, colour="red"),
                                   expect=400)["error"]["field"], "colour")
        self.assertEqual(self.call("GET", "/api/v1/templates")["items"], [], "nothing stored by refused requests")

        self.call("POST", "/api/v1/templates", TEMPLATE, expect=403, token=self.agent)
        self.call("POST", "/api/v1/templates", TEMPLATE, expect=403, token=self.analyst)
        created = self.call("POST", "/api/v1/templates", TEMPLATE, expect=201, token=self.lead)
        self.assertEqual(created["placeholders"], ["customer_name", "number", "order"])
        self.assertEqual(created["version"], 1)
        tid = created["id"]
        listed = self.call("GET", "/api/v1/templates?category=" + urllib.parse.quote("物流配送"), token=self.agent)
        self.assertEqual([t["id"] for t in listed["items"]], [tid])
        self.assertIn("amount", listed["placeholders"])
        self.assertEqual(self.call("GET", "/api/v1/templates?category=" + urllib.parse.quote("安装服务"), token=self.analyst)["items"], [])

        changed = dict(TEMPLATE, name="物流延误致歉（二版）", version=1)
        self.call("PUT", f"/api/v1/templates/{tid}", changed, expect=403, token=self.agent)
        updated = self.call("PUT", f"/api/v1/templates/{tid}", changed, token=self.lead)
        self.assertEqual((updated["version"], updated["updated_by"]), (2, "lead.chen"))
        self.call("PUT", f"/api/v1/templates/{tid}", changed, expect=409)
        self.call("PUT", f"/api/v1/templates/{tid}", dict(changed, version=2, body_zh="{amount"), expect=422)
        self.assertEqual(self.call("GET", f"/api/v1/templates/{tid}")["name"], "物流延误致歉（二版）")
        self.call("DELETE", f"/api/v1/templates/{tid}", expect=403, token=self.agent)
        self.call("DELETE", f"/api/v1/templates/{tid}", expect=204, token=self.lead)
        self.call("GET", f"/api/v1/templates/{tid}", expect=404)

        # Every edit is in the audit chain, which still verifies.
        self.server.stop()
        verified = run_cli("audit", "verify", "--db", self.server.db_path)
        self.assertIn("ok", verified.stdout.lower())

    def test_rendered_in_the_customers_language_used_to_resolve_and_rated_through_the_survey(self):
        tid = self.call("POST", "/api/v1/templates", TEMPLATE, expect=201)["id"]
        chinese = self.file()
        english = self.file(subject="Parcel a week late", description="My air conditioner has not arrived.",
                            customer={"name": "Emma Brown", "email": "emma@example.com"})
        zh = self.call("POST", f"/api/v1/templates/{tid}/render", {"complaint_id": chinese["id"]}, token=self.agent)
        self.assertEqual(zh["language"], "zh")
        self.assertEqual(zh["text"], f"张伟您好：您的投诉 {chinese['number']}（订单 DD20260501）已处理，已联系物流加急派送并退还运费。")
        en = self.call("POST", f"/api/v1/templates/{tid}/render", {"complaint_id": english["id"]}, token=self.agent)
        self.assertEqual(en["language"], "en")
        self.assertEqual(en["text"], f"Dear Emma Brown, complaint {english['number']} (order DD20260501) is resolved: "
                                     "the parcel was expedited.")
        self.assertEqual(self.call("GET", f"/api/v1/templates/{tid}")["stats"]["uses"], 0, "rendering records nothing")
        self.call("POST", f"/api/v1/templates/{tid}/render", {"complaint_id": chinese["id"]}, expect=403,
                  token=self.analyst)

        # A reply, then the resolution, with the template.
        self.start_work(chinese["id"])
        replied = self.call("POST", f"/api/v1/templates/{tid}/apply",
                            {"complaint_id": chinese["id"], "as": "reply"}, token=self.agent)
        self.assertEqual(replied["message"]["direction"], "outbound")
        self.assertEqual(replied["message"]["body"], zh["text"])
        resolved = self.call("POST", f"/api/v1/templates/{tid}/apply",
                             {"complaint_id": chinese["id"], "as": "resolution"}, token=self.agent)
        self.assertEqual(resolved["complaint"]["status"], "resolved")
        self.assertEqual(resolved["complaint"]["resolution_summary"], zh["text"])
        # Refused by the workflow (a new complaint cannot be resolved): no use is counted.
        self.call("POST", f"/api/v1/templates/{tid}/apply", {"complaint_id": english["id"], "as": "resolution"},
                  expect=422, token=self.agent)
        stats = self.call("GET", f"/api/v1/templates/{tid}")["stats"]
        self.assertEqual((stats["uses"], stats["replies"], stats["resolutions"], stats["resolved_complaints"]),
                         (2, 1, 1, 1))
        self.assertEqual(stats["csat"], {"mean": None, "n": 0})

        # The customer answers the survey: the template's satisfaction moves.
        survey = self.call("POST", "/api/v1/surveys", {"complaint_id": chinese["id"]}, expect=201)
        status, _, _ = self.server.request("POST", survey["url"], {"csat": 4, "nps": 9}, token=None)
        self.assertEqual(status, 201)
        stats = self.call("GET", f"/api/v1/templates/{tid}", token=self.analyst)["stats"]
        self.assertEqual(stats["csat"], {"mean": 4.0, "n": 1})

    def test_a_missing_order_needs_the_agents_own_text(self):
        tid = self.call("POST", "/api/v1/templates", TEMPLATE, expect=201)["id"]
        filed = self.file(order_ref="")
        self.start_work(filed["id"])
        refused = self.call("POST", f"/api/v1/templates/{tid}/apply", {"complaint_id": filed["id"]}, expect=400,
                            token=self.agent)
        self.assertEqual(refused["error"]["field"], "text")
        self.assertIn("{order}", refused["error"]["message"])
        own = self.call("POST", f"/api/v1/templates/{tid}/apply",
                        {"complaint_id": filed["id"], "as": "reply", "text": "张伟您好，已为您加急处理。"}, token=self.agent)
        self.assertEqual(own["message"]["body"], "张伟您好，已为您加急处理。")

    def test_suggestions_return_the_best_template_and_the_similar_resolved_complaint(self):
        best = self.call("POST", "/api/v1/templates", TEMPLATE, expect=201)["id"]
        self.call("POST", "/api/v1/templates", dict(TEMPLATE, name="安装致歉", category="安装服务"), expect=201)
        generic = self.call("POST", "/api/v1/templates", dict(TEMPLATE, name="通用致歉", category=""), expect=201)["id"]
        similar = self.file(description="6月2日买的空调，物流信息一直没有更新，快一周了还没送到，要求退款。")
        self.start_work(similar["id"])
        self.call("POST", f"/api/v1/complaints/{similar['id']}/transitions",
                  {"to": "resolved", "resolution_summary": "联系物流加急派送，退还运费 20 元"})
        survey = self.call("POST", "/api/v1/surveys", {"complaint_id": similar["id"]}, expect=201)
        self.assertEqual(self.server.request("POST", survey["url"], {"csat": 5}, token=None)[0], 201)
        unrelated = self.file(subject="安装师傅乱收费", description="空调安装师傅态度恶劣，额外收了两百元安装费。",
                              product_ref="冰箱")
        self.start_work(unrelated["id"])
        self.call("POST", f"/api/v1/complaints/{unrelated['id']}/transitions",
                  {"to": "resolved", "resolution_summary": "退还安装费"})
        mine = self.file()

        found = self.call("GET", f"/api/v1/complaints/{mine['id']}/suggestions", token=self.agent)
        self.assertEqual([t["id"] for t in found["templates"]], [best, generic])
        self.assertTrue(found["templates"][0]["same_category"])
        self.assertEqual(found["candidates_weighed"], 2)
        top = found["similar"][0]
        self.assertEqual(top["id"], similar["id"])
        self.assertEqual(top["resolution_summary"], "联系物流加急派送，退还运费 20 元")
        self.assertEqual(top["csat"], 5)
        self.assertTrue(top["same_product"])
        self.assertGreater(top["similarity"], 0.2)
        self.assertNotIn(mine["id"], [s["id"] for s in found["similar"]])
        self.call("GET", f"/api/v1/complaints/{mine['id']}/suggestions", expect=403, token=self.analyst)

    def test_links_are_on_both_complaints_and_a_merged_duplicate_is_referenced_from_its_primary(self):
        primary = self.file()
        related = self.file(subject="同一订单的发票问题", description="同一订单的发票一直没有开。")
        duplicate = self.file(customer={"name": "张伟", "phone": "13812341234"},
                              description="空调还没到，重复投诉一次。")
        self.call("POST", f"/api/v1/complaints/{duplicate['id']}/messages",
                  {"direction": "inbound", "body": "我又打了电话"}, expect=201)

        linked = self.call("POST", f"/api/v1/complaints/{primary['id']}/links",
                           {"complaint_id": related["id"], "reason": "同一订单"}, expect=201, token=self.agent)
        self.assertEqual([l["id"] for l in linked["links"]["related"]], [related["id"]])
        other = self.call("GET", f"/api/v1/complaints/{related['id']}")
        self.assertEqual([(l["id"], l["reason"]) for l in other["links"]["related"]], [(primary["id"], "同一订单")])
        self.call("POST", f"/api/v1/complaints/{related['id']}/links",
                  {"complaint_id": primary["id"], "reason": "again"}, expect=409)
        self.call("POST", f"/api/v1/complaints/{primary['id']}/links",
                  {"complaint_id": related["id"], "reason": "x"}, expect=403, token=self.analyst)
        self.call("POST", f"/api/v1/complaints/{primary['id']}/links", {"complaint_id": related["id"]}, expect=400)

        merged = self.call("POST", f"/api/v1/complaints/{duplicate['id']}/merge",
                           {"into": primary["id"], "reason": "重复提交"}, token=self.agent)
        self.assertEqual(merged["status"], "merged")
        self.assertEqual(merged["links"]["merged_into"], primary["id"])
        after = self.call("GET", f"/api/v1/complaints/{primary['id']}")
        self.assertEqual(after["links"]["merged_from"], [duplicate["id"]])
        links = self.call("GET", f"/api/v1/complaints/{primary['id']}/links")
        self.assertEqual([l["id"] for l in links["related"]], [related["id"]])
        self.assertEqual(len(links["merged_from"]), 1)
        self.assertEqual(links["merged_from"][0]["number"], duplicate["number"])
        self.assertEqual(links["merged_from"][0]["customer_name"], "张伟")
        self.assertEqual(links["merged_from"][0]["messages"], 1)
        self.assertEqual(self.call("GET", f"/api/v1/complaints/{duplicate['id']}/links")["merged_into"]["id"],
                         primary["id"])
        primary_events = self.call("GET", f"/api/v1/complaints/{primary['id']}/events")["items"]
        self.assertIn(("linked", "merged_from", str(duplicate["id"])),
                      [(e["kind"], e["field"], e["after"]) for e in primary_events])
        duplicate_events = self.call("GET", f"/api/v1/complaints/{duplicate['id']}/events")["items"]
        self.assertIn(("linked", "merged_into", str(primary["id"])),
                      [(e["kind"], e["field"], e["after"]) for e in duplicate_events])
        self.assertIn(("status_changed", "merged"), [(e["kind"], e["after"]) for e in duplicate_events])
        third = self.file()
        self.assertEqual(self.call("POST", f"/api/v1/complaints/{third['id']}/merge",
                                   {"into": duplicate["id"], "reason": "x"}, expect=400)["error"]["field"], "into")

        unlinked = self.call("DELETE", f"/api/v1/complaints/{related['id']}/links/{primary['id']}",
                             {"reason": "不是同一订单"})
        self.assertEqual(unlinked["links"]["related"], [])
        self.assertEqual(self.call("GET", f"/api/v1/complaints/{primary['id']}")["links"]["related"], [])
        self.call("DELETE", f"/api/v1/complaints/{related['id']}/links/{primary['id']}", {"reason": "x"}, expect=404)

    def test_another_tenant_sees_and_uses_none_of_it(self):
        tid = self.call("POST", "/api/v1/templates", TEMPLATE, expect=201)["id"]
        mine = self.file()
        theirs = self.file()
        run_cli("tenant", "add", "acme", "--db", self.server.db_path)
        other = run_cli("token", "create", "--db", self.server.db_path, "--tenant", "acme", "--role", "admin",
                        "--name", "acme.admin").stdout.strip().splitlines()[-1]
        self.assertEqual(self.call("GET", "/api/v1/templates", token=other)["items"], [])
        self.call("GET", f"/api/v1/templates/{tid}", expect=404, token=other)
        self.call("PUT", f"/api/v1/templates/{tid}", dict(TEMPLATE, version=1), expect=404, token=other)
        self.call("POST", f"/api/v1/templates/{tid}/render", {"complaint_id": mine["id"]}, expect=404, token=other)
        self.call("GET", f"/api/v1/complaints/{mine['id']}/suggestions", expect=404, token=other)
        self.call("POST", f"/api/v1/complaints/{mine['id']}/links", {"complaint_id": theirs["id"], "reason": "x"},
                  expect=404, token=other)
        self.call("POST", f"/api/v1/complaints/{mine['id']}/merge", {"into": theirs["id"], "reason": "x"},
                  expect=404, token=other)
        self.call("DELETE", f"/api/v1/templates/{tid}", expect=404, token=other)
        self.assertEqual(self.call("GET", f"/api/v1/templates/{tid}")["version"], 1)
        self.assertEqual(self.call("GET", f"/api/v1/complaints/{mine['id']}")["version"], 1)

    def test_demo_has_templates_with_use_and_satisfaction_links_and_merges(self):
        self.server.stop()
        result = run_cli("demo", "--db", self.server.db_path, "--count", "600", "--seed", "3",
                         "--now", "2024-06-30T08:00:00Z")
        self.assertRegex(result.stdout, r"Resolution: 9 solution templates used [1-9]\d* times \([1-9]\d* on complaints "
                                        r"with a survey answer\), [1-9]\d* related complaints linked, [1-9]\d* duplicates merged")
        self.server.start()
        items = self.call("GET", "/api/v1/templates")["items"]
        self.assertEqual(len(items), 9)
        self.assertEqual({bool(t["body_zh"]) and bool(t["body_en"]) for t in items}, {True})
        self.assertGreater(len({t["category"] for t in items}), 5)
        rated = [t for t in items if t["stats"]["csat"]["n"] > 0]
        self.assertTrue(rated)
        for t in rated:
            self.assertGreaterEqual(t["stats"]["csat"]["mean"], 1)
            self.assertLessEqual(t["stats"]["csat"]["mean"], 5)
            self.assertLessEqual(t["stats"]["csat"]["n"], t["stats"]["resolved_complaints"])
        merged = [m for m in self.call("GET", "/api/v1/complaints?status=merged&limit=50")["items"]
                  if m["links"]["merged_into"]]
        self.assertEqual(len(merged), 2)
        for m in merged:
            primary = self.call("GET", f"/api/v1/complaints/{m['links']['merged_into']}")
            self.assertIn(m["id"], primary["links"]["merged_from"])
        linked = [c for c in self.call("GET", "/api/v1/complaints?limit=200")["items"] if c["links"]["related"]]
        self.assertGreaterEqual(len(linked), 2)


if __name__ == "__main__":
    unittest.main()
