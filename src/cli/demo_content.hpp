#pragma once
// Demo content for `heed demo`: complaint templates in Simplified Chinese and English, and the pools of names,
// products, places and follow-up messages the demo generator draws from. All of it is invented.
//
// Templates may contain the placeholders {product}, {order} (an order number), {days} (a small number) and
// {amount} (a money amount such as 299) in the subject, description and remedy; the generator fills them in.

#include <span>
#include <string_view>

namespace heed::cli::demo {

enum class Language { kChinese, kEnglish };

// The category is always one of the Chinese taxonomy names: 产品质量, 服务态度, 物流配送, 价格争议, 退换货,
// 信息不准确, 售后服务, 承诺未兑现, 隐私与安全, 其他.
struct Template {
    std::string_view category;     // first level, always the Chinese taxonomy name
    std::string_view subcategory;  // second level, in the template's language
    Language language;
    std::string_view subject;      // may contain placeholders
    std::string_view description;  // the customer's own words, may contain placeholders
    std::string_view remedy;       // what the customer asks for (诉求)
    std::string_view urgency;      // "urgent", "important" or "general"
    int severity;                  // 1..5
    std::string_view reply;        // the agent's first reply to the customer
    std::string_view resolution;   // resolution summary written by the agent
};

// Every category has at least six Chinese and three English templates.
std::span<const Template> Templates();
std::span<const std::string_view> ChineseNames();
std::span<const std::string_view> EnglishNames();
std::span<const std::string_view> ChineseProducts();
std::span<const std::string_view> EnglishProducts();
std::span<const std::string_view> Cities();  // Chinese city and district, e.g. 上海市浦东新区
std::span<const std::string_view> ReopenReasons(Language language);      // why a customer reopens a complaint
std::span<const std::string_view> CustomerFollowUps(Language language);  // customer follow-up messages

}  // namespace heed::cli::demo
