#include "http/complaint_json.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

#include "core/common/time.hpp"
#include "http/json_dto.hpp"

namespace heed::http {
namespace {

using nlohmann::json;
namespace complaint = core::complaint;

core::Instant At(const char* text) { return *core::ParseIso8601(text); }

// Every field of the record set, with text that needs escaping.
complaint::Complaint FullComplaint() {
    complaint::Complaint c;
    c.id = core::ComplaintId{42};
    c.tenant = core::TenantId{3};
    c.number = "TS202405000042";
    c.customer = {"王\"小\"明", "13800001234", "wang@example.com", "C202405001", complaint::CustomerTier::kVip};
    c.channel = complaint::Channel::kPhone;
    c.service_type = complaint::ServiceType::kComplaint;
    c.subject = "快递一周未送达\t(again)";
    c.description = "line one\nline two \\ back\x01slash 😀 \"quoted\"";
    c.occurred_at = At("2024-05-01T08:30:00Z");
    c.location = "上海";
    c.order_ref = "DD2024";
    c.product_ref = "AC-1";
    c.people_involved = "快递员";
    c.amount_in_dispute = complaint::Money{12345, "CNY"};
    c.remedy_sought = "退款";
    c.attachments = {{"photo.jpg", "image/jpeg", "s3://bucket/photo.jpg"}};
    auto& k = c.classification;
    k.category = "物流配送";
    k.subcategory = "物流延迟";
    k.tags = {"vip", "repeat"};
    k.nature = "valid";
    k.urgency = complaint::Urgency::kUrgent;
    k.difficulty = complaint::Difficulty::kDifficult;
    k.severity = 4;
    k.service_stage = complaint::ServiceStage::kInSale;
    k.sentiment_score = -0.8125;
    k.emotion_intensity = 1.0;
    k.risk_flags = {complaint::RiskFlag::kLegal, complaint::RiskFlag::kMassIncident};
    k.confidence = 0.1 + 0.2;  // not a short decimal: must read back exactly
    k.field_sources = {{"category", complaint::FieldSource::kModel}, {"urgency", complaint::FieldSource::kRule}};
    c.status = core::workflow::Status::kInProgress;
    c.assignee = "agent.liu";
    c.team = "logistics";
    c.department = "service";
    c.first_response_due_at = At("2024-05-02T08:30:00Z");
    c.resolution_due_at = At("2024-05-08T08:30:00Z");
    c.sla.policy = "standard";
    c.sla.state = "warning";
    c.sla.next_update_due_at = At("2024-05-03T08:30:00Z");
    c.sla.regulatory_due_at = At("2024-05-31T08:30:00Z");
    c.sla.escalation_level = 2;
    c.sla.escalation_reason = "resolution breached";
    c.milestones.received_at = At("2024-05-01T09:00:00.123Z");
    c.milestones.acknowledged_at = At("2024-05-01T09:00:01Z");
    c.milestones.first_response_at = At("2024-05-01T10:00:00Z");
    c.milestones.resolved_at = At("2024-05-04T10:00:00Z");
    c.milestones.closed_at = At("2024-05-05T10:00:00Z");
    c.updated_at = At("2024-05-05T10:00:00Z");
    c.version = 7;
    c.resolution_summary = "已退款";
    c.compensation = "100 CNY voucher";
    c.compensation_totals = {{"CNY", {10000, 5000, 2000, 3000}}, {"USD", {100, 0, 0, 100}}};
    c.customer_acceptance = complaint::Acceptance::kAccepted;
    c.feedback = {5, 9, 2, At("2024-05-06T10:00:00Z")};
    c.links.repeat_of = core::ComplaintId{40};
    c.links.duplicate_of = core::ComplaintId{41};
    c.links.merged_into = core::ComplaintId{43};
    c.links.incident_cluster = "IC-TS202405000001";
    c.links.related = {{core::ComplaintId{39}, "same order", "agent.liu", At("2024-05-02T00:00:00Z")}};
    c.links.merged_from = {core::ComplaintId{44}, core::ComplaintId{45}};
    c.triage.review_fields = {"severity"};
    c.triage.confidences = {{"category", 0.93}, {"urgency", 1.0 / 3.0}};
    c.triage.risk_terms = {"起诉"};
    c.triage.repeat_count = 2;
    c.triage.fraud_score = 0.5;
    c.triage.fraud_reasons = {"burst: 3 complaints from this contact within 24 hours"};
    c.rejection_reason = "";
    c.source_ref = "cfpb:123";
    c.attributes = {{"Product \"raw\"", "Mortgage"}, {"州", "CA"}};
    return c;
}

json Written(const complaint::Complaint& c) {
    std::string text;
    AppendComplaintJson(text, c);
    return json::parse(text);  // throws (and fails the test) on anything that is not JSON
}

TEST(ComplaintJson, WritesEveryFieldOfTheDocument) {
    const json doc = Written(FullComplaint());
    std::vector<std::string> keys;
    for (const auto& [key, value] : doc.items()) keys.push_back(key);
    std::vector<std::string> expected{
        "acknowledged_at", "amount_in_dispute", "assignee", "attachments", "attributes", "category", "channel",
        "closed_at", "compensation", "compensation_totals", "confidence", "customer", "customer_acceptance",
        "department", "description", "difficulty", "emotion_intensity", "feedback", "field_sources",
        "first_response_at", "first_response_due", "id", "links", "location", "nature", "next_update_due", "number",
        "occurred_at", "order_ref", "people_involved", "product_ref", "received_at", "regulatory_due",
        "rejection_reason", "remedy_sought", "resolution_due", "resolution_summary", "resolved_at", "risk_flags",
        "service_stage", "service_type", "severity", "sentiment_score", "sla", "source_ref", "status", "subcategory",
        "subject", "tags", "team", "tenant_id", "triage", "updated_at", "urgency", "version"};
    std::sort(expected.begin(), expected.end());  // nlohmann orders an object's keys
    std::string differences;
    for (const auto& key : keys) {
        if (std::find(expected.begin(), expected.end(), key) == expected.end()) differences += " unexpected " + key;
    }
    for (const auto& key : expected) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) differences += " missing " + key;
    }
    EXPECT_EQ(keys, expected) << differences;

