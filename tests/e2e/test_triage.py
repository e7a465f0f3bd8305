"""Intake triage through the real binary: the intake answer carries the triage with its sources, rules created over
the API take effect on the next intake, repeats and incident clusters are linked, corrections become labels."""

import unittest
import urllib.parse

import os
import re
import tempfile

from heed_server import HeedServer, run_cli


def complaint(phone, subject, description, **extra):
    body = {"customer": {"name": "顾客", "phone": phone}, "channel": "app", "subject": subject,
            "description": description}
    body.update(extra)
    return body


class TriageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HeedServer().start()  # its token is a manager's
        cls.agent = cls.server.create_token(role="agent", name="agent.wu")
        cls.analyst = cls.server.create_token(role="analyst", name="analyst.he")

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def file(self, body, token=""):
        status, answer, _ = self.server.request("POST", "/api/v1/complaints", body, token=token)
        self.assertEqual(status, 201, answer)
        return answer

    def events(self, cid):
        status, body, _ = self.server.request("GET", f"/api/v1/complaints/{cid}/events")
        self.assertEqual(status, 200)
        return body["items"]

    def test_the_intake_answer_carries_the_triage_with_the_source_of_each_field(self):
        answer = self.file(complaint("13800000001", "热水壶起火",
                                     "热水壶使用时突然起火，孩子的手被烫伤，我已经联系了记者，还要投诉到１２３１５。",
                                     category="产品质量"))
        for key in ("category", "urgency", "severity", "service_stage", "sentiment_score", "risk_flags",
                    "field_sources", "confidence", "triage"):
            self.assertIn(key, answer)
        self.assertEqual(answer["urgency"], "urgent")
        self.assertEqual(set(answer["risk_flags"]), {"safety", "media", "regulator"})
        self.assertEqual(answer["field_sources"]["urgency"], "rule")
        self.assertEqual(answer["field_sources"]["risk_flags"], "rule")
        self.assertEqual(answer["field_sources"]["category"], "person")
        self.assertEqual(answer["category"], "产品质量")
        self.assertIn("12315", answer["triage"]["risk_terms"])
        # The shipped text models set severity with a calibrated confidence; what no model, rule or person set
        # (the service stage) waits for a person, and the complaint is in the triage queue.
        self.assertEqual(answer["field_sources"]["severity"], "model")
        self.assertGreater(answer["triage"]["confidences"]["severity"], 0.0)
        self.assertLessEqual(answer["triage"]["confidences"]["severity"], 1.0)
        self.assertTrue(answer["triage"]["needs_review"])
        self.assertIn("service_stage", answer["triage"]["review_fields"])
        kinds = [(e["kind"], e["field"]) for e in self.events(answer["id"])]
        self.assertIn(("triaged", "urgency"), kinds)
        # No sentiment model ships: the sentiment lexicons read the text, and their score is set as a rule.
        angry = self.file(complaint("13800000009", "客服态度太差", "客服态度太差，骗子公司，非常不满意！"))
        self.assertLess(angry["sentiment_score"], -0.5)
        self.assertEqual(angry["field_sources"]["sentiment"], "rule")
        self.assertNotIn("sentiment", angry["triage"]["review_fields"])
        notes = [e["note"] for e in self.events(angry["id"]) if e["kind"] == "triaged" and e["field"] == "sentiment"]
        self.assertEqual(len(notes), 1)
        self.assertTrue(notes[0].startswith("sentiment lexicon: 太差"), notes)
        status, queue, _ = self.server.request("GET", "/api/v1/complaints?queue=triage&limit=500")
        self.assertEqual(status, 200)
        self.assertIn(answer["id"], [c["id"] for c in queue["items"]])
        status, error, _ = self.server.request("GET", "/api/v1/complaints?queue=everything")
        self.assertEqual((status, error["error"]["field"]), (400, "queue"))

    def test_a_rule_created_through_the_api_takes_effect_on_the_next_intake(self):
        text = "冷链配送的牛排到货时已经变质发臭，冰袋全化了。"
        before = self.file(complaint("13800000002", "生鲜变质", text))
        self.assertEqual(before["field_sources"]["category"], "model")  # no rule yet: the text model's guess
        rule = {"name": "生鲜变质", "priority": 10,
                "when": {"keywords_all": ["冷链", "变质"], "channels": ["app", "web"], "regex": "牛排.{0,8}变质"},
                "then": {"set": {"category": "产品质量", "severity": 4}, "add_tags": ["食品安全"],
                         "risk_flags": ["safety"], "escalate": True, "team": "食品安全组"}}
        status, error, _ = self.server.request("POST", "/api/v1/rules", rule, token=self.agent)
        self.assertEqual(status, 403, error)
        status, created, headers = self.server.request("POST", "/api/v1/rules", rule)
        self.assertEqual(status, 201, created)
        self.assertEqual(headers["Location"], f"/api/v1/rules/{created['id']}")
        after = self.file(complaint("13800000003", "生鲜变质", text))
        self.assertEqual(after["category"], "产品质量")
        self.assertEqual(after["severity"], 4)
        self.assertEqual(after["urgency"], "urgent")
        self.assertEqual(after["team"], "食品安全组")
        self.assertIn("食品安全", after["tags"])
        self.assertIn("safety", after["risk_flags"])
        for field in ("category", "severity", "urgency", "tags", "risk_flags"):
            self.assertEqual(after["field_sources"][field], "rule", field)
        self.assertIn(("escalated", "request"), [(e["kind"], e["field"]) for e in self.events(after["id"])])
        # Staff read rules; a change needs the version; a deleted rule stops applying.
        status, listed, _ = self.server.request("GET", "/api/v1/rules", token=self.agent)
        self.assertEqual(status, 200)
        self.assertIn(created["id"], [r["id"] for r in listed["items"]])
        rule["then"] = {"add_tags": ["生鲜"]}
        status, replaced, _ = self.server.request("PUT", f"/api/v1/rules/{created['id']}", dict(rule, version=1))
        self.assertEqual((status, replaced.get("version")), (200, 2), replaced)
        status, stale, _ = self.server.request("PUT", f"/api/v1/rules/{created['id']}", dict(rule, version=1))
        self.assertEqual(status, 409, stale)
        third = self.file(complaint("13800000004", "生鲜变质", text))
        self.assertEqual(third["field_sources"]["category"], "model")
        self.assertIn("生鲜", third["tags"])
        status, _, _ = self.server.request("DELETE", f"/api/v1/rules/{created['id']}")
        self.assertEqual(status, 204)
        self.assertEqual(self.server.request("GET", f"/api/v1/rules/{created['id']}")[0], 404)

    def test_bad_rules_are_refused_with_the_field_and_nothing_is_stored(self):
        status, before, _ = self.server.request("GET", "/api/v1/rules")
        good = {"name": "x", "when": {"keywords_any": ["退款"]}, "then": {"add_tags": ["退款"]}}
        cases = [
            (dict(good, then={"set": {"status": "closed"}}), "then.set.status"),
            (dict(good, when={"regex": "(退款)\\1"}), "when.regex"),
            (dict(good, when={"regex": "(unclosed"}), "when.regex"),
            (dict(good, then={}), "then"),
            (dict(good, when={}), "when"),
            (dict(good, when={"keywords_any": ["退款"], "colour": "red"}), "when.colour"),
            (dict(good, then={"risk_flags": ["weather"]}), "then.risk_flags"),
            ({"when": good["when"], "then": good["then"]}, "name"),
        ]
        for rule, field in cases:
            status, error, _ = self.server.request("POST", "/api/v1/rules", rule)
            self.assertEqual(status, 400, (rule, error))
            self.assertEqual(error["error"]["code"], "invalid_argument")
            self.assertEqual(error["error"]["field"], field, error)
        status, after, _ = self.server.request("GET", "/api/v1/rules")
        self.assertEqual(before["items"], after["items"])

    def test_repeats_are_linked_and_the_third_is_counted(self):
        first = self.file(complaint("13800000010", "快递延误", "第一次：快递五天没到", category="物流配送"))
        second = self.file(complaint("13800000010", "又延误", "第二次：新订单还是没到", category="物流配送"))
        third = self.file(complaint("138-0000-0010", "第三次", "第三次延误，太失望了", category="物流配送"))
        self.assertIsNone(first["links"]["repeat_of"])
        self.assertEqual(second["links"]["repeat_of"], first["id"])
        self.assertEqual(third["links"]["repeat_of"], second["id"])
        self.assertEqual(third["triage"]["repeat_count"], 2)
        self.assertIn(("linked", "repeat_of"), [(e["kind"], e["field"]) for e in self.events(third["id"])])

    def test_near_identical_text_from_several_customers_forms_a_cluster(self):
        text = "新买的空调安装后第二天就开始漏水，墙面被泡坏了，售后说要等两周才能上门，太不负责任了。"
        ids = [self.file(complaint(f"1390000002{i}", "空调漏水", text))["id"] for i in range(3)]
        status, third, _ = self.server.request("GET", f"/api/v1/complaints/{ids[2]}")
        cluster = third["links"]["incident_cluster"]
        self.assertTrue(cluster.startswith("IC-TS"), third["links"])
        self.assertIn("mass_incident", third["risk_flags"])
        status, first, _ = self.server.request("GET", f"/api/v1/complaints/{ids[0]}")
        self.assertEqual(first["links"]["incident_cluster"], cluster)
        status, clusters, _ = self.server.request("GET", "/api/v1/clusters?days=7")
        self.assertEqual(status, 200)
        found = [c for c in clusters["items"] if c["id"] == cluster]
        self.assertEqual(len(found), 1, clusters)
        self.assertEqual((found[0]["complaints"], found[0]["customers"]), (3, 3))
        status, members, _ = self.server.request("GET", f"/api/v1/clusters/{cluster}", token=self.agent)
        self.assertEqual((status, members["complaints"]), (200, ids))

    def test_a_correction_is_exported_as_a_label_for_training(self):
        answer = self.file(complaint("13800000030", "运费多收", "结算时多收了十元运费，要求退回。"))
        self.assertEqual(answer["field_sources"]["category"], "model")
        correct = "价格争议" if answer["category"] != "价格争议" else "服务态度"
        status, patched, _ = self.server.request(
            "PATCH", f"/api/v1/complaints/{answer['id']}", {"version": answer["version"], "category": correct})
        self.assertEqual(status, 200, patched)
        self.assertEqual(patched["field_sources"]["category"], "person")
        self.assertNotIn("category", patched["triage"]["review_fields"])
        status, labels, _ = self.server.request("GET", "/api/v1/triage/labels", token=self.analyst)
        self.assertEqual(status, 200, labels)
        mine = [l for l in labels["items"] if l["complaint_id"] == answer["id"]]
        self.assertEqual(len(mine), 1, labels)
        self.assertEqual((mine[0]["field"], mine[0]["label"]), ("category", correct))
        self.assertIn("多收了十元运费", mine[0]["text"])
        self.assertEqual(self.server.request("GET", "/api/v1/triage/labels", token=self.agent)[0], 403)

    def test_public_form_intake_is_triaged_too(self):
        status, answer, _ = self.server.request(
            "POST", "/api/v1/public/complaints",
            {"customer": {"name": "王", "phone": "13800000040"}, "subject": "要起诉",
             "description": "你们不退款我就请律师去法院起诉"}, token=None)
        self.assertEqual(status, 201, answer)
        status, page, _ = self.server.request("GET", "/api/v1/complaints?q=" + urllib.parse.quote("律师"))
        found = [c for c in page["items"] if c["number"] == answer["number"]]
        self.assertEqual(len(found), 1)
        self.assertIn("legal", found[0]["risk_flags"])
        self.assertEqual(found[0]["urgency"], "urgent")

    def test_thresholds_are_a_tenant_setting(self):
        status, settings, _ = self.server.request("PUT", "/api/v1/triage/settings", {"thresholds": {"category": 0.8}})
        self.assertEqual(status, 200, settings)
        self.assertEqual(settings["thresholds"]["category"], 0.8)
        status, error, _ = self.server.request("PUT", "/api/v1/triage/settings", {"thresholds": {"category": 2}})
        self.assertEqual((status, error["error"]["field"]), (400, "thresholds.category"))
        status, _, _ = self.server.request("PUT", "/api/v1/triage/settings", {"thresholds": {"category": 0.5}},
                                           token=self.agent)
        self.assertEqual(status, 403)


