#pragma once
// Demo content: complaint templates in Chinese and English with placeholders {product}, {order}, {days}, {amount},
// and the pools of names, products and places the demo generator draws from.

#include <span>
#include <string_view>

namespace heed::cli::demo {

enum class Language { kChinese, kEnglish };

struct Template {
    std::string_view category;     // first level, always the Chinese taxonomy name
    std::string_view subcategory;  // second level, in the template's language
    Language language;
    std::string_view subject;
    std::string_view description;  // the customer's own words
    std::string_view remedy;       // what the customer asks for (诉求)
    std::string_view urgency;      // "urgent", "important" or "general"
    int severity;                  // 1..5
    std::string_view reply;        // the agent's first reply
    std::string_view resolution;   // the resolution summary
};

std::span<const Template> Templates();
std::span<const std::string_view> ChineseNames();
std::span<const std::string_view> EnglishNames();
std::span<const std::string_view> ChineseProducts();
std::span<const std::string_view> EnglishProducts();
std::span<const std::string_view> Cities();
std::span<const std::string_view> ReopenReasons(Language language);
std::span<const std::string_view> CustomerFollowUps(Language language);

}  // namespace heed::cli::demo
