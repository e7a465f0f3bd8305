"""End-to-end tests of the heed command line: demo, CFPB import, CSV export, migrate, check."""

import csv
import io
import os
import re
import shutil
import tempfile
import time
import unittest
import json

from heed_server import HeedServer, run_cli

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "data", "cfpb_sample.csv")
SHARED_CFPB = os.path.join(HERE, "..", "..", "..", "shared", "data", "cfpb", "complaints_train.csv")


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="heed-cli-")
        self.db = os.path.join(self.tmp, "heed.db")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_demo_creates_complaints_in_every_stage_of_their_lifecycle(self):
        result = run_cli("demo", "--db", self.db, "--count", "1500", "--seed", "7", "--now", "2024-06-30T08:00:00Z")
        self.assertIn("Created 1500 demo complaints", result.stdout)
        # Plus the new complaints that show intake triage (rules, risk flags, repeats, a cluster).
        triaged = int(re.search(r"Triage: \d+ rules, (\d+) new complaints", result.stdout).group(1))
        # The tenant's own category model, from the complaints people categorised, installed beside the database.
        trained = re.search(r"Text models: the tenant's own category model, trained from (\d+) complaints", result.stdout)
        self.assertIsNotNone(trained, result.stdout)
        self.assertGreater(int(trained.group(1)), 100)
        self.assertTrue(os.path.exists(os.path.join(self.db + ".models", "1", "category.model")))
        # And the surge that shows early warning.
        triaged += int(re.search(r"Alerts: (\d+) new complaints", result.stdout).group(1))
        # And the repeated submissions the resolution part files and merges into their complaint.
        merged = int(re.search(r"(\d+) duplicates merged", result.stdout).group(1))
        with HeedServer(db_path=self.db) as server:
            statuses, channels, languages = set(), set(), set()
            path = "/api/v1/complaints?limit=500"
            seen = 0
            while path:
                status, page, _ = server.request("GET", path)
                self.assertEqual(status, 200)
                for c in page["items"]:
                    statuses.add(c["status"])
                    channels.add(c["channel"])
                    languages.add("zh" if any("\u4e00" <= ch <= "\u9fff" for ch in c["description"]) else "en")
                seen += len(page["items"])
                path = f"/api/v1/complaints?limit=500&cursor={page['next_cursor']}" if page["next_cursor"] else None
            self.assertEqual(seen, 1500 + triaged + merged)
            self.assertTrue({"in_progress", "resolved", "follow_up", "closed"} <= statuses, statuses)
            self.assertGreaterEqual(len(statuses), 6, statuses)
            self.assertGreaterEqual(len(channels), 5)
            self.assertEqual(languages, {"zh", "en"})
            status, page, _ = server.request("GET", "/api/v1/complaints?status=closed&limit=1")
            closed = page["items"][0]
            self.assertIsNotNone(closed["first_response_at"])
            status, events, _ = server.request("GET", f"/api/v1/complaints/{closed['id']}/events")
            kinds = [e["kind"] for e in events["items"]]
            self.assertEqual(kinds[:2], ["created", "acknowledged"])
            self.assertIn("message_added", kinds)
            self.assertEqual(events["items"][-1]["after"], "closed")
            stamps = [e["at"] for e in events["items"]]
            self.assertEqual(stamps, sorted(stamps))
            status, found, _ = server.request("GET", "/api/v1/complaints?q=%E7%89%A9%E6%B5%81&limit=5")
            self.assertTrue(found["items"], "the demo data should contain 物流 complaints")

    def test_cfpb_import_keeps_originals_and_reports_rejects_with_reasons(self):
        result = run_cli("import", "--format", "cfpb", "--db", self.db, SAMPLE)
        report = json.loads(result.stdout)
        self.assertEqual((report["rows"], report["imported"], report["rejected"]), (202, 200, 2))
        self.assertTrue(any("Date received" in r for r in report["reasons"]), report["reasons"])
        self.assertTrue(any("Product" in r for r in report["reasons"]), report["reasons"])
        again = json.loads(run_cli("import", "--format", "cfpb", "--db", self.db, SAMPLE).stdout)
        self.assertEqual((again["imported"], again["rejected"]), (0, 202))
        self.assertIn("already imported", " ".join(again["reasons"]))
        with open(SAMPLE, newline="", encoding="utf-8") as f:
            first = next(csv.DictReader(f))
        with HeedServer(db_path=self.db) as server:
            status, page, _ = server.request("GET", "/api/v1/complaints?sort=received_asc&limit=500")
            byref = {c["source_ref"]: c for c in page["items"]}
            imported = byref["cfpb:" + first["Complaint ID"]]
            self.assertEqual(imported["category"], first["Product"])
            self.assertEqual(imported["attributes"]["Company"], first["Company"])
            self.assertEqual(imported["received_at"][:10], first["Date received"])
            self.assertEqual(imported["description"], first["Consumer complaint narrative"])

    def test_export_writes_every_complaint_as_csv(self):
        demo = run_cli("demo", "--db", self.db, "--count", "120").stdout
        triaged = int(re.search(r"Triage: \d+ rules, (\d+) new complaints", demo).group(1))
        triaged += int(re.search(r"Alerts: (\d+) new complaints", demo).group(1))
        triaged += int(re.search(r"(\d+) duplicates merged", demo).group(1))  # the resolution part's repeats
        out = os.path.join(self.tmp, "out.csv")
        run_cli("export", "--format", "csv", "--db", self.db, "--out", out)
        with open(out, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 120 + triaged)
        self.assertTrue(all(r["number"].startswith("TS") for r in rows))
        phones = [r["customer_phone"] for r in rows if r["customer_phone"]]
        self.assertTrue(phones and all("****" in p for p in phones), phones[:3])
        run_cli("export", "--format", "csv", "--db", self.db, "--out", out, "--with-contact-details")
        with open(out, newline="", encoding="utf-8") as f:
            self.assertTrue(any(r["customer_phone"].isdigit() for r in csv.DictReader(f)))

    def test_migrate_and_check_report_on_the_database(self):
        self.assertIn("schema version", run_cli("migrate", "--db", self.db).stdout)
        self.assertEqual(run_cli("check", "--db", self.db).stdout.strip(), "ok")
        bad = run_cli("import", "--db", self.db, os.path.join(self.tmp, "missing.csv"), check=False)
        self.assertNotEqual(bad.returncode, 0)

    @unittest.skipUnless(os.path.exists(SHARED_CFPB), "needs ../shared/data (the CFPB training export)")
    def test_imports_the_whole_cfpb_training_export_in_seconds(self):
        started = time.time()
        # Under the sanitizers on a busy machine this takes minutes (speed is measured by the release benchmarks).
        report = json.loads(run_cli("import", "--format", "cfpb", "--db", self.db, SHARED_CFPB, timeout=900).stdout)
        elapsed = time.time() - started
        self.assertEqual(report["rows"], 14923)
        self.assertEqual(report["imported"] + report["rejected"], 14923)
        self.assertGreater(report["imported"], 14900, report["reasons"][:5])
        print(f"\nimported {report['imported']} CFPB rows in {elapsed:.1f} s")