    EXPECT_EQ(doc["id"], 42);
    EXPECT_EQ(doc["tenant_id"], 3);
    EXPECT_EQ(doc["number"], "TS202405000042");
    EXPECT_EQ(doc["status"], "in_progress");
    EXPECT_EQ(doc["version"], 7);
    EXPECT_EQ(doc["customer"], (json{{"name", "王\"小\"明"}, {"phone", "13800001234"}, {"email", "wang@example.com"},
                                     {"external_id", "C202405001"}, {"tier", "vip"}}));
    EXPECT_EQ(doc["channel"], "phone");
    EXPECT_EQ(doc["service_type"], "complaint");
    EXPECT_EQ(doc["subject"], "快递一周未送达\t(again)");
    EXPECT_EQ(doc["description"], "line one\nline two \\ back\x01slash 😀 \"quoted\"");
    EXPECT_EQ(doc["occurred_at"], "2024-05-01T08:30:00.000Z");
    EXPECT_EQ(doc["amount_in_dispute"], (json{{"amount", 123.45}, {"currency", "CNY"}}));
    EXPECT_EQ(doc["attachments"],
              json::array({{{"name", "photo.jpg"}, {"content_type", "image/jpeg"}, {"reference", "s3://bucket/photo.jpg"}}}));
    EXPECT_EQ(doc["tags"], json::array({"vip", "repeat"}));
    EXPECT_EQ(doc["urgency"], "urgent");
    EXPECT_EQ(doc["difficulty"], "difficult");
    EXPECT_EQ(doc["severity"], 4);
    EXPECT_EQ(doc["service_stage"], "in_sale");
    EXPECT_EQ(doc["sentiment_score"].get<double>(), -0.8125);
    EXPECT_TRUE(doc["emotion_intensity"].is_number_float());  // 1.0 stays a decimal, not the integer 1
    EXPECT_EQ(doc["confidence"].get<double>(), 0.1 + 0.2);
    EXPECT_EQ(doc["risk_flags"], json::array({"legal", "mass_incident"}));
    EXPECT_EQ(doc["field_sources"], (json{{"category", "model"}, {"urgency", "rule"}}));
    EXPECT_EQ(doc["sla"], (json{{"policy", "standard"}, {"state", "warning"}, {"escalation_level", "manager"},
                                {"escalation_reason", "resolution breached"}}));
    EXPECT_EQ(doc["received_at"], "2024-05-01T09:00:00.123Z");
    EXPECT_EQ(doc["next_update_due"], "2024-05-03T08:30:00.000Z");
    EXPECT_EQ(doc["regulatory_due"], "2024-05-31T08:30:00.000Z");
    EXPECT_EQ(doc["compensation_totals"],
              json::array({{{"currency", "CNY"}, {"requested", 10000}, {"approved", 5000}, {"rejected", 2000}, {"pending", 3000}},
                           {{"currency", "USD"}, {"requested", 100}, {"approved", 0}, {"rejected", 0}, {"pending", 100}}}));
    EXPECT_EQ(doc["customer_acceptance"], "accepted");
    EXPECT_EQ(doc["feedback"], (json{{"csat", 5}, {"nps", 9}, {"effort", 2}, {"answered_at", "2024-05-06T10:00:00.000Z"}}));
    EXPECT_EQ(doc["links"]["repeat_of"], 40);
    EXPECT_EQ(doc["links"]["duplicate_of"], 41);
    EXPECT_EQ(doc["links"]["merged_into"], 43);
    EXPECT_EQ(doc["links"]["incident_cluster"], "IC-TS202405000001");
    EXPECT_EQ(doc["links"]["related"], json::array({{{"id", 39}, {"reason", "same order"}, {"by", "agent.liu"},
                                                     {"at", "2024-05-02T00:00:00.000Z"}}}));
    EXPECT_EQ(doc["links"]["merged_from"], json::array({44, 45}));
    EXPECT_EQ(doc["triage"]["needs_review"], true);
    EXPECT_EQ(doc["triage"]["review_fields"], json::array({"severity"}));
    EXPECT_EQ(doc["triage"]["confidences"]["urgency"].get<double>(), 1.0 / 3.0);
    EXPECT_EQ(doc["triage"]["risk_terms"], json::array({"起诉"}));
    EXPECT_EQ(doc["triage"]["repeat_count"], 2);
    EXPECT_EQ(doc["triage"]["fraud_score"].get<double>(), 0.5);
    EXPECT_EQ(doc["attributes"], (json{{"Product \"raw\"", "Mortgage"}, {"州", "CA"}}));
    EXPECT_EQ(ComplaintToJson(FullComplaint()), doc);
}

