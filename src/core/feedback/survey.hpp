#pragma once
// Satisfaction surveys (SPEC §6): CSAT 1–5, NPS 0–10, an optional effort score 1–7, 5–10 tenant-configurable
// questions rated 1–5 and a comment. A survey is reached by a signed link that expires and answers once.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/ports/crypto.hpp"

namespace heed::core::feedback {

struct SurveyQuestion {
    std::string key;  // [a-z0-9_], 1–40 characters, e.g. response_speed
    std::string zh;   // the question in Chinese
    std::string en;   // and in English
    auto operator<=>(const SurveyQuestion&) const = default;
};

inline constexpr std::size_t kMinSurveyQuestions = 5;
inline constexpr std::size_t kMaxSurveyQuestions = 10;
inline constexpr std::size_t kMaxSurveyCommentBytes = 2000;

// Response speed, solution effect, attitude, professionalism, communication, ease of process.
std::vector<SurveyQuestion> DefaultSurveyQuestions();

// 5–10 questions, keys well-formed and unique, both texts present (≤ 200 bytes each, valid UTF-8).
Result<void> ValidateQuestions(const std::vector<SurveyQuestion>& questions);

struct SurveyAnswer {
    std::optional<int> csat;    // required, 1–5
    std::optional<int> nps;     // 0–10
    std::optional<int> effort;  // 1–7
    std::map<std::string, int> answers;  // question key → 1–5; only the survey's questions
    std::string comment;
};

struct Survey {
    std::int64_t id = 0;
    TenantId tenant;
    ComplaintId complaint;
    std::string number;    // the complaint's number, shown on the page
    std::string language;  // zh or en: the page's language
    std::string assignee;  // who handled the complaint when the survey was sent (agent statistics)
    std::string category;
    std::vector<SurveyQuestion> questions;  // as they were when the survey was sent
    Instant created_at{};
    std::string created_by;
    Instant expires_at{};
    std::optional<Instant> answered_at;
    SurveyAnswer answer;  // empty until answered
};

// Checks an answer against the survey's questions; kInvalidArgument naming the field.
Result<void> ValidateAnswer(const Survey& survey, const SurveyAnswer& answer);

// Signed links: "<tenant>.<survey id>.<expiry ms>.<HMAC-SHA-256 hex>" under the server key. Anyone holding the link
// may answer; nobody can make one for another survey or stretch its expiry.
std::string MakeSurveyToken(ports::Crypto& crypto, TenantId tenant, std::int64_t survey_id, Instant expires_at);

struct SurveyClaims {
    TenantId tenant;
    std::int64_t survey_id = 0;
    Instant expires_at{};
};
// The claims of a well-formed token with a valid signature; nullopt otherwise (expiry is not checked here).
std::optional<SurveyClaims> VerifySurveyToken(ports::Crypto& crypto, std::string_view token);

// Response rate and sample sizes are always reported with the scores.
struct SurveyStats {
    std::int64_t sent = 0;
    std::int64_t answered = 0;
    std::int64_t csat_n = 0;
    double csat_sum = 0;
    std::int64_t csat_satisfied = 0;  // 4 or 5
    std::int64_t nps_n = 0;
    std::int64_t promoters = 0;   // 9–10
    std::int64_t passives = 0;    // 7–8
    std::int64_t detractors = 0;  // 0–6
    std::int64_t effort_n = 0;
    double effort_sum = 0;
};

std::optional<double> ResponseRate(const SurveyStats& stats);  // answered / sent
std::optional<double> CsatMean(const SurveyStats& stats);
std::optional<double> CsatPercent(const SurveyStats& stats);  // share of 4s and 5s, in %
std::optional<double> NpsScore(const SurveyStats& stats);     // % promoters − % detractors, −100 … 100
std::optional<double> EffortMean(const SurveyStats& stats);

}  // namespace heed::core::feedback