class BackupTest(unittest.TestCase):
    def test_backup_while_serving_and_restore_round_trip(self):
        with HeedServer() as server:
            ids = []
            for i in range(30):
                status, body, _ = server.request("POST", "/api/v1/complaints", {
                    "customer": {"name": "赵敏", "phone": "13700000000"},
                    "subject": f"退款未到账 {i}", "description": "申请退款两周了还没到账"})
                self.assertEqual(status, 201)
                ids.append((body["id"], body["number"]))
            backup = os.path.join(server.tmp, "backup.db")
            result = run_cli("backup", "--db", server.db_path, "--out", backup)  # the server keeps serving
            self.assertIn("backed up 30 complaints", result.stdout)
            status, _, _ = server.request("POST", "/api/v1/complaints", {
                "customer": {"name": "late"}, "subject": "after the backup", "description": "not in it"})
            self.assertEqual(status, 201)

            restored = os.path.join(server.tmp, "restored.db")
            result = run_cli("restore", "--from", backup, "--db", restored)
            self.assertIn("restored 30 complaints", result.stdout)
            self.assertEqual(run_cli("check", "--db", restored).stdout.strip(), "ok")
            copy = HeedServer(db_path=restored)
            copy.token = server.token  # the key came along, so the same token works on the restored copy
            with copy:
                for cid, number in ids:
                    status, got, _ = copy.request("GET", f"/api/v1/complaints/{cid}")
                    self.assertEqual((status, got["number"]), (200, number))
                _, page, _ = copy.request("GET", "/api/v1/complaints?q=%E9%80%80%E6%AC%BE&limit=100")
                self.assertEqual(len(page["items"]), 30)

    def test_restore_refuses_a_file_that_is_not_a_heed_backup(self):
        tmp = tempfile.mkdtemp(prefix="heed-cli-")
        try:
            junk = os.path.join(tmp, "junk.db")
            with open(junk, "wb") as f:
                f.write(b"this is not a database" * 100)
            result = run_cli("restore", "--from", junk, "--db", os.path.join(tmp, "target.db"), check=False)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("heed:", result.stderr)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class AuditTest(unittest.TestCase):
    def test_audit_verify_passes_then_names_a_complaint_changed_in_the_file(self):
        import sqlite3
        with HeedServer() as server:
            created = []
            for i in range(5):
                status, body, _ = server.request("POST", "/api/v1/complaints", {
                    "customer": {"name": "周杰", "phone": "13600000000"}, "subject": f"审计 {i}",
                    "description": "客服态度很差"})
                self.assertEqual(status, 201)
                created.append(body["id"])
            server.request("POST", f"/api/v1/complaints/{created[0]}/transitions", {"to": "triaged"})
            status, report, _ = server.request("GET", "/api/v1/audit/verify")
            self.assertEqual((status, report["ok"], report["complaints"]), (200, True, 5), report)
            agent = server.create_token(role="agent", name="agent.x")
            self.assertEqual(server.request("GET", "/api/v1/audit/verify", token=agent)[0], 403)

            self.assertIn("ok: ", run_cli("audit", "verify", "--db", server.db_path).stdout)
            db = sqlite3.connect(server.db_path)
            db.execute("UPDATE complaints SET assignee = 'mallory' WHERE id = ?", (created[3],))
            db.commit()
            db.close()
            result = run_cli("audit", "verify", "--db", server.db_path, check=False)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn(f"complaint {created[3]} differs", result.stdout)
            status, report, _ = server.request("GET", "/api/v1/audit/verify")
            self.assertEqual((status, report["ok"]), (409, False))
            self.assertIn(f"complaint {created[3]}", report["problem"])

    def test_users_tokens_sessions_and_exports_are_in_the_chain_and_their_details_are_attested(self):
        import sqlite3
        with HeedServer() as server:
            server.add_user("lead.chen", "a long enough password", role="team_lead", team="east")
            status, _, _ = server.request("POST", "/api/v1/session",
                                          {"username": "lead.chen", "password": "not the password"}, token=None)
            self.assertEqual(status, 401)
            status, _, _ = server.request("POST", "/api/v1/session",
                                          {"username": "lead.chen", "password": "a long enough password"}, token=None)
            self.assertEqual(status, 200)
            token_id = run_cli("token", "create", "--db", server.db_path, "--role", "agent",
                               "--name", "temp").stdout.split()[1]
            run_cli("token", "revoke", "--db", server.db_path, token_id)
            run_cli("export", "--db", server.db_path, "--with-contact-details", "--out",
                    os.path.join(server.tmp, "all.csv"))
            server.stop()
            with sqlite3.connect(server.db_path) as db:
                actions = [row[0] for row in db.execute("SELECT action FROM audit_log ORDER BY seq")]
                user = db.execute("SELECT detail FROM audit_log WHERE action = 'user.created' AND detail LIKE "
                                  "'username=lead.chen%'").fetchone()
            for action in ["token.created", "user.created", "session.failed", "session.created", "token.revoked",
                           "export.csv"]:
                self.assertIn(action, actions)
            self.assertEqual(user[0], "username=lead.chen role=team_lead team=east")
            self.assertEqual(run_cli("audit", "verify", "--db", server.db_path).returncode, 0)
            # Promote the user in the log's own words: the record's MAC no longer matches.
            with sqlite3.connect(server.db_path) as db:
                db.execute("DROP TRIGGER audit_log_append_only_update")
                db.execute("UPDATE audit_log SET detail = 'username=lead.chen role=admin team=east' "
                           "WHERE action = 'user.created' AND detail LIKE 'username=lead.chen%'")
            result = run_cli("audit", "verify", "--db", server.db_path, check=False)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("(user.created user", result.stdout)
            self.assertIn("was altered or inserted", result.stdout)


