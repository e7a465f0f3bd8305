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


if __name__ == "__main__":
    unittest.main()
