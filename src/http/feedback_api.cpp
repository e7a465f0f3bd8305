#include "http/feedback_api.hpp"

#include <set>

#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"
#include "http/params.hpp"
#include "core/common/html.hpp"

namespace heed::http {

using core::ErrorCode;
using nlohmann::json;
namespace feedback = core::feedback;
namespace services = core::services;

namespace {

core::Error Bad(std::string message, std::string field) {
    return core::Error{ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}};
}

json OptionalInt(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
json OptionalTime(const std::optional<core::Instant>& v) { return v ? json(core::FormatIso8601(*v)) : json(nullptr); }
json OptionalDouble(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json SurveyToJson(const services::SurveyLink& link) {
    const auto& s = link.survey;
    json questions = json::array();
    for (const auto& q : s.questions) questions.push_back({{"key", q.key}, {"zh", q.zh}, {"en", q.en}});
    json out{{"id", s.id},
             {"complaint_id", s.complaint.value},
             {"number", s.number},
             {"language", s.language},
             {"assignee", s.assignee},
             {"questions", questions},
             {"created_at", core::FormatIso8601(s.created_at)},
             {"created_by", s.created_by},
             {"expires_at", core::FormatIso8601(s.expires_at)},
             {"url", "/s/" + link.token},
             {"answered_at", OptionalTime(s.answered_at)},
             {"answer", nullptr}};
    if (s.answered_at) {
        out["answer"] = {{"csat", OptionalInt(s.answer.csat)},
                         {"nps", OptionalInt(s.answer.nps)},
                         {"effort", OptionalInt(s.answer.effort)},
                         {"answers", s.answer.answers},
                         {"comment", s.answer.comment}};
    }
    return out;
}

json FollowUpToJson(const feedback::FollowUp& f, core::Instant now) {
    return json{{"id", f.id},
                {"complaint_id", f.complaint.value},
                {"number", f.number},
                {"kind", core::NameOf(feedback::kFollowUpKindNames, f.kind)},
                {"due_at", core::FormatIso8601(f.due_at)},
                {"assignee", f.assignee},
                {"team", f.team},
                {"status", core::NameOf(feedback::kFollowUpStatusNames, f.status)},
                {"timeliness", core::NameOf(feedback::kTimelinessNames, feedback::TimelinessAt(f, now))},
                {"outcome", f.outcome ? json(core::NameOf(feedback::kFollowUpOutcomeNames, *f.outcome)) : json(nullptr)},
                {"note", f.note},
                {"created_at", core::FormatIso8601(f.created_at)},
                {"done_at", OptionalTime(f.done_at)},
                {"done_by", f.done_by},
                {"survey_id", f.survey_id ? json(*f.survey_id) : json(nullptr)}};
}

json StatsToJson(const feedback::SurveyStats& s) {
    return json{{"sent", s.sent},
                {"answered", s.answered},
                {"response_rate", OptionalDouble(feedback::ResponseRate(s))},
                {"csat", {{"mean", OptionalDouble(feedback::CsatMean(s))},
                          {"satisfied_percent", OptionalDouble(feedback::CsatPercent(s))},
                          {"n", s.csat_n}}},
                {"nps", {{"score", OptionalDouble(feedback::NpsScore(s))},
                         {"promoters", s.promoters},
                         {"passives", s.passives},
                         {"detractors", s.detractors},
                         {"n", s.nps_n}}},
                {"effort", {{"mean", OptionalDouble(feedback::EffortMean(s))}, {"n", s.effort_n}}}};
}

const char* const kPageStyle =
    "body{font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;max-width:40rem;margin:0 auto;"
    "padding:1rem;line-height:1.5;color:#1f2933}fieldset{border:1px solid #cbd2d9;border-radius:.5rem;margin:0 0 1rem;"
    "padding:.75rem}legend{font-weight:600;padding:0 .25rem}.scale{display:flex;flex-wrap:wrap;gap:.25rem}"
    ".scale label{display:inline-flex;align-items:center;justify-content:center;min-width:2.5rem;min-height:2.5rem;"
    "border:1px solid #9aa5b1;border-radius:.375rem;cursor:pointer}.scale input{margin:0 .2rem 0 0}"
    "textarea{width:100%;box-sizing:border-box;min-height:6rem;font:inherit}button{font:inherit;padding:.75rem 1.5rem;"
    "border:0;border-radius:.5rem;background:#1f6feb;color:#fff;width:100%}small{color:#52606d}"
    ".lang{text-align:right;margin:0}.lang a{display:inline-block;padding:.5rem .75rem;color:#1f6feb}";

// The language a survey page is shown in: ?lang=zh or ?lang=en when the customer switched, else the survey's own
// (the customer's language at intake). Other values are ignored: the page still has to open.
std::string PageLanguage(const Request& request, const std::string& survey_language) {
    auto it = request.query.find("lang");
    if (it != request.query.end() && (it->second == "zh" || it->second == "en")) return it->second;
    return survey_language;
}

std::string Page(const std::string& language, const std::string& title, const std::string& body) {
    return "<!doctype html><html lang=\"" + std::string(language == "zh" ? "zh-CN" : "en") +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
           "<meta name=\"robots\" content=\"noindex\"><title>" + core::EscapeHtml(title) + "</title><style>" + kPageStyle +
           "</style></head><body>" + body + "</body></html>";
}

std::string Scale(const std::string& name, int low, int high, bool required) {
    std::string out = "<div class=\"scale\">";
    for (int i = low; i <= high; ++i) {
        std::string v = std::to_string(i);
        out += "<label><input type=\"radio\" name=\"" + name + "\" value=\"" + v + "\"" +
               (required && i == low ? " required" : "") + ">" + v + "</label>";
    }
    return out + "</div>";
}

std::string MessagePage(const std::string& language, bool zh_title_only, const std::string& zh, const std::string& en) {
    (void)zh_title_only;
    bool zh_page = language == "zh";
    const std::string& text = zh_page ? zh : en;
    return Page(language, text, "<h1>" + core::EscapeHtml(text) + "</h1>");
}

Response Html(int status, std::string body) { return Response{status, "text/html; charset=utf-8", std::move(body), {}}; }

bool IsForm(const Request& request) {
    return request.Header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0;
}

// Reads an answer from a form (csat, nps, effort, q_<key>, comment) or a JSON body (csat, nps, effort, answers,
// comment). Unknown fields are refused by name.
core::Result<feedback::SurveyAnswer> AnswerFrom(const Request& request) {
    feedback::SurveyAnswer answer;
    auto score = [](std::string_view text, const std::string& field) -> core::Result<std::optional<int>> {
        if (text.empty()) return std::optional<int>();
        auto value = ParseInteger(text);
        if (!value || *value < -1000 || *value > 1000) return tl::unexpected(Bad(field + " must be a whole number", field));
        return std::optional<int>(static_cast<int>(*value));
    };
    if (IsForm(request)) {
        std::string ignored;
        std::map<std::string, std::string> fields;
        if (!SplitTarget("?" + request.body, ignored, fields)) return tl::unexpected(Bad("malformed form", "body"));
        for (const auto& [key, value] : fields) {
            if (key == "csat" || key == "nps" || key == "effort") {
                auto v = score(value, key);
                if (!v) return tl::unexpected(v.error());
                (key == "csat" ? answer.csat : key == "nps" ? answer.nps : answer.effort) = *v;
            } else if (key.rfind("q_", 0) == 0) {
                auto v = score(value, key.substr(2));
                if (!v) return tl::unexpected(v.error());
                if (*v) answer.answers[key.substr(2)] = **v;
            } else if (key == "comment") {
                answer.comment = value;
            } else {
                return tl::unexpected(Bad("unknown field " + key, key));
            }
        }
        return answer;
    }
    auto body = ParseBody(request.body);
    if (!body) return tl::unexpected(body.error());
    for (const auto& [key, value] : body->items()) {
        if (key == "csat" || key == "nps" || key == "effort") {
            if (value.is_null()) continue;
            if (!value.is_number_integer()) return tl::unexpected(Bad(key + " must be an integer", key));
            auto v = value.get<std::int64_t>();
            if (v < -1000 || v > 1000) return tl::unexpected(Bad(key + " is out of range", key));
            (key == "csat" ? answer.csat : key == "nps" ? answer.nps : answer.effort) = static_cast<int>(v);
        } else if (key == "answers") {
            if (!value.is_object()) return tl::unexpected(Bad("answers must be an object of integers", "answers"));
            for (const auto& [q, v] : value.items()) {
                if (!v.is_number_integer() || v.get<std::int64_t>() < -1000 || v.get<std::int64_t>() > 1000) {
                    return tl::unexpected(Bad("answers." + q + " must be an integer 1–5", q));
                }
                answer.answers[q] = static_cast<int>(v.get<std::int64_t>());
            }
        } else if (key == "comment") {
            if (!value.is_string()) return tl::unexpected(Bad("comment must be a string", "comment"));
            answer.comment = value.get<std::string>();
        } else {
            return tl::unexpected(Bad("unknown field " + key, key));
        }
    }
    return answer;
}

core::Result<std::optional<core::Instant>> TimeParam(const Request& request, const char* key) {
    auto it = request.query.find(key);
    if (it == request.query.end()) return std::optional<core::Instant>();
    auto parsed = core::ParseIso8601(it->second);
    if (!parsed) return tl::unexpected(Bad(std::string(key) + " must be ISO 8601", key));
    return std::optional<core::Instant>(*parsed);
}

core::Result<void> OnlyParams(const Request& request, const std::set<std::string>& known) {
    for (const auto& [key, value] : request.query) {
        if (!known.count(key)) return tl::unexpected(Bad("unknown query parameter " + key, key));
    }
    return {};
}

}  // namespace

std::string SurveyPage(const feedback::Survey& survey, const std::string& token, const std::string& language) {
    bool zh = language == "zh";
    std::string title = zh ? "满意度调查" : "Satisfaction survey";
    // The other language, one tap away (the answers stay as they are: nothing is recorded until the form is sent).
    std::string body = std::string("<p class=\"lang\">") +
                       (zh ? "<a href=\"/s/" + core::EscapeHtml(token) + "?lang=en\" lang=\"en\" hreflang=\"en\">English</a>"
                           : "<a href=\"/s/" + core::EscapeHtml(token) + "?lang=zh\" lang=\"zh-CN\" hreflang=\"zh-CN\">中文</a>") +
                       "</p><h1>" + title + "</h1><p>" +
                       core::EscapeHtml(zh ? "投诉单号 " + survey.number + "：感谢您花一分钟告诉我们处理得怎么样。"
                                 : "Complaint " + survey.number + ": thank you for taking a minute to tell us how we did.") +
                       "</p><form method=\"post\" action=\"/s/" + core::EscapeHtml(token) + "?lang=" + (zh ? "zh" : "en") + "\">";
    body += "<fieldset><legend>" +
            core::EscapeHtml(zh ? "总体而言，您对这次投诉的处理满意吗？（1 很不满意 — 5 非常满意）"
                      : "Overall, how satisfied are you with how we handled your complaint? (1 very dissatisfied — 5 very satisfied)") +
            "</legend>" + Scale("csat", 1, 5, true) + "</fieldset>";
    for (const auto& q : survey.questions) {
        body += "<fieldset><legend>" + core::EscapeHtml(zh ? q.zh : q.en) + " <small>(1–5)</small></legend>" +
                Scale("q_" + q.key, 1, 5, false) + "</fieldset>";
    }
    body += "<fieldset><legend>" +
            core::EscapeHtml(zh ? "您有多大可能向朋友或同事推荐我们？（0 完全不可能 — 10 极有可能）"
                      : "How likely are you to recommend us to a friend or colleague? (0 not at all — 10 extremely likely)") +
            "</legend>" + Scale("nps", 0, 10, false) + "</fieldset>";
    body += "<fieldset><legend>" +
            core::EscapeHtml(zh ? "解决这个问题对您来说有多费力？（1 非常省力 — 7 非常费力）"
                      : "How much effort did it take you to get this resolved? (1 very little — 7 a great deal)") +
            "</legend>" + Scale("effort", 1, 7, false) + "</fieldset>";
    body += "<fieldset><legend>" + core::EscapeHtml(zh ? "还有什么想告诉我们的？（选填）" : "Anything else you would like to tell us? (optional)") +
            "</legend><textarea name=\"comment\" maxlength=\"2000\"></textarea></fieldset>";
    body += "<button type=\"submit\">" + core::EscapeHtml(zh ? "提交" : "Submit") + "</button></form>";
    return Page(language, title, body);
}

std::string SurveyPage(const feedback::Survey& survey, const std::string& token) {
    return SurveyPage(survey, token, survey.language);
}

void AddFeedbackApi(Router& router, services::FeedbackService& service, FeedbackApiOptions options) {
    auto& s = service;
    auto auth = std::make_shared<decltype(options.authenticate)>(std::move(options.authenticate));
    auto authed = [auth](auto handler) {
        return [auth, handler](const Request& request) -> Response {
            auto actor = (*auth)(request);
            if (!actor) return ErrorResponse(actor.error());
            return handler(request, *actor);
        };
    };
    using Actor = core::workflow::Actor;

    router.Add("POST", "/api/v1/surveys", authed([&s](const Request& request, const Actor& actor) {
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        std::optional<std::int64_t> complaint, hours;
        for (const auto& [key, value] : body->items()) {
            if (key != "complaint_id" && key != "valid_hours") return ErrorResponse(Bad("unknown field " + key, key));
            if (!value.is_number_integer()) return ErrorResponse(Bad(key + " must be an integer", key));
            (key == "complaint_id" ? complaint : hours) = value.get<std::int64_t>();
        }
        if (!complaint || *complaint <= 0) return ErrorResponse(Bad("complaint_id is required", "complaint_id"));
        std::optional<std::chrono::hours> valid_for;
        if (hours) valid_for = std::chrono::hours(std::clamp<std::int64_t>(*hours, -1, 1'000'000));
        auto link = s.SendSurvey(actor, core::ComplaintId{*complaint}, valid_for);
        if (!link) return ErrorResponse(link.error());
        Response response = JsonResponse(201, SurveyToJson(*link));
        response.headers.emplace_back("Location", "/api/v1/surveys/" + std::to_string(link->survey.id));
        return response;
    }));

    router.Add("GET", "/api/v1/surveys", authed([&s](const Request& request, const Actor& actor) {
        if (auto ok = OnlyParams(request, {"complaint_id"}); !ok) return ErrorResponse(ok.error());
        auto it = request.query.find("complaint_id");
        auto id = it == request.query.end() ? std::nullopt : ParseInteger(it->second);
        if (!id || *id <= 0) return ErrorResponse(Bad("complaint_id is required", "complaint_id"));
        auto links = s.SurveysOf(actor, core::ComplaintId{*id});
        if (!links) return ErrorResponse(links.error());
        json items = json::array();
        for (const auto& link : *links) items.push_back(SurveyToJson(link));
        return JsonResponse(200, {{"items", items}});
    }));

    router.Add("GET", "/api/v1/surveys/stats", authed([&s](const Request& request, const Actor& actor) {
        if (auto ok = OnlyParams(request, {"from", "to", "assignee"}); !ok) return ErrorResponse(ok.error());
        auto from = TimeParam(request, "from");
        if (!from) return ErrorResponse(from.error());
        auto to = TimeParam(request, "to");
        if (!to) return ErrorResponse(to.error());
        std::optional<std::string> assignee;
        if (auto it = request.query.find("assignee"); it != request.query.end()) assignee = it->second;
        auto stats = s.Stats(actor, *from, *to, assignee);
        if (!stats) return ErrorResponse(stats.error());
        json out = StatsToJson(*stats);
        out["from"] = OptionalTime(*from);
        out["to"] = OptionalTime(*to);
        out["assignee"] = assignee ? json(*assignee) : json(nullptr);
        return JsonResponse(200, out);
    }));

    router.Add("GET", "/api/v1/surveys/{id}", authed([&s](const Request& request, const Actor& actor) {
        auto id = ParseInteger(request.params.at("id"));
        if (!id || *id <= 0) return ErrorResponse({ErrorCode::kNotFound, "survey not found", "", {}});
        auto link = s.GetSurvey(actor, *id);
        if (!link) return ErrorResponse(link.error());
        return JsonResponse(200, SurveyToJson(*link));
    }));

    router.Add("GET", "/api/v1/settings/survey", authed([&s](const Request&, const Actor& actor) {
        if (actor.role == core::workflow::Role::kCustomer) {
            return ErrorResponse({ErrorCode::kPermissionDenied, "staff only", "", {}});
        }
        auto questions = s.Questions(actor.tenant);
        if (!questions) return ErrorResponse(questions.error());
        json items = json::array();
        for (const auto& q : *questions) items.push_back({{"key", q.key}, {"zh", q.zh}, {"en", q.en}});
        return JsonResponse(200, {{"questions", items}});
    }));

    router.Add("PUT", "/api/v1/settings/survey", authed([&s](const Request& request, const Actor& actor) {
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        for (const auto& [key, value] : body->items()) {
            if (key != "questions") return ErrorResponse(Bad("unknown field " + key, key));
        }
        auto list = body->find("questions");
        if (list == body->end() || !list->is_array()) {
            return ErrorResponse(Bad("questions must be an array of {key, zh, en}", "questions"));
        }
        std::vector<feedback::SurveyQuestion> questions;
        for (const auto& q : *list) {
            if (!q.is_object() || q.size() != 3 || !q.contains("key") || !q.contains("zh") || !q.contains("en") ||
                !q["key"].is_string() || !q["zh"].is_string() || !q["en"].is_string()) {
                return ErrorResponse(Bad("each question is {key, zh, en} with string values", "questions"));
            }
            questions.push_back({q["key"].get<std::string>(), q["zh"].get<std::string>(), q["en"].get<std::string>()});
        }
        auto set = s.SetQuestions(actor, questions);
        if (!set) return ErrorResponse(set.error());
        return JsonResponse(200, {{"questions", *list}});
    }));

    // The public survey page. The token is the credential; the page is the same for everyone holding the link.
    auto gate = [limit = options.public_limit](const Request& request) -> std::optional<Response> {
        if (!limit) return std::nullopt;
        if (auto wait = limit->Take(request.remote_address, std::chrono::steady_clock::now())) {
            Response refusal = ErrorResponse({ErrorCode::kResourceExhausted,
                                              "too many requests; retry in " + std::to_string(wait->count()) + " s", "", {}});
            refusal.headers.emplace_back("Retry-After", std::to_string(wait->count()));
            return refusal;
        }
        return std::nullopt;
    };
    auto not_found_page = [] {
        return Html(404, Page("zh", "链接无效 / Link not valid",
                              "<h1>链接无效</h1><p>此调查链接无效。</p><h1 lang=\"en\">Link not valid</h1>"
                              "<p lang=\"en\">This survey link is not valid.</p>"));
    };
    router.Add("GET", "/s/{token}", [&s, gate, not_found_page](const Request& request) {
        if (auto refusal = gate(request)) return *refusal;
        const std::string& token = request.params.at("token");
        auto opened = s.OpenSurvey(token);
        if (!opened) return not_found_page();
        const std::string language = PageLanguage(request, opened->survey.language);
        switch (opened->state) {
            case services::SurveyState::kAnswered:
                return Html(409, MessagePage(language, false, "您已提交过这份调查，谢谢！",
                                             "You have already answered this survey. Thank you!"));
            case services::SurveyState::kExpired:
                return Html(410, MessagePage(language, false, "此调查链接已过期。", "This survey link has expired."));
            case services::SurveyState::kOpen: break;
        }
        return Html(200, SurveyPage(opened->survey, token, language));
    });

    router.Add("POST", "/s/{token}", [&s, gate, not_found_page](const Request& request) {
        if (auto refusal = gate(request)) return *refusal;
        bool form = IsForm(request);
        const std::string& token = request.params.at("token");
        auto opened = s.OpenSurvey(token);
        if (!opened) return form ? not_found_page() : ErrorResponse(opened.error());
        const std::string language = PageLanguage(request, opened->survey.language);
        auto answer = AnswerFrom(request);
        core::Result<feedback::Survey> answered =
            answer ? s.AnswerSurvey(token, *answer) : core::Result<feedback::Survey>(tl::unexpected(answer.error()));
        if (answered) {
            if (!form) return JsonResponse(201, {{"status", "answered"}, {"survey_id", answered->id},
                                                 {"answered_at", core::FormatIso8601(*answered->answered_at)}});
            return Html(201, MessagePage(language, false, "感谢您的反馈！", "Thank you for your feedback!"));
        }
        const auto& error = answered.error();
        int status = error.code == ErrorCode::kFailedPrecondition ? 410 : StatusFor(error.code);
        if (!form) {
            Response response = ErrorResponse(error);
            response.status = status;
            return response;
        }
        if (status == 409) {
            return Html(409, MessagePage(language, false, "您已提交过这份调查，谢谢！",
                                         "You have already answered this survey. Thank you!"));
        }
        if (status == 410) return Html(410, MessagePage(language, false, "此调查链接已过期。", "This survey link has expired."));
        if (status == 400) {
            return Html(400, Page(language, language == "zh" ? "请检查您的回答" : "Please check your answers",
                                  "<h1>" + core::EscapeHtml(language == "zh" ? "请检查您的回答" : "Please check your answers") +
                                      "</h1><p>" + core::EscapeHtml(error.message) + "</p><p><a href=\"/s/" + core::EscapeHtml(token) +
                                      "?lang=" + language + "\">" + (language == "zh" ? "返回" : "Back") + "</a></p>"));
        }
        return Html(status, MessagePage(language, false, "暂时无法提交，请稍后再试。", "Something went wrong; please try again later."));
    });

    router.Add("GET", "/api/v1/followups", authed([&s](const Request& request, const Actor& actor) {
        if (auto ok = OnlyParams(request, {"complaint_id", "assignee", "agent", "team", "status", "due_after",
                                           "due_before", "limit", "after_id"});
            !ok) {
            return ErrorResponse(ok.error());
        }
        core::ports::FollowUpQuery query;
        const auto& q = request.query;
        if (auto it = q.find("complaint_id"); it != q.end()) {
            auto id = ParseInteger(it->second);
            if (!id || *id <= 0) return ErrorResponse(Bad("complaint_id must be a positive integer", "complaint_id"));
            query.complaint = core::ComplaintId{*id};
        }
        if (auto it = q.find("assignee"); it != q.end()) query.assignee = it->second;
        if (auto it = q.find("agent"); it != q.end()) query.assignee = it->second;
        if (auto it = q.find("team"); it != q.end()) query.team = it->second;
        auto after = TimeParam(request, "due_after");
        if (!after) return ErrorResponse(after.error());
        auto before = TimeParam(request, "due_before");
        if (!before) return ErrorResponse(before.error());
        query.due_after = *after;
        query.due_before = *before;
        for (const char* key : {"limit", "after_id"}) {
            if (auto it = q.find(key); it != q.end()) {
                auto v = ParseInteger(it->second);
                if (!v || *v < 0) return ErrorResponse(Bad(std::string(key) + " must be a non-negative integer", key));
                if (std::string_view(key) == "limit") query.limit = static_cast<int>(std::min<std::int64_t>(*v, 100000));
                else query.after_id = *v;
            }
        }
        core::Instant now = s.Now();
        auto ms = [](core::Instant t) { return t; };
        auto narrow_after = [&](core::Instant t) { query.due_after = query.due_after ? std::max(*query.due_after, t) : t; };
        auto narrow_before = [&](core::Instant t) { query.due_before = query.due_before ? std::min(*query.due_before, t) : t; };
        if (auto it = q.find("status"); it != q.end()) {
            const std::string& status = it->second;
            auto one = std::chrono::milliseconds(1);
            if (auto plain = core::ValueOf(feedback::kFollowUpStatusNames, status)) {
                query.status = *plain;
            } else if (status == "due") {  // its day: due_at ≤ now < due_at + 24 h
                query.status = feedback::FollowUpStatus::kPending;
                narrow_after(ms(now - feedback::kFollowUpGrace + one));
                narrow_before(now + one);
            } else if (status == "overdue") {
                query.status = feedback::FollowUpStatus::kPending;
                narrow_before(now - feedback::kFollowUpGrace + one);
            } else if (status == "scheduled") {
                query.status = feedback::FollowUpStatus::kPending;
                narrow_after(now + one);
            } else {
                return ErrorResponse(Bad("status must be pending, done, cancelled, due, overdue or scheduled", "status"));
            }
        }
        auto found = s.FollowUps(actor, query);
        if (!found) return ErrorResponse(found.error());
        json items = json::array();
        for (const auto& f : *found) items.push_back(FollowUpToJson(f, now));
        json next = static_cast<int>(found->size()) == query.limit && !found->empty() ? json(found->back().id) : json(nullptr);
        return JsonResponse(200, {{"items", items}, {"next_after_id", next}});
    }));

    router.Add("GET", "/api/v1/followups/queues", authed([&s](const Request&, const Actor& actor) {
        auto queues = s.Queues(actor);
        if (!queues) return ErrorResponse(queues.error());
        json items = json::array();
        for (const auto& q : *queues) {
            items.push_back({{"assignee", q.assignee}, {"due", q.due}, {"overdue", q.overdue}, {"scheduled", q.scheduled}});
        }
        return JsonResponse(200, {{"items", items}, {"at", core::FormatIso8601(s.Now())}});
    }));

    router.Add("GET", "/api/v1/followups/{id}", authed([&s](const Request& request, const Actor& actor) {
        auto id = ParseInteger(request.params.at("id"));
        if (!id || *id <= 0) return ErrorResponse({ErrorCode::kNotFound, "follow-up not found", "", {}});
        auto found = s.GetFollowUp(actor, *id);
        if (!found) return ErrorResponse(found.error());
        return JsonResponse(200, FollowUpToJson(*found, s.Now()));
    }));

    router.Add("POST", "/api/v1/followups/{id}/outcome", authed([&s](const Request& request, const Actor& actor) {
        auto id = ParseInteger(request.params.at("id"));
        if (!id || *id <= 0) return ErrorResponse({ErrorCode::kNotFound, "follow-up not found", "", {}});
        auto body = ParseBody(request.body);
        if (!body) return ErrorResponse(body.error());
        services::OutcomeInput input;
        for (const auto& [key, value] : body->items()) {
            if (key == "solved" || key == "reached" || key == "send_survey") {
                if (!value.is_boolean()) return ErrorResponse(Bad(key + " must be true or false", key));
                if (key == "solved") input.solved = value.get<bool>();
                else if (key == "reached") input.reached = value.get<bool>();
                else input.send_survey = value.get<bool>();
            } else if (key == "note") {
                if (!value.is_string()) return ErrorResponse(Bad("note must be a string", "note"));
                input.note = value.get<std::string>();
            } else {
                return ErrorResponse(Bad("unknown field " + key, key));
            }
        }
        auto result = s.RecordOutcome(actor, *id, input);
        if (!result) return ErrorResponse(result.error());
        json out{{"follow_up", FollowUpToJson(result->follow_up, s.Now())},
                 {"complaint", {{"id", result->complaint.id.value},
                                {"number", result->complaint.number},
                                {"status", core::workflow::ToString(result->complaint.status)},
                                {"version", result->complaint.version}}},
                 {"survey", result->survey ? SurveyToJson(*result->survey) : json(nullptr)}};
        return JsonResponse(200, out);
    }));
}

}  // namespace heed::http