class DemoTriageTest(unittest.TestCase):
    def test_the_demo_shows_rules_risk_flags_repeats_and_a_cluster(self):
        with tempfile.TemporaryDirectory(prefix="heed-e2e-") as tmp:
            db = os.path.join(tmp, "demo.db")
            out = run_cli("demo", "--db", db, "--count", "40", "--now", "2024-06-30T08:00:00Z").stdout
            match = re.search(r"Triage: 2 rules, (\d+) new complaints \((\d+) with risk flags, (\d+) repeats, "
                              r"incident cluster (IC-TS\d+) of 4 customers", out)
            self.assertIsNotNone(match, out)
            with HeedServer(db_path=db) as server:
                status, rules, _ = server.request("GET", "/api/v1/rules")
                self.assertEqual(len(rules["items"]), 2)
                status, clusters, _ = server.request("GET", "/api/v1/clusters?days=3650")
                # The triage part's cluster; the early-warning part's parcel surge forms clusters of its own.
                self.assertIn((match.group(4), 4), [(c["id"], c["customers"]) for c in clusters["items"]])
                status, page, _ = server.request("GET", "/api/v1/complaints?queue=triage&limit=50")
                items = page["items"]
                self.assertTrue(any(c["triage"]["repeat_count"] == 2 for c in items))
                self.assertTrue(any("mass_incident" in c["risk_flags"] for c in items))
                self.assertTrue(any(c["field_sources"].get("category") == "rule" for c in items))
                self.assertTrue(any(c["triage"]["fraud_score"] > 0 for c in items))
                self.assertTrue(any(c["links"]["duplicate_of"] for c in items))


if __name__ == "__main__":
    unittest.main()
