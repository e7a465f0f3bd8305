#include "cli/default_models.hpp"

#include <memory>

namespace heed::cli {
namespace {

std::string Fill(std::string_view text, std::string_view product, int variant) {
    std::string out(text);
    auto replace = [&out](std::string_view from, const std::string& to) {
        for (auto at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size())) {
            out.replace(at, from.size(), to);
        }
    };
    replace("{product}", std::string(product));
    replace("{order}", std::to_string(202400000 + variant * 7919));
    replace("{days}", std::to_string(3 + variant * 4));
    replace("{amount}", std::to_string(99 + variant * 150));
    return out;
}

}  // namespace

std::vector<triage::Example> TemplateExamples(demo::Language language, const std::string& field) {
    auto products = language == demo::Language::kChinese ? demo::ChineseProducts() : demo::EnglishProducts();
    std::vector<triage::Example> examples;
    int variant = 0;
    for (const auto& t : demo::Templates()) {
        if (t.language != language) continue;
        std::string label = field == "category" ? std::string(t.category)
                            : field == "urgency" ? std::string(t.urgency)
                                                 : std::to_string(t.severity);
        for (int copy = 0; copy < 3; ++copy, ++variant) {
            auto product = products[static_cast<std::size_t>(variant) % products.size()];
            examples.push_back({Fill(t.subject, product, variant) + "\n" + Fill(t.description, product, variant), label});
        }
    }
    return examples;
}

void AddTemplateDefaults(triage::ModelClassifier& classifier) {
    triage::TrainingOptions options;
    options.bucket_bits = 16;
    for (auto [language, code] : {std::pair{demo::Language::kChinese, "zh"}, std::pair{demo::Language::kEnglish, "en"}}) {
        for (const char* field : {"category", "urgency", "severity"}) {
            auto model = triage::TextModel::Train(TemplateExamples(language, field), options);
            if (model) classifier.SetDefault(code, field, std::make_shared<const triage::TextModel>(std::move(*model)));
        }
    }
}

}  // namespace heed::cli
