#include "core/feedback/survey.hpp"

#include <charconv>
#include <set>

#include "core/common/utf8.hpp"

namespace heed::core::feedback {

std::vector<SurveyQuestion> DefaultSurveyQuestions() {
    return {
        {"response_speed", "您对我们的响应速度满意吗？", "How satisfied are you with how quickly we responded?"},
        {"solution_effect", "问题解决的效果让您满意吗？", "How satisfied are you with how well the problem was solved?"},
        {"attitude", "您对客服人员的服务态度满意吗？", "How satisfied are you with our staff's attitude?"},
        {"professionalism", "您对处理人员的专业程度满意吗？", "How satisfied are you with our staff's expertise?"},
        {"communication", "处理过程中的沟通是否清楚及时？", "Were you kept clearly informed while we worked on it?"},
        {"process_ease", "投诉和处理的流程是否方便？", "How easy was it to complain and get it resolved?"},
    };
}

namespace {

bool ValidKey(const std::string& key) {
    if (key.empty() || key.size() > 40) return false;
    for (char c : key) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

Result<void> InRange(const std::optional<int>& value, int low, int high, const std::string& field) {
    if (value && (*value < low || *value > high)) {
        return Fail(ErrorCode::kInvalidArgument,
                    field + " must be between " + std::to_string(low) + " and " + std::to_string(high), field);
    }
    return {};
}

std::string Message(TenantId tenant, std::int64_t id, Instant expires_at) {
    return "heed-survey-link\n" + std::to_string(tenant.value) + "\n" + std::to_string(id) + "\n" +
           std::to_string(ToMillis(expires_at));
}

std::optional<std::int64_t> Number(std::string_view text) {
    std::int64_t value = 0;
    if (text.empty() || text.size() > 19) return std::nullopt;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

}  // namespace

Result<void> ValidateQuestions(const std::vector<SurveyQuestion>& questions) {
    if (questions.size() < kMinSurveyQuestions || questions.size() > kMaxSurveyQuestions) {
        return Fail(ErrorCode::kInvalidArgument, "a survey has between 5 and 10 questions", "questions");
    }
    std::set<std::string> keys;
    for (const auto& q : questions) {
        if (!ValidKey(q.key)) {
            return Fail(ErrorCode::kInvalidArgument,
                        "question keys are 1–40 characters of a–z, 0–9 and _ (got \"" + q.key + "\")", "questions");
        }
        if (!keys.insert(q.key).second) {
            return Fail(ErrorCode::kInvalidArgument, "question key " + q.key + " is used twice", "questions");
        }
        for (const auto* text : {&q.zh, &q.en}) {
            if (text->empty() || text->size() > 200 || !IsValidUtf8(*text)) {
                return Fail(ErrorCode::kInvalidArgument,
                            "question " + q.key + " needs zh and en texts of at most 200 bytes", "questions");
            }
        }
    }
    return {};
}

Result<void> ValidateAnswer(const Survey& survey, const SurveyAnswer& answer) {
    if (!answer.csat) return Fail(ErrorCode::kInvalidArgument, "csat is required (1–5)", "csat");
    if (auto ok = InRange(answer.csat, 1, 5, "csat"); !ok) return ok;
    if (auto ok = InRange(answer.nps, 0, 10, "nps"); !ok) return ok;
    if (auto ok = InRange(answer.effort, 1, 7, "effort"); !ok) return ok;
    for (const auto& [key, score] : answer.answers) {
        bool known = false;
        for (const auto& q : survey.questions) known = known || q.key == key;
        if (!known) return Fail(ErrorCode::kInvalidArgument, key + " is not a question of this survey", key);
        if (auto ok = InRange(score, 1, 5, key); !ok) return ok;
    }
    if (answer.comment.size() > kMaxSurveyCommentBytes) {
        return Fail(ErrorCode::kInvalidArgument, "comment is longer than 2000 bytes", "comment");
    }
    if (!IsValidUtf8(answer.comment)) return Fail(ErrorCode::kInvalidArgument, "comment is not valid UTF-8", "comment");
    return {};
}

std::string MakeSurveyToken(ports::Crypto& crypto, TenantId tenant, std::int64_t survey_id, Instant expires_at) {
    return std::to_string(tenant.value) + "." + std::to_string(survey_id) + "." +
           std::to_string(ToMillis(expires_at)) + "." + crypto.Mac(Message(tenant, survey_id, expires_at));
}

std::optional<SurveyClaims> VerifySurveyToken(ports::Crypto& crypto, std::string_view token) {
    if (token.size() > 200) return std::nullopt;
    std::string_view parts[4];
    for (int i = 0; i < 3; ++i) {
        auto dot = token.find('.');
        if (dot == std::string_view::npos) return std::nullopt;
        parts[i] = token.substr(0, dot);
        token.remove_prefix(dot + 1);
    }
    parts[3] = token;
    auto tenant = Number(parts[0]);
    auto id = Number(parts[1]);
    auto expires = Number(parts[2]);
    if (!tenant || !id || !expires || *tenant == 0 || *id == 0) return std::nullopt;
    SurveyClaims claims{TenantId{*tenant}, *id, FromMillis(*expires)};
    std::string expected = crypto.Mac(Message(claims.tenant, claims.survey_id, claims.expires_at));
    if (!ConstantTimeEqual(expected, parts[3])) return std::nullopt;
    return claims;
}

std::optional<double> ResponseRate(const SurveyStats& s) {
    if (s.sent == 0) return std::nullopt;
    return static_cast<double>(s.answered) / static_cast<double>(s.sent);
}

std::optional<double> CsatMean(const SurveyStats& s) {
    if (s.csat_n == 0) return std::nullopt;
    return s.csat_sum / static_cast<double>(s.csat_n);
}

std::optional<double> CsatPercent(const SurveyStats& s) {
    if (s.csat_n == 0) return std::nullopt;
    return 100.0 * static_cast<double>(s.csat_satisfied) / static_cast<double>(s.csat_n);
}

std::optional<double> NpsScore(const SurveyStats& s) {
    if (s.nps_n == 0) return std::nullopt;
    return 100.0 * static_cast<double>(s.promoters - s.detractors) / static_cast<double>(s.nps_n);
}

std::optional<double> EffortMean(const SurveyStats& s) {
    if (s.effort_n == 0) return std::nullopt;
    return s.effort_sum / static_cast<double>(s.effort_n);
}

}  // namespace heed::core::feedback
