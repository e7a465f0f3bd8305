#pragma once
// Trains a tenant's own text model for one field and installs it in the ModelClassifier (core::ports::
// TextModelTrainer). The model is written beside the tenant's other models (<tenant_dir>/<tenant id>/<field>.model)
// through a temporary file and a rename, so a reader never sees half a file and a failed training leaves the previous
// model in place; the classifier then re-reads the tenant's models.
//
// Held-out figures: when there are at least 50 examples, every tenth is held out, a model trained on the rest is
// tested on them, and the installed model is then trained on all examples.
//
// Thread-safety: trainings are serialised (one at a time per process: training uses a core fully).

#include <mutex>

#include "core/ports/text_classifier.hpp"
#include "triage/model_classifier.hpp"
#include "triage/text_model.hpp"

namespace heed::triage {

class TenantTrainer final : public core::ports::TextModelTrainer {
public:
    // `classifier` must outlive the trainer.
    TenantTrainer(ModelClassifier& classifier, TrainingOptions options) : classifier_(classifier), options_(options) {}
    explicit TenantTrainer(ModelClassifier& classifier) : TenantTrainer(classifier, TrainingOptions{}) {}

    core::Result<core::ports::TrainedModel> Train(core::TenantId tenant, const std::string& field,
                                                  const std::vector<core::ports::LabelledText>& examples) override;
    std::vector<core::ports::LoadedModel> Loaded(core::TenantId tenant) const override {
        return classifier_.Loaded(tenant);
    }

private:
    ModelClassifier& classifier_;
    TrainingOptions options_;
    std::mutex training_;
};

}  // namespace heed::triage
