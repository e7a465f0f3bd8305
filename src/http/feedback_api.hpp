#pragma once
// The feedback loop over HTTP (see core/services/feedback_service.hpp and docs/feedback.md):
//   POST /api/v1/surveys                     staff: {"complaint_id", "valid_hours"?} → 201 with the link
//   GET  /api/v1/surveys?complaint_id=       the complaint's surveys;  GET /api/v1/surveys/{id}
//   GET  /api/v1/surveys/stats?from&to&assignee   sent, answered, response rate, CSAT, NPS, effort with their n
//   GET/PUT /api/v1/settings/survey          the tenant's 5–10 survey questions
//   GET  /s/{token}                          public: the survey page (zh/en); records nothing
//   POST /s/{token}                          public: the answer, form-encoded or JSON; once (409 again, 410 expired)
//   GET  /api/v1/followups                   filter by complaint_id, assignee, team, status, due_after, due_before
//   GET  /api/v1/followups/queues            due / overdue / scheduled per agent
//   GET  /api/v1/followups/{id}, POST /api/v1/followups/{id}/outcome

#include <functional>

#include "core/services/feedback_service.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"

namespace heed::http {

struct FeedbackApiOptions {
    std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate;
    RateLimiter* public_limit = nullptr;  // per client address on /s/{token}
};

void AddFeedbackApi(Router& router, core::services::FeedbackService& service, FeedbackApiOptions options);

// The survey page and the answer pages, for tests and the demo.
std::string SurveyPage(const core::feedback::Survey& survey, const std::string& token);
// The same in `language` (zh or en) when the customer switched.
std::string SurveyPage(const core::feedback::Survey& survey, const std::string& token, const std::string& language);

}  // namespace heed::http
