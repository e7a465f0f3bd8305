#pragma once
// The text models behind core::ports::TextClassifier: per-tenant model files, falling back to the defaults that ship
// with Heed for the complaint's language.
//
// Layout on disk:
//   <tenant_dir>/<tenant id>/<field>.model     a tenant's own models (trained from its labelled complaints)
//   <default_dir>/<language>/<field>.model     the shipped defaults ("zh", "en")
// where <field> is category, sentiment, urgency, severity, subcategory or service_stage. A tenant model for a field
// replaces the default for that field; fields with no model at all are absent from the prediction.
//
// Thread-safe: Classify may run on many threads while Reload or SetDefault swap models in; a model in use stays
// alive until its last reader is done.

#include <filesystem>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/ports/text_classifier.hpp"
#include "triage/text_model.hpp"

namespace heed::triage {

class ModelClassifier final : public core::ports::TextClassifier {
public:
    struct Options {
        std::filesystem::path tenant_dir;   // may not exist yet: no tenant has its own models
        std::filesystem::path default_dir;  // empty: no shipped defaults on disk
    };

    explicit ModelClassifier(Options options);

    // Loads every default and every tenant's models. Files that cannot be loaded are skipped; the problems are
    // returned (one line each) for the caller to log.
    std::vector<std::string> LoadAll();
    // Re-reads one tenant's models (after it trained new ones).
    std::vector<std::string> Reload(core::TenantId tenant);
    // Installs a default model for a language and field (e.g. one trained at start from text Heed owns), unless a
    // default file for it was loaded.
    void SetDefault(const std::string& language, const std::string& field, std::shared_ptr<const TextModel> model);

    core::ports::TextPrediction Classify(core::TenantId tenant, std::string_view text,
                                         std::string_view language) const override;
    // English: VADER's lexicon and rules; Chinese: Heed's own list (sentiment_score.hpp).
    std::optional<core::ports::LexiconSentiment> ReadSentiment(std::string_view text) const override;

    // How many models are loaded: defaults and tenant models.
    std::size_t default_count() const;
    std::size_t tenant_model_count() const;
    // Total memory held by one tenant's models (defaults not counted).
    std::size_t tenant_memory_bytes(core::TenantId tenant) const;
    // The models a tenant's intake uses: its own, then the defaults for fields it has none for.
    std::vector<core::ports::LoadedModel> Loaded(core::TenantId tenant) const;
    // Where a tenant's model for `field` lives.
    std::filesystem::path TenantModelPath(core::TenantId tenant, const std::string& field) const {
        return options_.tenant_dir / std::to_string(tenant.value) / (field + ".model");
    }

    // "zh" when the text has Chinese characters, otherwise "en".
    static std::string GuessLanguage(std::string_view text);

private:
    using FieldModels = std::map<std::string, std::shared_ptr<const TextModel>>;
    static FieldModels LoadFolder(const std::filesystem::path& folder, std::vector<std::string>& problems);

    Options options_;
    mutable std::shared_mutex mutex_;
    std::map<std::string, FieldModels> defaults_;  // language → field → model
    std::map<std::int64_t, FieldModels> tenants_;  // tenant id → field → model
};

}  // namespace heed::triage
