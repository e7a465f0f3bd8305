"""End-to-end tests of analytics through the real binary: forecast CLI, KPI, report and export APIs."""

import csv
import datetime
import html.parser
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
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

    def test_times_in_business_hours_of_the_tenants_calendar_beside_calendar_hours(self):
        start, end = "2024-05-01T00:00:00Z", "2024-06-01T00:00:00Z"
        status, body, _ = self.server.request("GET", f"/api/v1/analytics/kpis?from={start}&to={end}&group_by=channel")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["business_calendar"], "office")  # the demo's calendar: weekdays 09–18 in Shanghai
        for total in [body["total"]] + body["groups"]:
            for name in ("first_response_time", "handling_time"):
                calendar, business = total[name], total[name + "_business"]
                self.assertEqual(business["n"], calendar["n"], name)
                if calendar["n"]:  # working time never exceeds elapsed time, complaint by complaint
                    self.assertLessEqual(business["median_hours"], calendar["median_hours"], name)
                    self.assertLessEqual(business["p90_hours"], calendar["p90_hours"], name)
        self.assertLess(body["total"]["handling_time_business"]["median_hours"],
                        body["total"]["handling_time"]["median_hours"])
        status, always, _ = self.server.request("GET", f"/api/v1/analytics/kpis?from={start}&to={end}&calendar=24x7")
        self.assertEqual(status, 200, always)
        self.assertEqual(always["business_calendar"], "24x7")
        self.assertEqual(always["total"]["first_response_time_business"], always["total"]["first_response_time"])
        status, refused, _ = self.server.request("GET", "/api/v1/analytics/kpis?calendar=mars")
        self.assertEqual((status, refused["error"]["field"]), (400, "calendar"))
        status, report, _ = self.server.request("GET", "/api/v1/reports/monthly?month=2024-05&format=json")
        self.assertEqual(status, 200, report)
        self.assertEqual(report["business_calendar"], "office")
        self.assertEqual(report["kpis"]["handling_time_business"], body["total"]["handling_time_business"])
        status, trends, _ = self.server.request(
            "GET", f"/api/v1/analytics/trends?from={start}&to={end}&granularity=month&kpis=handling_time_business")
        self.assertEqual(status, 200, trends)
        self.assertEqual(trends["business_calendar"], "office")
        self.assertEqual(trends["series"][0]["handling_time_business"], body["total"]["handling_time_business"])
        status, page, _ = self.server.request("GET", "/api/v1/reports/monthly?month=2024-05&format=html&lang=en")
        self.assertIn("Handling time (median, business hours)", page)

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

    def test_pareto_of_a_month_matches_the_list_and_the_monthly_report(self):
        start, end = "2024-05-01T00:00:00Z", "2024-06-01T00:00:00Z"
        status, pareto, _ = self.server.request("GET", f"/api/v1/analytics/pareto?from={start}&to={end}")
        self.assertEqual(status, 200, pareto)
        self.assertEqual(pareto["total"], self.count_received(start, end))
        counts = [i["count"] for i in pareto["items"]]
        self.assertEqual(counts, sorted(counts, reverse=True))
        self.assertEqual(sum(counts), pareto["total"])
        self.assertAlmostEqual(pareto["items"][-1]["cumulative_share"], 1.0)
        self.assertAlmostEqual(pareto["items"][0]["share"], counts[0] / pareto["total"])
        self.assertEqual(len(pareto["core_problems"]), 3)
        priorities = [p["priority"] for p in pareto["core_problems"]]
        self.assertEqual(priorities, sorted(priorities, reverse=True))
        self.assertEqual(max(i["priority"] for i in pareto["items"]), priorities[0])
        for item in pareto["items"]:
            self.assertLessEqual(item["customers"], item["count"])
        status, report, _ = self.server.request("GET", "/api/v1/reports/monthly?month=2024-05&format=json")
        self.assertEqual({p["category"]: p["count"] for p in report["problems"]},
                         {i["name"]: i["count"] for i in pareto["items"]})
        top = pareto["items"][0]["name"]
        status, one, _ = self.server.request(
            "GET", f"/api/v1/analytics/pareto?from={start}&to={end}&category={urllib.parse.quote(top)}&by=channel")
        self.assertEqual(status, 200, one)
        self.assertEqual(one["total"], pareto["items"][0]["count"])
        self.assertEqual(one["filters"], {"category": top})
        status, body, _ = self.server.request("GET", "/api/v1/analytics/pareto?by=planet")
        self.assertEqual((status, body["error"]["field"]), (400, "by"))

    def test_trends_by_day_week_and_month_add_up_with_kpis_and_a_heat_map(self):
        start, end = "2024-04-01T00:00:00Z", "2024-07-01T00:00:00Z"
        received = self.count_received(start, end)
        totals = {}
        for granularity, buckets in (("day", 91), ("week", 13), ("month", 3)):
            status, body, _ = self.server.request(
                "GET", f"/api/v1/analytics/trends?from={start}&to={end}&granularity={granularity}&kpis=csat,resolution_rate")
            self.assertEqual(status, 200, body)
            self.assertEqual(len(body["series"]), buckets)
            totals[granularity] = sum(p["received"] for p in body["series"])
            self.assertIn("mean", body["series"][-1]["csat"])
            self.assertIn("denominator", body["series"][-1]["resolution_rate"])
            self.assertNotIn("nps", body["series"][-1])
            self.assertEqual(sum(sum(day) for day in body["heat_map"]["counts"]), received)
            self.assertEqual([len(day) for day in body["heat_map"]["counts"]], [24] * 7)
        self.assertEqual(totals, {"day": received, "week": received, "month": received})
        status, may, _ = self.server.request(
            "GET", "/api/v1/analytics/trends?from=2024-05-01T00:00:00Z&to=2024-06-01T00:00:00Z&granularity=month&kpis=csat")
        status, kpis, _ = self.server.request("GET", "/api/v1/analytics/kpis?from=2024-05-01T00:00:00Z&to=2024-06-01T00:00:00Z")
        self.assertEqual(may["series"][0]["csat"], kpis["total"]["csat"])
        status, local, _ = self.server.request(
            "GET", f"/api/v1/analytics/trends?from={start}&to={end}&utc_offset=%2B08:00")
        self.assertEqual(status, 200, local)
        self.assertEqual(local["utc_offset"], "+08:00")
        self.assertEqual(len(local["series"]), 92)  # the last UTC evening is 1 July in Shanghai
        self.assertEqual(local["series"][0]["to"], "2024-04-01T16:00:00.000Z")
        self.assertEqual(sum(p["received"] for p in local["series"]), received)
        for query, field in (("granularity=hour", "granularity"), ("kpis=csat,joy", "kpis"),
                             ("utc_offset=8", "utc_offset"), ("from=2000-01-01&to=2024-01-01", "granularity"),
                             ("colour=red", "colour")):
            status, body, _ = self.server.request("GET", "/api/v1/analytics/trends?" + query)
            self.assertEqual((status, body["error"]["field"]), (400, field), query)
        agent = self.server.create_token(role="agent")
        for path in ("/api/v1/analytics/trends", "/api/v1/analytics/pareto"):
            status, _, _ = self.server.request("GET", path, token=agent)
            self.assertEqual(status, 403, path)

    def test_a_heat_map_cell_drills_down_to_the_complaints_received_in_it(self):
        start, end = "2024-04-01T00:00:00Z", "2024-07-01T00:00:00Z"
        weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        for offset, filters in (("%2B08:00", ""), ("-05:30", ""), ("%2B08:00", "&category=%E7%89%A9%E6%B5%81%E9%85%8D%E9%80%81")):
            status, trends, _ = self.server.request(
                "GET", f"/api/v1/analytics/trends?from={start}&to={end}&utc_offset={offset}{filters}")
            self.assertEqual(status, 200, trends)
            counts = trends["heat_map"]["counts"]
            cells = sorted(((counts[d][h], d, h) for d in range(7) for h in range(24)), reverse=True)
            busy, empty = cells[0], cells[-1]
            self.assertGreater(busy[0], 0)
            self.assertEqual(empty[0], 0)
            group = "&group_by=category&group=%E7%89%A9%E6%B5%81%E9%85%8D%E9%80%81" if filters else ""
            seen = set()
            for count, day, hour in (busy, cells[len(cells) // 3], empty):
                status, drill, _ = self.server.request(
                    "GET", f"/api/v1/analytics/kpis/drill?kpi=repeat_rate&from={start}&to={end}&limit=10000"
                           f"&weekday={weekdays[day]}&hour={hour}&utc_offset={offset}{group}")
                self.assertEqual(status, 200, drill)
                self.assertEqual((drill["total"], len(drill["items"])), (count, count), (offset, day, hour))
                ids = {item["id"] for item in drill["items"]}
                self.assertFalse(ids & seen)  # a complaint is in one cell only
                seen |= ids
            # Each complaint of the busiest cell was received on that local weekday and hour.
            status, drill, _ = self.server.request(
                "GET", f"/api/v1/analytics/kpis/drill?kpi=repeat_rate&from={start}&to={end}&limit=5"
                       f"&weekday={weekdays[busy[1]]}&hour={busy[2]}&utc_offset={offset}{group}")
            sign = -1 if offset.startswith("-") else 1
            minutes = sign * (int(offset[-5:-3]) * 60 + int(offset[-2:]))
            for item in drill["items"]:
                _, complaint, _ = self.server.request("GET", f"/api/v1/complaints/{item['id']}")
                received = datetime.datetime.fromisoformat(complaint["received_at"].replace("Z", "+00:00"))
                local = received + datetime.timedelta(minutes=minutes)
                self.assertEqual((local.weekday(), local.hour), (busy[1], busy[2]), complaint["received_at"])
        for query, field in (("weekday=mon", "hour"), ("hour=3", "weekday"), ("weekday=monday&hour=3", "weekday"),
                             ("weekday=mon&hour=24", "hour"), ("weekday=mon&hour=-1", "hour"),
                             ("weekday=mon&hour=3&utc_offset=8", "utc_offset"), ("utc_offset=%2B08:00", "utc_offset")):
            status, body, _ = self.server.request("GET", "/api/v1/analytics/kpis/drill?kpi=repeat_rate&" + query)
            self.assertEqual((status, body["error"]["field"]), (400, field), query)

    def test_alerts_show_the_demo_surge_within_half_an_hour_with_its_complaints(self):
        status, body, _ = self.server.request(
            "GET", "/api/v1/analytics/alerts?from=2024-06-29T08:00:00Z&to=2024-06-30T08:00:00Z")
        self.assertEqual(status, 200, body)
        surges = [a for a in body["alerts"] if a["kind"] == "surge" and a["dimension"] == "category"]
        self.assertEqual([a["key"] for a in surges], ["物流配送"], body["alerts"])
        surge = surges[0]
        start = "2024-06-30T04:20:00.000Z"  # the demo's surge: fourteen complaints from 04:20, one every 3 minutes
        self.assertGreaterEqual(surge["raised_at"], start)
        self.assertLessEqual(surge["raised_at"], "2024-06-30T04:50:00.000Z")
        self.assertGreaterEqual(surge["observed"], 5)
        self.assertLess(surge["p_value"], 1e-4)
        self.assertGreater(surge["observed"], 3 * surge["expected"])
        self.assertEqual(len(surge["complaints"]), surge["observed"])
        status, one, _ = self.server.request("GET", f"/api/v1/complaints/{surge['complaints'][0]['id']}")
        self.assertEqual((one["category"], one["subject"]), ("物流配送", "快递丢件"))
        self.assertTrue(any(a["kind"] == "duplicate_cluster" for a in body["alerts"]), body["alerts"])
        status, only, _ = self.server.request(
            "GET", "/api/v1/analytics/alerts?from=2024-06-29T08:00:00Z&to=2024-06-30T08:00:00Z&kind=surge")
        self.assertTrue(only["alerts"] and all(a["kind"] == "surge" for a in only["alerts"]))
        status, quiet, _ = self.server.request(
            "GET", "/api/v1/analytics/alerts?from=2024-05-01T00:00:00Z&to=2024-05-08T00:00:00Z&kind=surge")
        self.assertEqual(quiet["alerts"], [])  # an ordinary week of the demo raises nothing
        for query, field in (("step_minutes=0", "step_minutes"), ("from=2024-01-01T00:00:00Z&to=2024-06-01T00:00:00Z", "from"),
                             ("kind=panic", "kind"), ("to=soon", "to")):
            status, err, _ = self.server.request("GET", "/api/v1/analytics/alerts?" + query)
            self.assertEqual((status, err["error"]["field"]), (400, field), query)

    def test_kpi_targets_are_per_tenant_settings(self):
        manager = self.server.create_token(role="manager")
        status, targets, _ = self.server.request("GET", "/api/v1/settings/kpi-targets")
        self.assertEqual(targets, {"csat": 4.2, "resolution_rate": 0.95, "repeat_rate": 0.05, "nps": 40,
                                   "sla_compliance": 0.95})
        try:
            status, saved, _ = self.server.request("PUT", "/api/v1/settings/kpi-targets", {"csat": 4.5, "nps": 30},
                                                   token=manager)
            self.assertEqual(status, 200, saved)
            self.assertEqual((saved["csat"], saved["nps"], saved["resolution_rate"]), (4.5, 30, 0.95))
            status, kpis, _ = self.server.request("GET", "/api/v1/analytics/kpis")
            self.assertEqual(kpis["total"]["csat"]["target"]["target"], 4.5)
            self.assertEqual(kpis["total"]["nps"]["target"]["target"], 30)
            status, report, _ = self.server.request("GET", "/api/v1/reports/monthly?month=2024-05&format=html&lang=en")
            self.assertIn("≥ 4.5", report)
            # The XLSX states the tenant's targets too, not the defaults.
            path, _ = self.download_xlsx("/api/v1/reports/monthly?month=2024-05&format=xlsx&lang=en", "targets.xlsx")
            targets_column = {row[0]: row[3] for row in dict(read_xlsx(path))["KPIs"][1:] if row and row[0]}
            self.assertEqual((targets_column["CSAT"], targets_column["NPS"], targets_column["Resolution rate"]),
                             ("≥ 4.5", "≥ 30", "≥ 95%"), targets_column)
            status, err, _ = self.server.request("PUT", "/api/v1/settings/kpi-targets", {"csat": 4.5})
            self.assertEqual(status, 403)  # analysts read targets, managers set them
            for body, field in (({"csat": 7}, "csat"), ({"repeat_rate": -0.1}, "repeat_rate"), ({"joy": 1}, "joy"),
                                ({"nps": "high"}, "nps")):
                status, err, _ = self.server.request("PUT", "/api/v1/settings/kpi-targets", body, token=manager)
                self.assertEqual((status, err["error"]["field"]), (400, field), body)
        finally:
            status, _, _ = self.server.request("PUT", "/api/v1/settings/kpi-targets", {"csat": 4.2, "nps": 40},
                                               token=manager)
            self.assertEqual(status, 200)

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

    def download_xlsx(self, target, name):
        """Fetches a workbook into the server's temporary folder: (its path, the response)."""
        conn = self.server.connection()
        conn.request("GET", target, headers={"Authorization": "Bearer " + self.server.token})
        response = conn.getresponse()
        data = response.read()
        conn.close()
        self.assertEqual(response.status, 200)
        path = os.path.join(self.server.tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path, response

    def test_monthly_report_as_xlsx_opens(self):
        path, response = self.download_xlsx("/api/v1/reports/monthly?month=2024-05&format=xlsx&lang=zh",
                                            "report.xlsx")
        self.assertIn("spreadsheetml", response.getheader("Content-Type"))
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
        # LibreOffice also reads it back where it is installed; it is not a dependency (libreoffice-calc-nogui
        # brings 54 Debian packages, about 260 MB), openpyxl above is the reader every run has.
        if office:
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


class AlertMonitorTest(unittest.TestCase):
    """The background evaluator sends a live surge to the managers' addresses through the outbox."""

    def test_a_surge_filed_now_reaches_the_outbox_for_the_managers(self):
        with HeedServer(env={"HEED_ALERT_INTERVAL_SECONDS": "1"}) as server:
            status, body, _ = server.request("PUT", "/api/v1/settings/alert-recipients",
                                             {"recipients": ["ops.manager@example.com", "director@example.com"]})
            self.assertEqual(status, 200, body)
            status, body, _ = server.request("PUT", "/api/v1/settings/alert-recipients", {"recipients": ["not an address"]})
            self.assertEqual((status, body["error"]["field"]), (400, "recipients"))
            agent = server.create_token(role="agent")
            numbers = []
            for i in range(8):
                status, filed, _ = server.request("POST", "/api/v1/complaints", {
                    "customer": {"name": f"客户{i}", "phone": f"1390000{1000 + i}"}, "channel": "phone",
                    "subject": "冷链断链", "description": f"第{i}位客户：冷链车厢温度异常，生鲜全部化冻。",
                    "category": "冷链断链"}, token=agent)
                self.assertEqual(status, 201, filed)
                numbers.append(filed["number"])
            alerts = []
            for _ in range(60):
                status, outbox, _ = server.request("GET", "/api/v1/outbox?status=pending&limit=100")
                self.assertEqual(status, 200, outbox)
                alerts = [m for m in outbox["items"] if m["kind"] == "alert" and "冷链断链" in m["subject"]]
                if len(alerts) >= 2:
                    break
                time.sleep(0.5)
            self.assertEqual(sorted(m["to"] for m in alerts), ["director@example.com", "ops.manager@example.com"])
            self.assertIn("投诉激增", alerts[0]["subject"])
            # The evaluator runs every second, so the surge may be announced before the last ones were filed: the
            # message lists the complaints behind it, the first of them always, and only these.
            listed = re.findall(r"TS\d{12}", alerts[0]["body"])
            self.assertIn(numbers[0], listed)
            self.assertLessEqual(set(listed), set(numbers))
            self.assertIsNone(alerts[0]["complaint_id"])
            time.sleep(2)  # later evaluations keep to the cooldown: no second message for the same surge
            status, outbox, _ = server.request("GET", "/api/v1/outbox?status=pending&limit=100")
            again = [m for m in outbox["items"] if m["kind"] == "alert" and "冷链断链" in m["subject"]]
            self.assertEqual(len(again), 2)
            status, live, _ = server.request("GET", "/api/v1/analytics/alerts?kind=surge")
            self.assertIn("冷链断链", [a["key"] for a in live["alerts"]])


class FeedbackFormExportTest(unittest.TestCase):
    """Template 1 of seed 002 through GET /api/v1/exports/feedback-form and heed export --template."""

    ZH = ["客户编号", "服务类型(咨询/投诉/售后)", "接触渠道(电话/在线/APP)", "问题描述(客户原话)", "满意度评分(1-5分)",
          "客户建议", "记录人", "记录时间"]

    @classmethod
    def setUpClass(cls):
        cls.server = HeedServer(role="manager")
        run_cli("demo", "--db", cls.server.db_path, "--count", "300", "--seed", "5", "--now", "2024-06-30T08:00:00Z")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def fetch(self, query, token=None):
        conn = self.server.connection()
        conn.request("GET", "/api/v1/exports/feedback-form" + query,
                     headers={"Authorization": "Bearer " + (token or self.server.token)})
        response = conn.getresponse()
        data = response.read()
        headers = dict(response.getheaders())
        conn.close()
        return response.status, data, headers

    def total(self, query=""):
        count, cursor = 0, None
        while True:
            path = "/api/v1/complaints?limit=500" + query + (f"&cursor={cursor}" if cursor else "")
            status, page, _ = self.server.request("GET", path)
            self.assertEqual(status, 200, page)
            count += len(page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                return count

    def test_csv_is_streamed_whole_with_masked_customer_ids_and_audited(self):
        status, data, headers = self.fetch("?format=csv")
        self.assertEqual(status, 200, data[:300])
        self.assertEqual(headers.get("Transfer-Encoding"), "chunked")
        self.assertNotIn("Content-Length", headers)
        self.assertIn("text/csv", headers["Content-Type"])
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))  # a byte-order mark: Excel reads the headings as UTF-8
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        self.assertEqual(rows[0], self.ZH)
        body = rows[1:]
        self.assertEqual(len(body), self.total())
        ids = [r[0] for r in body if r[0]]
        self.assertTrue(ids)
        self.assertTrue(all("*" in i for i in ids), ids[:5])
        self.assertTrue({r[1] for r in body} <= {"咨询", "投诉", "售后", "建议"})
        self.assertTrue(any(r[4] in "12345" and r[4] for r in body))  # surveys answered in the demo
        self.assertTrue(all(r[6] for r in body))  # who recorded it
        self.assertFalse(any(cell.startswith("=") for r in body for cell in r))

    def test_contact_details_only_for_roles_that_may_see_them(self):
        status, data, _ = self.fetch("?with_contact_details=true&lang=en")
        self.assertEqual(status, 200)
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        self.assertEqual(rows[0][0], "Customer ID")
        ids = [r[0] for r in rows[1:] if r[0]]
        self.assertTrue(ids and not any("*" in i for i in ids), ids[:5])
        analyst = self.server.create_token(role="analyst")
        status, data, _ = self.fetch("?with_contact_details=true", token=analyst)
        self.assertEqual(status, 403, data)
        self.assertEqual(json.loads(data)["error"]["field"], "with_contact_details")
        status, data, _ = self.fetch("?format=csv", token=analyst)
        self.assertEqual(status, 200)
        agent = self.server.create_token(role="agent")
        status, _, _ = self.fetch("", token=agent)
        self.assertEqual(status, 403)
        for query, field in (("?format=pdf", "format"), ("?lang=fr", "lang"), ("?with_contact_details=yes", "with_contact_details"),
                             ("?from=May", "from"), ("?from=2024-06-01&to=2024-05-01", "to"), ("?limit=5", "limit")):
            status, data, _ = self.fetch(query)
            self.assertEqual((status, json.loads(data)["error"]["field"]), (400, field), query)

    def test_a_period_in_english_counts_what_the_list_counts(self):
        start, end = "2024-05-01T00:00:00Z", "2024-06-01T00:00:00Z"
        status, data, _ = self.fetch(f"?lang=en&from={start}&to={end}")
        self.assertEqual(status, 200)
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        self.assertEqual(rows[0][6:], ["Recorded by", "Recorded at"])
        self.assertEqual(len(rows) - 1, self.total(f"&received_from={start}&received_to={end}"))
        self.assertTrue(all(start[:7] == r[7][:7] for r in rows[1:]))

    def test_xlsx_opens_with_every_row_and_the_command_line_writes_the_same(self):
        status, data, headers = self.fetch("?format=xlsx")
        self.assertEqual(status, 200)
        self.assertEqual(headers.get("Transfer-Encoding"), "chunked")
        self.assertIn("spreadsheetml", headers["Content-Type"])
        path = os.path.join(self.server.tmp, "form.xlsx")
        with open(path, "wb") as f:
            f.write(data)
        with zipfile.ZipFile(path) as book:
            self.assertIsNone(book.testzip())
            sheets = ElementTree.fromstring(book.read("xl/workbook.xml"))
            titles = [e.get("name") for e in sheets.iter() if e.tag.endswith("}sheet")]
            self.assertEqual(titles, ["客户满意度实时反馈采集表"])
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
            self.assertEqual(sheet.count("<row "), self.total() + 1)
            self.assertIn("问题描述(客户原话)", sheet)
        sheets = read_xlsx(path)  # a real spreadsheet reader
        self.assertEqual([name for name, _ in sheets], ["客户满意度实时反馈采集表"])
        self.assertEqual(list(sheets[0][1][0]), self.ZH)
        self.assertEqual(len(sheets[0][1]), self.total() + 1)
        cli_path = os.path.join(self.server.tmp, "cli.xlsx")
        run_cli("export", "--db", self.server.db_path, "--template", "feedback-form", "--format", "xlsx", "--out", cli_path)
        with zipfile.ZipFile(cli_path) as book:
            self.assertEqual(book.read("xl/worksheets/sheet1.xml").decode().count("<row "), self.total() + 1)
        out = run_cli("export", "--db", self.server.db_path, "--template", "feedback-form", "--lang", "en").stdout
        rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
        self.assertEqual(rows[0][0], "Customer ID")
        self.assertEqual(len(rows) - 1, self.total())
        self.assertEqual(run_cli("export", "--db", self.server.db_path, "--format", "xlsx", check=False).returncode, 2)
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office:
            subprocess.run([office, "--headless", "--convert-to", "csv", "--outdir", self.server.tmp, path],
                           check=True, capture_output=True, timeout=180)
            with open(os.path.join(self.server.tmp, "form.csv"), encoding="utf-8", errors="replace") as f:
                self.assertEqual(len(list(csv.reader(f))), self.total() + 1)


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
