#include "core/analytics/feedback_form.hpp"

#include "core/complaint/pii.hpp"

namespace heed::core::analytics {
namespace {

using complaint::Channel;
using complaint::ServiceType;
using workflow::Role;

std::string ServiceTypeLabel(ServiceType type, Language language) {
    bool zh = language == Language::kZh;
    switch (type) {
        case ServiceType::kConsultation: return zh ? "咨询" : "consultation";
        case ServiceType::kComplaint: return zh ? "投诉" : "complaint";
        case ServiceType::kAfterSales: return zh ? "售后" : "after-sales";
        case ServiceType::kSuggestion: return zh ? "建议" : "suggestion";
    }
    return "";
}

std::string ChannelLabel(Channel channel, Language language) {
    bool zh = language == Language::kZh;
    switch (channel) {
        case Channel::kPhone: return zh ? "电话" : "phone";
        case Channel::kEmail: return zh ? "邮件" : "e-mail";
        case Channel::kWeb: return zh ? "在线" : "online";
        case Channel::kApp: return "APP";
        case Channel::kWechat: return zh ? "微信" : "WeChat";
        case Channel::kInPerson: return zh ? "现场" : "in person";
        case Channel::kLetter: return zh ? "信函" : "letter";
        case Channel::kApi: return zh ? "接口" : "API";
    }
    return "";
}

bool MayExport(Role role) {
    return role == Role::kAnalyst || role == Role::kTeamLead || role == Role::kManager || role == Role::kDirector ||
           role == Role::kAdmin || role == Role::kSystem;
}

}  // namespace

std::string FeedbackFormTitle(Language language) {
    return language == Language::kZh ? "客户满意度实时反馈采集表" : "Feedback capture form";
}

std::vector<std::string> FeedbackFormHeader(Language language) {
    if (language == Language::kZh) {
        return {"客户编号", "服务类型(咨询/投诉/售后)", "接触渠道(电话/在线/APP)", "问题描述(客户原话)",
                "满意度评分(1-5分)", "客户建议", "记录人", "记录时间"};
    }
    return {"Customer ID", "Service type (consultation/complaint/after-sales)", "Channel (phone/online/app)",
            "Problem (customer's words)", "Satisfaction score (1-5)", "Customer suggestion", "Recorded by",
            "Recorded at"};
}

std::vector<std::string> FeedbackFormRow(const complaint::Complaint& c, const std::string& recorder,
                                         Language language) {
    return {c.customer.external_id,
            ServiceTypeLabel(c.service_type, language),
            ChannelLabel(c.channel, language),
            c.description.empty() ? c.subject : c.description,
            c.feedback.csat ? std::to_string(*c.feedback.csat) : "",
            c.remedy_sought,
            recorder,
            FormatIso8601(c.milestones.received_at)};
}

Result<std::int64_t> ExportFeedbackForm(ports::ComplaintStore& store, ports::AuditLog& audit,
                                        const workflow::Actor& actor, const FeedbackFormOptions& options,
                                        const std::function<bool(const std::vector<std::string>&)>& row) {
    auto begun = BeginFeedbackFormExport(audit, actor, options);
    if (!begun) return tl::unexpected(begun.error());
    return WriteFeedbackForm(store, actor, options, row);
}

Result<void> BeginFeedbackFormExport(ports::AuditLog& audit, const workflow::Actor& actor,
                                     const FeedbackFormOptions& options) {
    if (!MayExport(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied, "exports are for analysts, team leads, managers and admins");
    }
    if (options.with_contact_details && actor.role != Role::kSystem && !complaint::SeesContactDetails(actor.role)) {
        return Fail(ErrorCode::kPermissionDenied, "this role may not see customers' contact details",
                    "with_contact_details");
    }
    if (options.from && options.to && *options.to <= *options.from) {
        return Fail(ErrorCode::kInvalidArgument, "to must be after from", "to");
    }
    const bool team_only = actor.role == Role::kTeamLead && !actor.team.empty();
    std::string detail = "template=feedback_form format=" + options.format +
                         " lang=" + (options.language == Language::kZh ? "zh" : "en") +
                         " with_contact_details=" + (options.with_contact_details ? "yes" : "no") +
                         " from=" + (options.from ? FormatIso8601(*options.from) : "-") +
                         " to=" + (options.to ? FormatIso8601(*options.to) : "-") +
                         (team_only ? " team=" + actor.team : "") +
                         " out=" + (options.destination.empty() ? "-" : options.destination);
    // Recorded before anything is read: no export leaves without its audit record.
    return audit.Record({actor, "export.feedback_form", "export", 0, detail});
}

Result<std::int64_t> WriteFeedbackForm(ports::ComplaintStore& store, const workflow::Actor& actor,
                                       const FeedbackFormOptions& options,
                                       const std::function<bool(const std::vector<std::string>&)>& row) {
    const bool team_only = actor.role == Role::kTeamLead && !actor.team.empty();
    // Rows go out a batch at a time: the recorders (who filed each complaint) of 500 complaints are read in one go
    // (EventsOfMany: one index range in SQLite), not with a lookup of the complaint and its events per row.
    constexpr std::size_t kBatch = 500;
    std::vector<complaint::Complaint> batch;
    std::int64_t rows = 0;
    std::optional<Error> failure;
    bool stopped = false;
    auto flush = [&]() -> bool {
        std::vector<ComplaintId> ids;
        ids.reserve(batch.size());
        for (const auto& c : batch) ids.push_back(c.id);
        auto events = store.EventsOfMany(actor.tenant, ids);
        if (!events) {
            failure = events.error();
            return false;
        }
        for (auto& c : batch) {
            std::string recorder;
            if (auto it = events->find(c.id.value); it != events->end()) {
                for (const auto& e : it->second) {
                    if (e.kind == workflow::EventKind::kCreated) {
                        recorder = e.actor;
                        break;
                    }
                }
            }
            if (!options.with_contact_details) complaint::MaskContactDetails(c);
            if (!row(FeedbackFormRow(c, recorder, options.language))) {
                stopped = true;
                return false;
            }
            ++rows;
        }
        batch.clear();
        return true;
    };
    auto walked = store.ForEach(actor.tenant, [&](const complaint::Complaint& c) {
        const Instant received = c.milestones.received_at;
        if ((options.from && received < *options.from) || (options.to && received >= *options.to)) return true;
        if (team_only && c.team != actor.team) return true;
        batch.push_back(c);
        return batch.size() < kBatch || flush();
    });
    if (!walked) return tl::unexpected(walked.error());
    if (failure) return tl::unexpected(*failure);
    if (!stopped && !batch.empty() && !flush() && failure) return tl::unexpected(*failure);
    return rows;
}

std::string CsvLine(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        std::string value = fields[i];
        if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) {
            value.insert(0, "'");
        }
        if (value.find_first_of(",\"\r\n") == std::string::npos) {
            out += value;
            continue;
        }
        out += '"';
        for (char ch : value) {
            if (ch == '"') out += '"';
            out += ch;
        }
        out += '"';
    }
    out += "\r\n";
    return out;
}

}  // namespace heed::core::analytics
