#include "triage/model_classifier.hpp"

#include <mutex>
#include <set>

#include <unicode/utf8.h>

#include "triage/sentiment_score.hpp"

namespace heed::triage {

ModelClassifier::ModelClassifier(Options options) : options_(std::move(options)) {}

ModelClassifier::FieldModels ModelClassifier::LoadFolder(const std::filesystem::path& folder,
                                                         std::vector<std::string>& problems) {
    FieldModels models;
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) return models;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".model") continue;
        auto model = TextModel::Load(entry.path().string());
        if (!model) {
            problems.push_back(model.error().message);
            continue;
        }
        models[entry.path().stem().string()] = std::make_shared<const TextModel>(std::move(*model));
    }
    if (ec) problems.push_back("cannot list " + folder.string() + ": " + ec.message());
    return models;
}

std::vector<std::string> ModelClassifier::LoadAll() {
    std::vector<std::string> problems;
    std::map<std::string, FieldModels> defaults;
    std::map<std::int64_t, FieldModels> tenants;
    std::error_code ec;
    if (!options_.default_dir.empty() && std::filesystem::is_directory(options_.default_dir, ec)) {
        for (const auto& entry : std::filesystem::directory_iterator(options_.default_dir, ec)) {
            if (entry.is_directory()) defaults[entry.path().filename().string()] = LoadFolder(entry.path(), problems);
        }
    }
    if (!options_.tenant_dir.empty() && std::filesystem::is_directory(options_.tenant_dir, ec)) {
        for (const auto& entry : std::filesystem::directory_iterator(options_.tenant_dir, ec)) {
            if (!entry.is_directory()) continue;
            auto name = entry.path().filename().string();
            std::int64_t id = 0;
            try {
                std::size_t used = 0;
                id = std::stoll(name, &used);
                if (used != name.size() || id <= 0) id = 0;
            } catch (...) {
                id = 0;
            }
            if (id == 0) {
                problems.push_back(entry.path().string() + ": not a tenant id; skipped");
                continue;
            }
            tenants[id] = LoadFolder(entry.path(), problems);
        }
    }
    std::unique_lock lock(mutex_);
    for (auto& [language, fields] : defaults) {
        for (auto& [field, model] : fields) defaults_[language][field] = std::move(model);
    }
    tenants_ = std::move(tenants);
    return problems;
}

std::vector<std::string> ModelClassifier::Reload(core::TenantId tenant) {
    std::vector<std::string> problems;
    auto models = LoadFolder(options_.tenant_dir / std::to_string(tenant.value), problems);
    std::unique_lock lock(mutex_);
    if (models.empty()) tenants_.erase(tenant.value);
    else tenants_[tenant.value] = std::move(models);
    return problems;
}

void ModelClassifier::SetDefault(const std::string& language, const std::string& field,
                                 std::shared_ptr<const TextModel> model) {
    std::unique_lock lock(mutex_);
    auto& slot = defaults_[language][field];
    if (!slot) slot = std::move(model);
}

std::string ModelClassifier::GuessLanguage(std::string_view text) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    auto length = static_cast<std::int32_t>(std::min<std::size_t>(text.size(), 4096));
    for (std::int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)) return "zh";
    }
    return "en";
}

core::ports::TextPrediction ModelClassifier::Classify(core::TenantId tenant, std::string_view text,
                                                      std::string_view language) const {
    FieldModels chosen;
    {
        std::shared_lock lock(mutex_);
        std::string lang = language.empty() ? GuessLanguage(text) : std::string(language.substr(0, 2));
        if (auto it = defaults_.find(lang); it != defaults_.end()) chosen = it->second;
        if (auto it = tenants_.find(tenant.value); it != tenants_.end()) {
            for (const auto& [field, model] : it->second) chosen[field] = model;
        }
    }
    core::ports::TextPrediction prediction;
    for (const auto& [field, model] : chosen) {
        auto top = model->Predict(text, 1);
        prediction[field] = {top.front().label, top.front().probability};
    }
    return prediction;
}

std::optional<core::ports::LexiconSentiment> ModelClassifier::ReadSentiment(std::string_view text) const {
    auto reading = triage::ReadSentiment(text);
    if (reading.terms.empty()) return std::nullopt;
    return core::ports::LexiconSentiment{reading.score, std::move(reading.terms)};
}

std::size_t ModelClassifier::default_count() const {
    std::shared_lock lock(mutex_);
    std::size_t count = 0;
    for (const auto& [language, fields] : defaults_) count += fields.size();
    return count;
}

std::size_t ModelClassifier::tenant_model_count() const {
    std::shared_lock lock(mutex_);
    std::size_t count = 0;
    for (const auto& [tenant, fields] : tenants_) count += fields.size();
    return count;
}

std::size_t ModelClassifier::tenant_memory_bytes(core::TenantId tenant) const {
    std::shared_lock lock(mutex_);
    std::size_t bytes = 0;
    if (auto it = tenants_.find(tenant.value); it != tenants_.end()) {
        for (const auto& [field, model] : it->second) bytes += model->memory_bytes();
    }
    return bytes;
}

std::vector<core::ports::LoadedModel> ModelClassifier::Loaded(core::TenantId tenant) const {
    std::shared_lock lock(mutex_);
    std::vector<core::ports::LoadedModel> out;
    auto describe = [](const std::string& field, const TextModel& model, std::string source, std::string language) {
        return core::ports::LoadedModel{field,
                                        std::move(source),
                                        std::move(language),
                                        model.labels(),
                                        static_cast<std::int64_t>(model.memory_bytes()),
                                        LearnerName(model.learner()),
                                        model.tokens().lexicon};
    };
    std::set<std::string> own;
    if (auto it = tenants_.find(tenant.value); it != tenants_.end()) {
        for (const auto& [field, model] : it->second) {
            out.push_back(describe(field, *model, "tenant", ""));
            own.insert(field);
        }
    }
    for (const auto& [language, fields] : defaults_) {
        for (const auto& [field, model] : fields) {
            if (!own.count(field)) out.push_back(describe(field, *model, "default", language));
        }
    }
    return out;
}

}  // namespace heed::triage
