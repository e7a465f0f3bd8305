#pragma once
// A tenant's own text models (SPEC §3): trained from the tenant's complaints whose field a person or a rule set — a
// person's correction in the triage queue included — never from a model's own guesses, and installed so the next
// intake uses them. Admins and managers train; admins, managers and analysts list the models in use. Each training
// is recorded in the audit log with its figures.
//
// Thread-safety: safe to call from many threads (the store and the trainer are).

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/ports/audit_log.hpp"
#include "core/ports/complaint_store.hpp"
#include "core/ports/text_classifier.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::services {

// The fields a tenant can train a model for (the classification fields triage fills from text).
inline constexpr std::array<std::string_view, 5> kTrainableFields{"category", "subcategory", "urgency", "severity",
                                                                  "service_stage"};

class TextModelService {
public:
    struct Options {
        std::size_t min_examples = 20;  // fewer labelled complaints: refused, the default model stays
    };

    // All must outlive the service; `audit` may be null (nothing recorded, for tools and tests).
    TextModelService(ports::ComplaintStore& store, ports::TextModelTrainer& trainer, ports::AuditLog* audit,
                     Options options);
    TextModelService(ports::ComplaintStore& store, ports::TextModelTrainer& trainer, ports::AuditLog* audit)
        : TextModelService(store, trainer, audit, Options{}) {}

    // Trains the tenant's model for `field` and installs it. kInvalidArgument for a field that cannot be trained;
    // kConflict with fewer than min_examples labelled complaints or a single label.
    Result<ports::TrainedModel> Train(const workflow::Actor& actor, const std::string& field);

    // The models intake uses for the actor's tenant: its own, then the shipped defaults.
    Result<std::vector<ports::LoadedModel>> Models(const workflow::Actor& actor);

    // The examples Train learns from: text = subject + "\n" + description, label = the field's wire value
    // (severity "1" … "5"), from complaints whose field a person or a rule set.
    Result<std::vector<ports::LabelledText>> Examples(TenantId tenant, const std::string& field);

private:
    ports::ComplaintStore& store_;
    ports::TextModelTrainer& trainer_;
    ports::AuditLog* audit_;
    Options options_;
};

}  // namespace heed::core::services
