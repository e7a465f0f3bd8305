#include "core/resolution/solution_template.hpp"

#include <algorithm>

#include "core/common/utf8.hpp"
#include "core/complaint/pii.hpp"

namespace heed::core::resolution {

namespace {

bool Known(std::string_view name) {
    return std::find(kPlaceholders.begin(), kPlaceholders.end(), name) != kPlaceholders.end();
}

std::string KnownList() {
    std::string out;
    for (auto name : kPlaceholders) out += (out.empty() ? "{" : ", {") + std::string(name) + "}";
    return out;
}

// Walks `body`, calling `literal` with plain text and `placeholder` with each name. Stops at the first syntax error.
template <typename Literal, typename Placeholder>
Result<void> Walk(std::string_view body, const std::string& field, Literal literal, Placeholder placeholder) {
    for (std::size_t i = 0; i < body.size();) {
        char ch = body[i];
        if (ch == '{' && i + 1 < body.size() && body[i + 1] == '{') {
            literal("{");
            i += 2;
        } else if (ch == '}' && i + 1 < body.size() && body[i + 1] == '}') {
            literal("}");
            i += 2;
        } else if (ch == '{') {
            auto close = body.find('}', i + 1);
            auto next_open = body.find('{', i + 1);
            if (close == std::string_view::npos || (next_open != std::string_view::npos && next_open < close)) {
                return Fail(ErrorCode::kInvalidArgument,
                            field + ": unclosed placeholder at byte " + std::to_string(i) +
                                " (write {{ for a literal brace)",
                            field);
            }
            std::string_view name = body.substr(i + 1, close - i - 1);
            if (!Known(name)) {
                return Fail(ErrorCode::kInvalidArgument,
                            field + ": unknown placeholder {" + std::string(name) + "}; known placeholders are " +
                                KnownList(),
                            field);
            }
            placeholder(name);
            i = close + 1;
        } else if (ch == '}') {
            return Fail(ErrorCode::kInvalidArgument,
                        field + ": unmatched } at byte " + std::to_string(i) + " (write }} for a literal brace)",
                        field);
        } else {
            auto next = body.find_first_of("{}", i);
            if (next == std::string_view::npos) next = body.size();
            literal(body.substr(i, next - i));
            i = next;
        }
    }
    return {};
}

Result<void> CheckText(const std::string& value, const std::string& field, std::size_t limit, bool required) {
    if (required && value.find_first_not_of(" \t\r\n") == std::string::npos) {
        return Fail(ErrorCode::kInvalidArgument, field + " is required", field);
    }
    if (value.size() > limit) {
        return Fail(ErrorCode::kInvalidArgument, field + " is longer than " + std::to_string(limit) + " bytes", field);
    }
    if (!IsValidUtf8(value)) return Fail(ErrorCode::kInvalidArgument, field + " is not valid UTF-8", field);
    return {};
}

std::string FormatAmount(const complaint::Money& money) {
    std::int64_t units = money.minor_units < 0 ? -money.minor_units : money.minor_units;
    std::string cents = std::to_string(units % 100);
    return std::string(money.minor_units < 0 ? "-" : "") + std::to_string(units / 100) + "." +
           (cents.size() < 2 ? "0" : "") + cents + " " + money.currency;
}

}  // namespace

Result<std::vector<std::string>> PlaceholdersIn(std::string_view body, const std::string& field) {
    std::vector<std::string> names;
    auto walked = Walk(body, field, [](std::string_view) {}, [&](std::string_view name) {
        names.emplace_back(name);
    });
    if (!walked) return tl::unexpected(walked.error());
    return names;
}

Result<void> ValidateTemplate(const SolutionTemplate& t) {
    if (auto ok = CheckText(t.name, "name", kMaxNameBytes, true); !ok) return ok;
    if (auto ok = CheckText(t.category, "category", complaint::kMaxShortFieldBytes, false); !ok) return ok;
    if (auto ok = CheckText(t.body_zh, "body_zh", kMaxBodyBytes, false); !ok) return ok;
    if (auto ok = CheckText(t.body_en, "body_en", kMaxBodyBytes, false); !ok) return ok;
    bool has_zh = t.body_zh.find_first_not_of(" \t\r\n") != std::string::npos;
    bool has_en = t.body_en.find_first_not_of(" \t\r\n") != std::string::npos;
    if (!has_zh && !has_en) {
        return Fail(ErrorCode::kInvalidArgument, "a template needs a Chinese or an English body (body_zh, body_en)",
                    "body_zh");
    }
    if (auto ok = PlaceholdersIn(t.body_zh, "body_zh"); !ok) return tl::unexpected(ok.error());
    if (auto ok = PlaceholdersIn(t.body_en, "body_en"); !ok) return tl::unexpected(ok.error());
    return {};
}

std::map<std::string, std::string> PlaceholderValues(const complaint::Complaint& c, std::string_view agent,
                                                     std::string_view language) {
    std::map<std::string, std::string> values;
    auto put = [&](const char* name, const std::string& value) {
        if (!value.empty()) values[name] = value;
    };
    std::string name = c.customer.name;
    if (name.empty() || name == complaint::kErasedText) name = language == "zh" ? "客户" : "customer";
    put("customer_name", name);
    put("number", c.number);
    put("order", c.order_ref);
    if (c.amount_in_dispute) put("amount", FormatAmount(*c.amount_in_dispute));
    put("product", c.product_ref);
    put("category", c.classification.category);
    put("subject", c.subject);
    put("received_date", FormatIso8601(c.milestones.received_at).substr(0, 10));
    put("agent", std::string(agent));
    return values;
}

Rendered Render(const SolutionTemplate& t, std::string_view language, const std::map<std::string, std::string>& values) {
    bool zh = language == "zh";
    const std::string* body = zh ? &t.body_zh : &t.body_en;
    if (body->find_first_not_of(" \t\r\n") == std::string::npos) {
        zh = !zh;
        body = zh ? &t.body_zh : &t.body_en;
    }
    Rendered out;
    out.language = zh ? "zh" : "en";
    (void)Walk(*body, "body", [&](std::string_view text) { out.text += text; }, [&](std::string_view name) {
        if (auto it = values.find(std::string(name)); it != values.end()) {
            out.text += it->second;
        } else if (std::find(out.missing.begin(), out.missing.end(), name) == out.missing.end()) {
            out.missing.emplace_back(name);
        }
    });
    return out;
}

}  // namespace heed::core::resolution