TEST(ComplaintJson, WritesNullForWhatIsNotSetAndEmptyCollections) {
    complaint::Complaint c;
    c.milestones.received_at = At("2024-05-01T09:00:00Z");
    const json doc = Written(c);
    for (const char* key : {"occurred_at", "amount_in_dispute", "urgency", "difficulty", "severity", "service_stage",
                            "sentiment_score", "emotion_intensity", "confidence", "first_response_due",
                            "next_update_due", "resolution_due", "regulatory_due", "acknowledged_at",
                            "first_response_at", "resolved_at", "closed_at", "customer_acceptance"}) {
        EXPECT_TRUE(doc[key].is_null()) << key;
    }
    EXPECT_TRUE(doc["sla"]["policy"].is_null());
    EXPECT_EQ(doc["sla"]["state"], "inactive");
    EXPECT_EQ(doc["attachments"], json::array());
    EXPECT_EQ(doc["tags"], json::array());
    EXPECT_EQ(doc["field_sources"], json::object());
    EXPECT_EQ(doc["attributes"], json::object());
    EXPECT_EQ(doc["links"]["related"], json::array());
    EXPECT_TRUE(doc["links"]["repeat_of"].is_null());
    EXPECT_EQ(doc["triage"]["needs_review"], false);
    EXPECT_TRUE(doc["feedback"]["csat"].is_null());
}

TEST(ComplaintJson, EscapesAsJsonAndReplacesBytesThatAreNotUtf8) {
    std::string out;
    AppendJsonString(out, std::string("a\"b\\c\x1f\x7f\b\f\r\n\t中", 15));
    EXPECT_EQ(out, "\"a\\\"b\\\\c\\u001f\x7f\\b\\f\\r\\n\\t中\"");
    EXPECT_EQ(json::parse(out).get<std::string>(), std::string("a\"b\\c\x1f\x7f\b\f\r\n\t中", 15));

    out.clear();
    AppendJsonString(out, std::string("ok\xff\xfe") + "好");
    EXPECT_EQ(json::parse(out).get<std::string>(), "ok\xEF\xBF\xBD\xEF\xBF\xBD好");

    out.clear();
    AppendJsonString(out, std::string("nul\0byte", 8));
    EXPECT_EQ(out, "\"nul\\u0000byte\"");
}

TEST(ComplaintJson, NumbersReadBackExactly) {
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> unit(-1.0, 1.0);
    complaint::Complaint c;
    for (int i = 0; i < 2000; ++i) {
        double value = unit(random) * std::pow(10.0, static_cast<int>(random() % 40) - 20);
        c.classification.sentiment_score = value;
        c.amount_in_dispute = complaint::Money{static_cast<std::int64_t>(random() % 100000000000) - 50000000000, "CNY"};
        const json doc = Written(c);
        ASSERT_EQ(doc["sentiment_score"].get<double>(), value);
        ASSERT_EQ(doc["amount_in_dispute"]["amount"].get<double>(),
                  static_cast<double>(c.amount_in_dispute->minor_units) / 100.0);
    }
    c.classification.sentiment_score = std::nan("");
    EXPECT_TRUE(Written(c)["sentiment_score"].is_null());
    c.id = core::ComplaintId{std::numeric_limits<std::int64_t>::max()};
    EXPECT_EQ(Written(c)["id"].get<std::int64_t>(), std::numeric_limits<std::int64_t>::max());
}

}  // namespace
}  // namespace heed::http