class PrivacyTest(unittest.TestCase):
    def test_erasure_and_retention_from_the_command_line_and_the_api(self):
        import sqlite3
        with HeedServer() as server:
            ids = []
            for phone in ["13812341234", "138 1234 1234", "13900000000"]:
                status, body, _ = server.request("POST", "/api/v1/complaints", {
                    "customer": {"name": "张伟", "phone": phone}, "subject": "退款未到账",
                    "description": "我的手机号 13812341234，退款十天没到"})
                self.assertEqual(status, 201)
                ids.append(body["id"])
            admin = server.create_token(role="admin", name="dpo")
            status, _, _ = server.request("POST", "/api/v1/erasures", {"contact": "13812341234", "reason": "r"})
            self.assertEqual(status, 403)  # managers do not erase
            status, dry, _ = server.request("POST", "/api/v1/erasures",
                                            {"contact": "13812341234", "reason": "ticket 88", "dry_run": True}, token=admin)
            self.assertEqual((status, dry["matched"], dry["changed"]), (200, 2, 0), dry)
            status, done, _ = server.request("POST", "/api/v1/erasures",
                                             {"contact": "13812341234", "reason": "ticket 88"}, token=admin)
            self.assertEqual((status, done["changed"]), (200, 2))
            _, erased, _ = server.request("GET", f"/api/v1/complaints/{ids[0]}?reveal=contact")
            self.assertEqual((erased["customer"]["phone"], erased["description"]), ("", "[erased]"))
            _, page, _ = server.request("GET", "/api/v1/complaints?q=%E9%80%80%E6%AC%BE")  # 退款
            self.assertEqual([c["id"] for c in page["items"]], [ids[2]])
            self.assertEqual(server.request("GET", "/api/v1/complaints")[1]["items"].__len__(), 3)  # counts intact

            status, policy, _ = server.request("GET", "/api/v1/settings/retention", token=admin)
            self.assertEqual((status, policy["enabled"]), (200, False))
            status, _, _ = server.request("PUT", "/api/v1/settings/retention", {"years": 3, "action": "shred"}, token=admin)
            self.assertEqual(status, 400)
            status, policy, _ = server.request("PUT", "/api/v1/settings/retention", {"years": 3, "action": "delete"},
                                               token=admin)
            self.assertEqual((status, policy["years"], policy["action"]), (200, 3, "delete"))
            status, run, _ = server.request("POST", "/api/v1/retention/run", {"dry_run": True}, token=admin)
            self.assertEqual((status, run["matched"]), (200, 0))  # nothing has ended three years ago
            server.stop()

            shown = run_cli("retention", "show", "--db", server.db_path).stdout
            self.assertIn("delete ended complaints after 3 years", shown)
            report = json.loads(run_cli("erase", "--db", server.db_path, "--contact", "13900000000",
                                        "--reason", "letter 2024-05", "--dry-run").stdout)
            self.assertEqual((report["matched"], report["changed"]), (1, 0))
            report = json.loads(run_cli("erase", "--db", server.db_path, "--contact", "13900000000",
                                        "--reason", "letter 2024-05").stdout)
            self.assertEqual(report["changed"], 1)
            self.assertEqual(run_cli("audit", "verify", "--db", server.db_path).returncode, 0)
            with sqlite3.connect(server.db_path) as db:
                actions = [r[0] for r in db.execute("SELECT action FROM audit_log")]
                bodies = db.execute("SELECT count(*) FROM complaints WHERE description LIKE '%13812341234%'").fetchone()
            self.assertIn("settings.changed", actions)
            self.assertEqual(bodies[0], 0)


if __name__ == "__main__":
    unittest.main()
