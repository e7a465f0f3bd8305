#pragma once
// `heed demo`, resolution part: solution templates in Chinese and English for the main categories (and one for any
// category), a history of their use on the demo's resolved complaints — so their statistics show uses and the
// satisfaction of the surveys already answered — a few live replies with a template, related complaints linked, and
// duplicates merged into their primary complaint.

#include "core/ports/template_store.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/template_service.hpp"

namespace heed::cli {

struct ResolutionDemoReport {
    int templates = 0;
    int uses = 0;
    int rated = 0;  // uses on complaints whose customer answered the survey
    int links = 0;
    int merged = 0;
};

// Run after the feedback part, so the survey answers are on the complaints.
core::Result<ResolutionDemoReport> SeedResolutionDemo(core::services::TemplateService& templates,
                                                      core::ports::TemplateStore& store,
                                                      core::services::ComplaintService& complaints,
                                                      core::TenantId tenant);

}  // namespace heed::cli
