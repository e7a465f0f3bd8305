"""End-to-end tests of analytics through the real binary: forecast CLI, KPI, report and export APIs."""

import csv
import io
import os
import shutil
import tempfile
import unittest

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


if __name__ == "__main__":
    unittest.main()
