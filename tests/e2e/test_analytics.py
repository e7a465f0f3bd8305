"""End-to-end tests of analytics through the real binary: forecast CLI, KPI, report and export APIs."""

import csv
import html.parser
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from xml.etree import ElementTree

from heed_server import HeedServer, run_cli

HERE = os.path.dirname(os.path.abspath(__file__))
SERIES = os.path.join(HERE, "..", "data", "daily_series.csv")


class ForecastCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="heed-analytics-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_forecast_continues_the_series_with_its_weekly_pattern(self):
        out = run_cli("forecast", "--series", SERIES, "--horizon", "14").stdout
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertEqual(list(rows[0].keys()), ["date", "forecast", "lower", "upper"])
        self.assertEqual(len(rows), 14)
        self.assertEqual(rows[0]["date"], "2024-05-13")  # the day after the series ends (a Monday)
        self.assertEqual(rows[-1]["date"], "2024-05-26")
        for row in rows:
            self.assertLessEqual(float(row["lower"]), float(row["forecast"]))
            self.assertLessEqual(float(row["forecast"]), float(row["upper"]))
        weekdays = [float(r["forecast"]) for r in rows[:5]]
        weekend = [float(r["forecast"]) for r in rows[5:7]]
        self.assertTrue(all(36 <= v <= 44 for v in weekdays), weekdays)
        self.assertTrue(all(7 <= v <= 14 for v in weekend), weekend)

    def test_forecast_adds_agents_with_a_handling_time(self):
        out = run_cli("forecast", "--series", SERIES, "--horizon", "7", "--aht-minutes", "30").stdout
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertIn("agents", rows[0])
        self.assertGreater(int(rows[0]["agents"]), int(rows[5]["agents"]))  # Monday needs more than Saturday

    def test_bad_series_is_refused_with_the_line(self):
        bad = os.path.join(self.tmp, "bad.csv")
        with open(bad, "w") as f:
            f.write("date,count\n2024-05-01,3\n2024-05-02,many\n")
        result = run_cli("forecast", "--series", bad, "--horizon", "7", check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("line 3", result.stderr)
        self.assertEqual(result.stdout, "")
        missing = run_cli("forecast", "--series", os.path.join(self.tmp, "none.csv"), check=False)
        self.assertEqual(missing.returncode, 3)


class KpiApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HeedServer(role="analyst")
        run_cli("demo", "--db", cls.server.db_path, "--count", "400", "--seed", "3", "--now", "2024-06-30T08:00:00Z")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def count_received(self, start, end):
        total, path = 0, f"/api/v1/complaints?limit=500&received_from={start}&received_to={end}"
        while path:
            status, page, _ = self.server.request("GET", path)
            self.assertEqual(status, 200, page)
            total += len(page["items"])
            cursor = page["next_cursor"]
            path = f"/api/v1/complaints?limit=500&received_from={start}&received_to={end}&cursor={cursor}" if cursor else None
        return total

    def test_kpis_of_a_month_count_what_the_list_counts_and_groups_add_up(self):
        start, end = "2024-05-01T00:00:00Z", "2024-06-01T00:00:00Z"
        status, body, _ = self.server.request("GET", f"/api/v1/analytics/kpis?from={start}&to={end}&group_by=agent")
        self.assertEqual(status, 200, body)
        total = body["total"]
        self.assertEqual(total["received"], self.count_received(start, end))
        self.assertGreater(total["received"], 0)
        self.assertEqual(sum(g["received"] for g in body["groups"]), total["received"])
        self.assertGreater(total["first_response_time"]["n"], 0)
        self.assertIsNotNone(total["first_response_time"]["median_hours"])
        self.assertEqual(total["csat"]["target"]["target"], 4.2)
        self.assertEqual(total["resolution_rate"]["target"]["target"], 0.95)
        self.assertEqual(total["repeat_rate"]["target"]["comparison"], "<=")
        self.assertEqual(total["nps"]["target"]["target"], 40)

        status, drill, _ = self.server.request("GET", f"/api/v1/analytics/kpis/drill?kpi=escalation_rate&from={start}&to={end}&limit=5")
        self.assertEqual(status, 200, drill)
        self.assertEqual(drill["total"], total["escalation_rate"]["denominator"])
        self.assertEqual(len(drill["items"]), 5)
        status, one, _ = self.server.request("GET", f"/api/v1/complaints/{drill['items'][0]['id']}")
        self.assertEqual(status, 200)
        self.assertEqual(one["number"], drill["items"][0]["number"])

    def test_a_new_complaint_shows_at_once(self):
        start, end = "2024-06-30T00:00:00Z", "2030-01-01T00:00:00Z"
        status, before, _ = self.server.request("GET", f"/api/v1/analytics/kpis?from={start}&to={end}")
        self.assertEqual(status, 200, before)
        status, filed, _ = self.server.request("POST", "/api/v1/complaints", {
            "customer": {"name": "王芳", "phone": "13900001111"}, "channel": "phone", "subject": "退款未到账",
            "description": "退款一周了还没有到账。"}, token=self.server.create_token(role="agent"))
        self.assertEqual(status, 201, filed)
        status, after, _ = self.server.request("GET", f"/api/v1/analytics/kpis?from={start}&to={end}")
        self.assertEqual(after["total"]["received"], before["total"]["received"] + 1)

    def test_forecast_api_and_refusals(self):
        status, body, _ = self.server.request("GET", "/api/v1/analytics/forecast?horizon=14&aht_minutes=20")
        self.assertEqual(status, 200, body)
        self.assertEqual(len(body["forecast"]), 14)
        self.assertIn("agents", body["forecast"][0])
        status, body, _ = self.server.request("GET", "/api/v1/analytics/kpis?group_by=planet")
        self.assertEqual((status, body["error"]["field"]), (400, "group_by"))
        status, body, _ = self.server.request("GET", "/api/v1/analytics/kpis?from=yesterday")
        self.assertEqual((status, body["error"]["field"]), (400, "from"))
        status, body, _ = self.server.request("GET", "/api/v1/analytics/kpis/drill?kpi=happiness")
        self.assertEqual((status, body["error"]["field"]), (400, "kpi"))
        agent = self.server.create_token(role="agent")
        status, body, _ = self.server.request("GET", "/api/v1/analytics/kpis", token=agent)
        self.assertEqual(status, 403)

    def test_monthly_report_as_json_and_self_contained_html(self):
        status, report, _ = self.server.request("GET", "/api/v1/reports/monthly?month=2024-05&format=json&lang=en")
        self.assertEqual(status, 200, report)
        self.assertEqual(report["month"], "2024-05")
        self.assertEqual(report["sample_size"], self.count_received("2024-05-01T00:00:00Z", "2024-06-01T00:00:00Z"))
        self.assertEqual(len(report["top_problems"]), 3)
        counts = [p["count"] for p in report["problems"]]
        self.assertEqual(counts, sorted(counts, reverse=True))
        self.assertEqual(sum(counts), report["sample_size"])
        self.assertEqual(len(report["daily"]), 31)
        self.assertEqual(sum(d["count"] for d in report["daily"]), report["sample_size"])
        self.assertTrue(report["next_month_focus"])
        self.assertEqual(report["reporter"], "e2e")
        status, page, headers = self.server.request("GET", "/api/v1/reports/monthly?month=2024-05&format=html")
        self.assertEqual(status, 200)
        self.assertIn("text/html", headers["Content-Type"])
        self.assertIn("客户满意度月度评估报告", page)
        self.assertIn("<svg", page)
        for external in ("http://", "https://", "<script", "<link"):
            self.assertNotIn(external, page.replace('xmlns="http://www.w3.org/2000/svg"', ""))
        WellFormed().feed(page)  # raises on a tag left open or closed out of order
        status, body, _ = self.server.request("GET", "/api/v1/reports/monthly?month=2024-13")
        self.assertEqual((status, body["error"]["field"]), (400, "month"))

    def test_report_command_writes_the_same_report(self):
        out = os.path.join(self.server.tmp, "report.json")
        run_cli("report", "monthly", "--db", self.server.db_path, "--month", "2024-05", "--format", "json", "-o", out,
                "--reporter", "周七")
        with open(out) as f:
            report = json.load(f)
        status, served, _ = self.server.request("GET", "/api/v1/reports/monthly?month=2024-05&format=json")
        self.assertEqual(report["reporter"], "周七")
        self.assertEqual(report["sample_size"], served["sample_size"])
        self.assertEqual(report["problems"], served["problems"])
        html = run_cli("report", "monthly", "--db", self.server.db_path, "--month", "2024-05", "--lang", "en").stdout
        self.assertIn("Monthly customer satisfaction evaluation report", html)
        WellFormed().feed(html)

    def test_monthly_report_as_xlsx_opens(self):
        conn = self.server.connection()
        conn.request("GET", "/api/v1/reports/monthly?month=2024-05&format=xlsx&lang=zh",
                     headers={"Authorization": "Bearer " + self.server.token})
        response = conn.getresponse()
        data = response.read()
        conn.close()
        self.assertEqual(response.status, 200)
        self.assertIn("spreadsheetml", response.getheader("Content-Type"))
        path = os.path.join(self.server.tmp, "report.xlsx")
        with open(path, "wb") as f:
            f.write(data)
        with zipfile.ZipFile(path) as book:
            self.assertIsNone(book.testzip())
            names = book.namelist()
            self.assertIn("xl/workbook.xml", names)
            self.assertEqual(len([n for n in names if n.startswith("xl/charts/chart")]), 2)
            sheets = ElementTree.fromstring(book.read("xl/workbook.xml"))
            titles = [e.get("name") for e in sheets.iter() if e.tag.endswith("}sheet")]
            self.assertEqual(titles, ["月度评估报告", "核心指标", "问题类型", "每日投诉量"])
            strings = book.read("xl/sharedStrings.xml").decode()
            self.assertIn("客户满意度月度评估报告", strings)
        # A real spreadsheet reader opens it: every sheet, the KPI table with its numbers (openpyxl from Debian's
        # python3-openpyxl, run by the interpreter that has it).
        book = read_xlsx(path)
        self.assertEqual([name for name, _ in book], ["月度评估报告", "核心指标", "问题类型", "每日投诉量"])
        sheets = dict(book)
        self.assertTrue(any(isinstance(c, (int, float)) for row in sheets["核心指标"] for c in row if c is not None),
                        sheets["核心指标"][:5])
        daily = [row for row in sheets["每日投诉量"] if row and row[0] is not None]
        self.assertGreaterEqual(len(daily), 28, daily[:3])  # a header and a row per day of May
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office:  # a real spreadsheet application reads it back (installed by the test path of install-deps)
            subprocess.run([office, "--headless", "--convert-to", "csv", "--outdir", self.server.tmp, path],
                           check=True, capture_output=True, timeout=180)
            with open(os.path.join(self.server.tmp, "report.csv"), encoding="utf-8", errors="replace") as f:
                self.assertIn("2024", f.read())


def read_xlsx(path):
    """[(sheet name, rows of cell values)] as openpyxl reads the file, from whichever Python has it."""
    script = ("import json, sys, openpyxl\n"
              "book = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
              "print(json.dumps([[ws.title, [list(r) for r in ws.iter_rows(values_only=True)]] for ws in book],"
              " default=str))")
    for python in (sys.executable, "/usr/bin/python3"):
        done = subprocess.run([python, "-c", script, path], capture_output=True, text=True, timeout=120)
        if done.returncode == 0:
            return json.loads(done.stdout)
        if "No module named 'openpyxl'" not in done.stderr:
            raise AssertionError("openpyxl could not read " + path + ": " + done.stderr)
    raise AssertionError("openpyxl is not installed (Debian: python3-openpyxl; scripts/install-deps.sh)")


class WellFormed(html.parser.HTMLParser):
    """Checks that every element is closed in order (void elements excepted)."""
    VOID = {"meta", "br", "img", "input", "link", "hr", "line", "rect", "polyline"}

    def __init__(self):
        super().__init__()
        self.stack = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            raise AssertionError(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        self.stack.pop()

    def close(self):
        super().close()
        if self.stack:
            raise AssertionError(f"unclosed {self.stack}")

    def feed(self, data):
        super().feed(data)
        self.close()


if __name__ == "__main__":
    unittest.main()
