#pragma once
// A tenant's text models over HTTP (core/services/text_model_service.hpp, docs/text_models.md):
//   GET  /api/v1/triage/models                admins, managers, analysts: the models intake uses for the tenant
//   POST /api/v1/triage/models/{field}/train  admins, managers: train the tenant's model for the field from its
//                                             complaints a person or a rule labelled, and install it → 200 with
//                                             the figures; too few labelled complaints → 409
// Training is audited.

#include <functional>

#include "core/services/text_model_service.hpp"
#include "http/router.hpp"

namespace heed::http {

void AddTextModelApi(Router& router, core::services::TextModelService& models,
                     std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate);

}  // namespace heed::http
