#include "core/services/text_model_service.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace heed::core::services {

using complaint::Complaint;
using complaint::FieldSource;
using workflow::Role;

namespace {

bool MayTrain(Role role) { return role == Role::kAdmin || role == Role::kManager; }
bool MayList(Role role) { return MayTrain(role) || role == Role::kAnalyst; }

// The field's value as the models speak it, or empty when the complaint has none.
std::string WireValue(const Complaint& c, std::string_view field) {
    const auto& k = c.classification;
    if (field == "category") return k.category;
    if (field == "subcategory") return k.subcategory;
    if (field == "urgency") return k.urgency ? std::string(complaint::ToString(*k.urgency)) : "";
    if (field == "severity") return k.severity ? std::to_string(*k.severity) : "";
    if (field == "service_stage") return k.service_stage ? std::string(complaint::ToString(*k.service_stage)) : "";
    return "";
}

std::string Fixed(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", value);
    return buffer;
}

}  // namespace

TextModelService::TextModelService(ports::ComplaintStore& store, ports::TextModelTrainer& trainer,
                                   ports::AuditLog* audit, Options options)
    : store_(store), trainer_(trainer), audit_(audit), options_(options) {}

Result<std::vector<ports::LabelledText>> TextModelService::Examples(TenantId tenant, const std::string& field) {
    if (std::find(kTrainableFields.begin(), kTrainableFields.end(), field) == kTrainableFields.end()) {
        return Fail(ErrorCode::kInvalidArgument,
                    "field must be one of category, subcategory, urgency, severity, service_stage", "field");
    }
    std::vector<ports::LabelledText> examples;
    auto visited = store_.ForEach(tenant, [&](const Complaint& c) {
        auto source = c.classification.field_sources.find(field);
        if (source == c.classification.field_sources.end() || source->second == FieldSource::kModel) return true;
        auto label = WireValue(c, field);
        if (label.empty() || (c.subject.empty() && c.description.empty())) return true;
        examples.push_back({c.subject + "\n" + c.description, std::move(label)});
        return true;
    });
    if (!visited) return tl::unexpected(visited.error());
    return examples;
}

Result<ports::TrainedModel> TextModelService::Train(const workflow::Actor& actor, const std::string& field) {
    if (!MayTrain(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied, "only admins and managers train the tenant's text models");
    }
    auto examples = Examples(actor.tenant, field);
    if (!examples) return tl::unexpected(examples.error());
    std::set<std::string> labels;
    for (const auto& e : *examples) labels.insert(e.label);
    if (examples->size() < options_.min_examples || labels.size() < 2) {
        return Fail(ErrorCode::kConflict,
                    "a model for " + field + " needs at least " + std::to_string(options_.min_examples) +
                        " complaints whose " + field + " a person or a rule set, with two different values (found " +
                        std::to_string(examples->size()) + " with " + std::to_string(labels.size()) + ")",
                    "field");
    }
    auto trained = trainer_.Train(actor.tenant, field, *examples);
    if (!trained) return trained;
    if (audit_) {
        std::string detail = "field=" + field + " examples=" + std::to_string(trained->examples) +
                             " labels=" + std::to_string(trained->labels.size());
        if (trained->holdout_accuracy) detail += " holdout_accuracy=" + Fixed(*trained->holdout_accuracy);
        if (auto recorded = audit_->Record({actor, "triage.model_trained", "text_model", 0, detail}); !recorded) {
            return tl::unexpected(recorded.error());
        }
    }
    return trained;
}

Result<std::vector<ports::LoadedModel>> TextModelService::Models(const workflow::Actor& actor) {
    if (!MayList(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied, "only admins, managers and analysts list the text models");
    }
    return trainer_.Loaded(actor.tenant);
}

}  // namespace heed::core::services
