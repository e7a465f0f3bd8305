#include "cli/cfpb_import.hpp"

#include <istream>

#include "cli/csv_reader.hpp"
#include "core/common/utf8.hpp"

namespace heed::cli {

using core::complaint::Channel;
using core::complaint::Complaint;

namespace {

constexpr std::size_t kBatch = 1000;

// Cuts at a UTF-8 character boundary so a long value never becomes invalid text.
std::string Clip(std::string text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    return text;
}

Channel ChannelFrom(const std::string& submitted_via) {
    if (submitted_via == "Web" || submitted_via == "Web Referral") return Channel::kWeb;
    if (submitted_via == "Phone") return Channel::kPhone;
    if (submitted_via == "Email") return Channel::kEmail;
    if (submitted_via == "Postal mail" || submitted_via == "Fax") return Channel::kLetter;
    return Channel::kApi;  // Referral and anything newer: passed on by another body
}

class Row {
public:
    Row(const CsvHeader& header, const std::vector<std::string>& fields) : header_(header), fields_(fields) {}
    std::string Get(std::string_view column) const {
        auto index = header_.Find(column);
        return index && *index < fields_.size() ? fields_[*index] : std::string();
    }

private:
    const CsvHeader& header_;
    const std::vector<std::string>& fields_;
};

core::Result<core::ports::NewComplaint> MapRow(const CsvHeader& header, const std::vector<std::string>& fields) {
    Row row(header, fields);
    Complaint c;
    std::string id = row.Get("Complaint ID");
    std::string index = row.Get("index");
    std::string product = row.Get("Product");
    std::string issue = row.Get("Issue");
    std::string sub_issue = row.Get("Sub-issue");
    std::string narrative = row.Get("Consumer complaint narrative");
    if (product.empty()) return core::Fail(core::ErrorCode::kInvalidArgument, "Product is empty", "Product");
    if (issue.empty() && narrative.empty()) {
        return core::Fail(core::ErrorCode::kInvalidArgument, "neither Issue nor a narrative", "Issue");
    }
    std::string date = row.Get("Date received");
    if (!date.empty()) {
        auto received = core::ParseIso8601(date);
        if (!received) return core::Fail(core::ErrorCode::kInvalidArgument, "Date received is not a date: " + date, "Date received");
        c.milestones.received_at = *received;
        c.milestones.acknowledged_at = *received;
    }
    c.source_ref = !id.empty() ? "cfpb:" + id : !index.empty() ? "cfpb-row:" + index : "";
    c.customer.name = "CFPB consumer";
    c.customer.external_id = id.empty() ? "" : "CFPB-" + id;
    c.channel = ChannelFrom(row.Get("Submitted via"));
    c.service_type = core::complaint::ServiceType::kComplaint;
    std::string subject = !issue.empty() ? issue : product;
    if (!sub_issue.empty()) subject += " — " + sub_issue;
    c.subject = Clip(subject, core::complaint::kMaxSubjectBytes);
    // The narrative is the consumer's own words and is kept as written; rows without one say so plainly.
    c.description = !narrative.empty() ? Clip(narrative, core::complaint::kMaxDescriptionBytes)
                                       : "[no consumer narrative] " + subject;
    c.classification.category = Clip(product, core::complaint::kMaxShortFieldBytes);
    c.classification.subcategory = Clip(row.Get("Sub-product"), core::complaint::kMaxShortFieldBytes);
    std::string state = row.Get("State");
    std::string zip = row.Get("ZIP code");
    c.location = state + (state.empty() || zip.empty() ? "" : " ") + zip;
    if (std::string tags = row.Get("Tags"); !tags.empty()) {
        std::size_t pos = 0;
        while (pos <= tags.size()) {
            auto comma = tags.find(',', pos);
            if (comma == std::string::npos) comma = tags.size();
            std::string tag = tags.substr(pos, comma - pos);
            tag.erase(0, tag.find_first_not_of(' '));
            if (!tag.empty()) c.classification.tags.push_back(tag);
            pos = comma + 1;
        }
    }
    std::string response = row.Get("Company response to consumer");
    if (response == "In progress") {
        c.status = core::workflow::Status::kInProgress;
    } else if (!response.empty()) {
        c.status = core::workflow::Status::kClosed;
        c.resolution_summary = Clip(response, core::complaint::kMaxTextFieldBytes);
        auto sent = core::ParseIso8601(row.Get("Date sent to company"));
        core::Instant ended = sent && *sent >= c.milestones.received_at ? *sent : c.milestones.received_at;
        c.milestones.resolved_at = ended;
        c.milestones.closed_at = ended;
    }
    for (std::size_t i = 0; i < header.names().size() && i < fields.size(); ++i) {
        if (!fields[i].empty() && header.names()[i] != "Consumer complaint narrative") {
            c.attributes[Clip(header.names()[i], core::complaint::kMaxShortFieldBytes)] =
                Clip(fields[i], core::complaint::kMaxTextFieldBytes);
        }
    }
    core::ports::NewComplaint draft{std::move(c), {}, {}};
    draft.events.push_back(core::workflow::Event{{}, {}, {}, draft.complaint.milestones.received_at, "import",
                                                 core::workflow::Role::kSystem, core::workflow::EventKind::kImported,
                                                 "status", "", std::string(core::workflow::ToString(draft.complaint.status)),
                                                 "CFPB export, Complaint ID " + id});
    return draft;
}

}  // namespace

core::Result<ImportReport> ImportCfpb(core::services::ComplaintService& service, const core::workflow::Actor& actor,
                                      std::istream& input) {
    CsvReader reader(input);
    std::vector<std::string> fields;
    if (!reader.Next(fields)) return core::Fail(core::ErrorCode::kInvalidArgument, "the file is empty");
    CsvHeader header(fields);
    if (!header.Find("Product") || (!header.Find("Issue") && !header.Find("Consumer complaint narrative"))) {
        return core::Fail(core::ErrorCode::kInvalidArgument,
                          "not a CFPB export: the header needs Product and Issue or Consumer complaint narrative");
    }
    ImportReport report;
    auto reject = [&report](std::size_t line, const std::string& why) {
        ++report.rejected;
        if (report.reasons.size() < ImportReport::kMaxReasons) {
            report.reasons.push_back("line " + std::to_string(line) + ": " + why);
        }
    };
    std::vector<core::ports::NewComplaint> batch;
    std::vector<std::size_t> lines;
    auto flush = [&] {
        auto results = service.FileMany(actor, std::move(batch));
        for (std::size_t i = 0; i < results.size(); ++i) {
            if (results[i]) {
                ++report.imported;
            } else {
                reject(lines[i], results[i].error().code == core::ErrorCode::kConflict
                                     ? "already imported (" + results[i].error().message + ")"
                                     : results[i].error().message);
            }
        }
        batch.clear();
        lines.clear();
    };
    while (reader.Next(fields)) {
        ++report.rows;
        if (reader.error()) {
            reject(reader.line(), "malformed CSV: " + reader.error()->message);
            continue;
        }
        bool valid = true;
        for (const auto& field : fields) valid = valid && core::IsValidUtf8(field);
        if (!valid) {
            reject(reader.line(), "not valid UTF-8");
            continue;
        }
        auto draft = MapRow(header, fields);
        if (!draft) {
            reject(reader.line(), draft.error().message);
            continue;
        }
        batch.push_back(std::move(*draft));
        lines.push_back(reader.line());
        if (batch.size() >= kBatch) flush();
    }
    if (!batch.empty()) flush();
    return report;
}

}  // namespace heed::cli
