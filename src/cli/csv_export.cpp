#include "cli/csv_export.hpp"

#include <ostream>

#include "core/complaint/pii.hpp"

namespace heed::cli {
namespace {

void WriteField(std::ostream& out, std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        out << value;
        return;
    }
    out << '"';
    for (char c : value) {
        if (c == '"') out << '"';
        out << c;
    }
    out << '"';
}

std::string Time(const std::optional<core::Instant>& value) { return value ? core::FormatIso8601(*value) : ""; }

}  // namespace

core::Result<std::int64_t> ExportCsv(core::ports::ComplaintStore& store, core::TenantId tenant, std::ostream& out,
                                     bool with_contact_details) {
    static const char* kColumns[] = {"number", "status", "received_at", "channel", "service_type", "customer_name",
                                     "customer_phone", "customer_email", "category", "subcategory", "urgency",
                                     "severity", "subject", "description", "assignee", "team", "resolution_summary",
                                     "first_response_at", "resolved_at", "closed_at", "source_ref"};
    for (std::size_t i = 0; i < std::size(kColumns); ++i) out << (i ? "," : "") << kColumns[i];
    out << "\r\n";
    std::int64_t rows = 0;
    auto visited = store.ForEach(tenant, [&](core::complaint::Complaint c) {
        if (!with_contact_details) core::complaint::MaskContactDetails(c);
        const auto& k = c.classification;
        const std::string values[] = {
            c.number, std::string(core::workflow::ToString(c.status)), core::FormatIso8601(c.milestones.received_at),
            std::string(core::complaint::ToString(c.channel)), std::string(core::complaint::ToString(c.service_type)),
            c.customer.name, c.customer.phone, c.customer.email, k.category, k.subcategory,
            k.urgency ? std::string(core::complaint::ToString(*k.urgency)) : "",
            k.severity ? std::to_string(*k.severity) : "", c.subject, c.description, c.assignee, c.team,
            c.resolution_summary, Time(c.milestones.first_response_at), Time(c.milestones.resolved_at),
            Time(c.milestones.closed_at), c.source_ref};
        for (std::size_t i = 0; i < std::size(values); ++i) {
            if (i) out << ',';
            WriteField(out, values[i]);
        }
        out << "\r\n";
        ++rows;
        return static_cast<bool>(out);
    });
    if (!visited) return tl::unexpected(visited.error());
    if (!out) return core::Fail(core::ErrorCode::kUnavailable, "could not write the export");
    return rows;
}

}  // namespace heed::cli
