#include "http/text_model_api.hpp"

#include <cmath>

#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"

namespace heed::http {

using nlohmann::json;

namespace {

json Rounded(const std::optional<double>& value) {
    return value ? json(std::round(*value * 1e4) / 1e4) : json(nullptr);
}

}  // namespace

void AddTextModelApi(Router& router, core::services::TextModelService& models,
                     std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate) {
    auto who = std::make_shared<decltype(authenticate)>(std::move(authenticate));
    auto& s = models;
    router.Add("GET", "/api/v1/triage/models", [who, &s](const Request& request) -> Response {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        auto loaded = s.Models(*actor);
        if (!loaded) return ErrorResponse(loaded.error());
        json items = json::array();
        for (const auto& m : *loaded) {
            items.push_back({{"field", m.field},
                             {"source", m.source},
                             {"language", m.language.empty() ? json(nullptr) : json(m.language)},
                             {"labels", m.labels},
                             {"memory_bytes", m.memory_bytes},
                             {"learner", m.learner},
                             {"lexicon", m.lexicon}});
        }
        return JsonResponse(200, {{"items", items}});
    });
    router.Add("POST", "/api/v1/triage/models/{field}/train", [who, &s](const Request& request) -> Response {
        auto actor = (*who)(request);
        if (!actor) return ErrorResponse(actor.error());
        if (!request.body.empty()) {
            auto body = ParseBody(request.body);
            if (!body) return ErrorResponse(body.error());
            if (!body->is_object() || !body->empty()) {
                return ErrorResponse({core::ErrorCode::kInvalidArgument, "the body must be empty or {}", "body", {}});
            }
        }
        auto trained = s.Train(*actor, request.params.at("field"));
        if (!trained) return ErrorResponse(trained.error());
        return JsonResponse(200, {{"field", trained->field},
                                  {"examples", trained->examples},
                                  {"labels", trained->labels},
                                  {"holdout",
                                   {{"n", trained->holdout_n},
                                    {"accuracy", Rounded(trained->holdout_accuracy)},
                                    {"macro_f1", Rounded(trained->holdout_macro_f1)}}},
                                  {"memory_bytes", trained->memory_bytes},
                                  {"seconds", std::round(trained->seconds * 100) / 100}});
    });
}

}  // namespace heed::http
