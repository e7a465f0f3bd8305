"""A tenant's own text models through the real binary: trained from the complaints whose field a person set, over the
API and with `heed train --db`, installed for the next intake, kept across a restart; roles and bad input refused."""

import unittest

from heed_server import HeedServer, run_cli

# A category of this tenant that no shipped model knows, and two it shares with them.
POINTS = ("会员积分", ["会员积分没有到账", "积分兑换的优惠券不能用", "会员等级被降级，积分清零了", "签到积分少算了",
                      "积分商城兑换失败扣了积分", "生日双倍积分没有发放"])
DELIVERY = ("物流配送", ["快递三天没有更新物流", "包裹送错地址了", "快递员没打电话就放驿站", "物流显示签收但我没收到",
                        "配送超时两天还没送到", "快递外包装破损"])
QUALITY = ("产品质量", ["电水壶用了一周就漏水", "衣服洗一次就掉色", "耳机左边没有声音", "手机充电很烫而且充不进电",
                       "鞋底开胶了", "吸尘器吸力很小还有异响"])
TAILS = ["，请尽快处理。", "，希望给个说法。", "，已经联系客服两次了。", "，非常失望。"]


def complaint(phone, subject, description, **extra):
    body = {"customer": {"name": "顾客", "phone": phone}, "channel": "app", "subject": subject,
            "description": description}
    body.update(extra)
    return body


class TextModelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HeedServer().start()  # a manager's token
        cls.agent = cls.server.create_token(role="agent", name="agent.wu")
        cls.analyst = cls.server.create_token(role="analyst", name="analyst.he")
        cls.phone = 13900000000

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def file(self, subject, description, **extra):
        type(self).phone += 1
        status, answer, _ = self.server.request("POST", "/api/v1/complaints",
                                                complaint(str(self.phone), subject, description, **extra))
        self.assertEqual(status, 201, answer)
        return answer

    def file_labelled(self, per_category):
        for category, subjects in (POINTS, DELIVERY, QUALITY):
            for i in range(per_category):
                subject = subjects[i % len(subjects)]
                self.file(subject, subject + TAILS[i % len(TAILS)] + f"（第{i}次）", category=category)

    def test_train_over_the_api_install_use_and_keep_across_a_restart(self):
        s = self.server
        # Roles and bad input first, while nothing is labelled.
        self.assertEqual(s.request("POST", "/api/v1/triage/models/category/train", token=self.agent)[0], 403)
        self.assertEqual(s.request("POST", "/api/v1/triage/models/category/train", token=self.analyst)[0], 403)
        status, error, _ = s.request("POST", "/api/v1/triage/models/colour/train")
        self.assertEqual((status, error["error"]["field"]), (400, "field"))
        status, error, _ = s.request("POST", "/api/v1/triage/models/category/train")
        self.assertEqual(status, 409, error)
        self.assertIn("at least 20", error["error"]["message"])
        status, error, _ = s.request("POST", "/api/v1/triage/models/category/train", {"epochs": 3})
        self.assertEqual(status, 400, error)
        status, models, _ = s.request("GET", "/api/v1/triage/models", token=self.analyst)
        self.assertEqual(status, 200, models)
        self.assertNotIn("tenant", {m["source"] for m in models["items"]})
        # The shipped defaults: the regression for Chinese, the SVM for English (docs/text_models.md).
        learners = {(m["language"], m["learner"]) for m in models["items"]}
        self.assertEqual(learners, {("zh", "logistic"), ("en", "svm")}, models)
        self.assertEqual(s.request("GET", "/api/v1/triage/models", token=self.agent)[0], 403)

        # Before training, no model can say 会员积分.
        before = self.file("积分又没了", "上个月的会员积分到现在还没到账，兑换也失败。")
        self.assertNotEqual(before["category"], "会员积分")

        self.file_labelled(20)  # 60 complaints whose category a person set
        status, trained, _ = s.request("POST", "/api/v1/triage/models/category/train")
        self.assertEqual(status, 200, trained)
        self.assertGreaterEqual(trained["examples"], 60)
        self.assertEqual(set(trained["labels"]), {"会员积分", "物流配送", "产品质量"})
        self.assertEqual(trained["holdout"]["n"], trained["examples"] // 10)
        self.assertGreaterEqual(trained["holdout"]["accuracy"], 0.8, trained)
        self.assertGreater(trained["memory_bytes"], 0)

        status, models, _ = s.request("GET", "/api/v1/triage/models")
        mine = [m for m in models["items"] if m["source"] == "tenant"]
        self.assertEqual([(m["field"], m["language"], m["learner"], m["lexicon"]) for m in mine],
                         [("category", None, "logistic", False)], models)

        # The next intake is triaged by the tenant's model.
        after = self.file("积分问题", "我的会员积分兑换优惠券失败，积分也被扣了。")
        self.assertEqual((after["category"], after["field_sources"]["category"]), ("会员积分", "model"), after)
        self.assertGreater(after["triage"]["confidences"]["category"], 0.5)

        # A restart loads it from disk; `heed train --db` retrains from the same labels while the server is down.
        s.stop()
        result = run_cli("train", "--db", s.db_path, "--field", "category")
        import json
        report = json.loads(result.stdout.strip().splitlines()[-1])
        self.assertEqual(report["field"], "category")
        self.assertGreaterEqual(report["examples"], 60)
        too_few = run_cli("train", "--db", s.db_path, "--field", "service_stage", check=False)
        self.assertEqual(too_few.returncode, 4, too_few.stderr)
        self.assertIn("at least 20", too_few.stderr)
        both = run_cli("train", "--db", s.db_path, "--field", "category", "--train", s.db_path, check=False)
        self.assertNotEqual(both.returncode, 0)
        s.start()
        again = self.file("积分", "会员积分被清零了，签到积分也没有。")
        self.assertEqual((again["category"], again["field_sources"]["category"]), ("会员积分", "model"), again)


if __name__ == "__main__":
    unittest.main()
