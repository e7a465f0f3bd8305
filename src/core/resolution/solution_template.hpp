#pragma once
// Solution templates (SPEC §5): a tenant's prepared answers per complaint category, in Chinese and English, with
// placeholders filled from the complaint when an agent uses one. Plain data and pure functions; the use cases are in
// services/template_service.hpp.
//
// Placeholder syntax: `{name}` with a name from kPlaceholders; `{{` and `}}` are literal braces. A template is
// checked whole before it is stored: an unknown placeholder or an unclosed brace is refused with the reason.
//
// Thread-safety: pure functions.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/complaint/complaint.hpp"

namespace heed::core::resolution {

using TemplateId = StrongId<struct TemplateTag>;

struct SolutionTemplate {
    TemplateId id;
    TenantId tenant;
    std::string name;      // e.g. 物流延误致歉
    std::string category;  // the complaint category it answers; empty: any category
    std::string body_zh;   // at least one of the two bodies is required
    std::string body_en;
    bool active = true;  // inactive templates are kept (with their statistics) but not suggested or used
    std::int64_t version = 0;
    std::string created_by;
    Instant created_at{};
    std::string updated_by;
    Instant updated_at{};
};

// How a template was used on a complaint.
enum class UseKind { kReply, kResolution };
inline constexpr EnumNames<UseKind, 2> kUseKindNames{{{UseKind::kReply, "reply"}, {UseKind::kResolution, "resolution"}}};
inline std::string_view ToString(UseKind kind) { return NameOf(kUseKindNames, kind); }

struct TemplateUse {
    std::int64_t id = 0;
    TenantId tenant;
    TemplateId template_id;
    ComplaintId complaint;
    UseKind kind = UseKind::kReply;
    std::string actor;
    Instant at{};
};

// What a template achieved: how often it was used and how satisfied the customers were whose complaints were
// resolved with it (their latest survey answer, Complaint::feedback). Every mean travels with its sample size.
struct TemplateStats {
    std::int64_t uses = 0;
    std::int64_t replies = 0;
    std::int64_t resolutions = 0;
    std::int64_t resolved_complaints = 0;  // distinct complaints resolved with it
    std::int64_t csat_n = 0;               // of those, how many have a CSAT answer
    double csat_sum = 0;
    std::optional<Instant> last_used_at;
    std::optional<double> CsatMean() const {
        return csat_n > 0 ? std::optional<double>(csat_sum / static_cast<double>(csat_n)) : std::nullopt;
    }
};

inline constexpr std::array<std::string_view, 9> kPlaceholders{
    "customer_name", "number", "order", "amount", "product", "category", "subject", "received_date", "agent"};

inline constexpr std::size_t kMaxNameBytes = 200;
inline constexpr std::size_t kMaxBodyBytes = 4000;
inline constexpr std::size_t kMaxTemplatesPerTenant = 1000;

// The placeholder names in `body`, in order of appearance (repeats kept). kInvalidArgument with `field` for an
// unknown name or an unclosed/unopened brace; the message says which and where.
Result<std::vector<std::string>> PlaceholdersIn(std::string_view body, const std::string& field);

// Name, category and bodies: sizes, UTF-8, at least one body, every placeholder known.
Result<void> ValidateTemplate(const SolutionTemplate& t);

// The values of the placeholders for `complaint` in `language` ("zh" or "en"); `agent` is who uses the template.
// A placeholder the complaint has no value for (no order, no amount) is absent from the map.
std::map<std::string, std::string> PlaceholderValues(const complaint::Complaint& complaint, std::string_view agent,
                                                     std::string_view language);

struct Rendered {
    std::string text;
    std::string language;              // of the body used
    std::vector<std::string> missing;  // placeholders without a value (rendered as nothing)
};

// Renders the body in `language`, or the other one when the template has none in it. REQUIRES: ValidateTemplate
// passed.
Rendered Render(const SolutionTemplate& t, std::string_view language, const std::map<std::string, std::string>& values);

}  // namespace heed::core::resolution
