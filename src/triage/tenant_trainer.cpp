#include "triage/tenant_trainer.hpp"

#include <chrono>
#include <filesystem>
#include <system_error>

#include "triage/evaluation.hpp"

namespace heed::triage {

using core::ErrorCode;

namespace {
constexpr std::size_t kHoldoutMinimum = 50;  // fewer examples: all of them train, no held-out figures
}

core::Result<core::ports::TrainedModel> TenantTrainer::Train(core::TenantId tenant, const std::string& field,
                                                             const std::vector<core::ports::LabelledText>& examples) {
    std::lock_guard lock(training_);
    auto start = std::chrono::steady_clock::now();
    std::vector<Example> all;
    all.reserve(examples.size());
    for (const auto& e : examples) all.push_back({e.text, e.label});

    core::ports::TrainedModel report;
    report.field = field;
    report.examples = static_cast<std::int64_t>(all.size());
    if (all.size() >= kHoldoutMinimum) {
        std::vector<Example> train, test;
        for (std::size_t i = 0; i < all.size(); ++i) (i % 10 == 9 ? test : train).push_back(all[i]);
        auto probe = TextModel::Train(train, options_);
        if (!probe) return tl::unexpected(probe.error());
        auto quality = Evaluate(*probe, test);
        report.holdout_n = static_cast<std::int64_t>(quality.n);
        report.holdout_accuracy = quality.accuracy;
        report.holdout_macro_f1 = quality.macro_f1;
    }
    auto model = TextModel::Train(all, options_);
    if (!model) return tl::unexpected(model.error());

    auto path = classifier_.TenantModelPath(tenant, field);
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
        return core::Fail(ErrorCode::kUnavailable, "cannot create " + path.parent_path().string() + ": " + ec.message());
    }
    auto temporary = path;
    temporary += ".tmp";
    if (auto saved = model->Save(temporary.string()); !saved) return tl::unexpected(saved.error());
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        return core::Fail(ErrorCode::kUnavailable, "cannot install " + path.string());
    }
    for (const auto& problem : classifier_.Reload(tenant)) {
        if (problem.find(path.filename().string()) != std::string::npos) {
            return core::Fail(ErrorCode::kInternal, "the new model did not load: " + problem);
        }
    }
    report.labels = model->labels();
    report.memory_bytes = static_cast<std::int64_t>(model->memory_bytes());
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

}  // namespace heed::triage
