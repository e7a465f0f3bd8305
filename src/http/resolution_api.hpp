#pragma once
// The resolution workspace over HTTP (docs/resolution.md):
//   GET    /api/v1/templates[?category=&include_inactive=true]  templates with their statistics
//   POST   /api/v1/templates                    {"name", "category", "body_zh", "body_en", "active"} → 201
//   GET    /api/v1/templates/{id}
//   PUT    /api/v1/templates/{id}               the same fields and "version" (or If-Match)
//   DELETE /api/v1/templates/{id}
//   POST   /api/v1/templates/{id}/render        {"complaint_id", "language"} → the text, records nothing
//   POST   /api/v1/templates/{id}/apply         {"complaint_id", "as": "reply" | "resolution", "text", "version"}
//   GET    /api/v1/complaints/{id}/suggestions  best templates and similar resolved complaints
//   GET    /api/v1/complaints/{id}/links        related, merged-from and merged-into complaints
//   POST   /api/v1/complaints/{id}/links        {"complaint_id", "reason"} → links both
//   DELETE /api/v1/complaints/{id}/links/{other} {"reason"}
//   POST   /api/v1/complaints/{id}/merge        {"into", "reason", "version"}: this one is the duplicate
// A template that does not validate (unknown placeholder, unclosed brace) is 422 with the reason.

#include <functional>

#include "core/services/complaint_service.hpp"
#include "core/services/suggestion_service.hpp"
#include "core/services/template_service.hpp"
#include "http/router.hpp"

namespace heed::http {

void AddResolutionApi(Router& router, core::services::TemplateService& templates,
                      core::services::SuggestionService& suggestions, core::services::ComplaintService& complaints,
                      std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate);

}  // namespace heed::http
