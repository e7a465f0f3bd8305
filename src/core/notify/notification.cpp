#include "core/notify/notification.hpp"

#include <algorithm>

namespace heed::core::notify {

namespace {

std::string Value(const std::map<std::string, std::string>& values, const std::string& key) {
    auto it = values.find(key);
    return it == values.end() ? std::string() : it->second;
}

std::string Greeting(const complaint::Complaint& c, bool zh) {
    if (zh) return (c.customer.name.empty() ? std::string("尊敬的客户") : c.customer.name) + "，您好：\n\n";
    return "Dear " + (c.customer.name.empty() ? std::string("customer") : c.customer.name) + ",\n\n";
}

std::string Signature(bool zh) {
    return zh ? "\n\n此邮件由系统自动发送，请勿直接回复。\n" : "\n\nThis message was sent automatically; please do not reply to it.\n";
}

}  // namespace

RenderedMessage RenderNotification(NotificationKind kind, const std::string& language, const complaint::Complaint& c,
                                   const std::map<std::string, std::string>& values) {
    bool zh = language != "en";
    if (kind == NotificationKind::kAlert) return {Value(values, "subject"), Value(values, "text")};  // staff, as given
    const std::string& n = c.number;
    if (kind == NotificationKind::kEscalation) {  // to staff: the number, subject and why, never the customer's contact
        const std::string owner = Value(values, "owner");
        std::string level = Value(values, "level");
        if (zh) {
            static const std::map<std::string, std::string> kLevels{
                {"agent", "客服专员"}, {"team_lead", "组长"}, {"manager", "经理"}, {"director", "总监"}};
            if (auto it = kLevels.find(level); it != kLevels.end()) level = it->second;
        } else {
            std::replace(level.begin(), level.end(), '_', ' ');
        }
        RenderedMessage m;
        m.subject = zh ? "投诉已升级由您负责（" + n + "）" : "Complaint " + n + " has been escalated to you";
        m.body = zh ? owner + "，您好：\n\n投诉 " + n + "「" + c.subject + "」已升级至" + level +
                          "，现由您负责。\n\n原因：" + Value(values, "reason") + "\n\n" + Value(values, "link")
                    : "Hello " + owner + ",\n\ncomplaint " + n + " \"" + c.subject + "\" has been escalated to " + level +
                          " and is now yours.\n\nWhy: " + Value(values, "reason") + "\n\n" +
                          Value(values, "link");
        m.body += Signature(zh);
        return m;
    }
    RenderedMessage m;
    std::string body = Greeting(c, zh);
    switch (kind) {
        case NotificationKind::kAcknowledgement:
            m.subject = zh ? "您的投诉已受理（" + n + "）" : "We have received your complaint (" + n + ")";
            body += zh ? "您的投诉「" + c.subject + "」已受理，投诉单号 " + n +
                             "。我们会尽快处理，您可凭单号和联系电话或邮箱随时查询进度。"
                       : "Your complaint \"" + c.subject + "\" has been received under number " + n +
                             ". We will work on it promptly; you can track it at any time with this number and the "
                             "phone or e-mail you gave.";
            break;
        case NotificationKind::kUpdate:
            m.subject = zh ? "您的投诉有新进展（" + n + "）" : "An update on your complaint (" + n + ")";
            body += zh ? "您的投诉（单号 " + n + "）有新进展：\n\n" + Value(values, "text")
                       : "There is news about your complaint " + n + ":\n\n" + Value(values, "text");
            break;
        case NotificationKind::kResolution:
            m.subject = zh ? "您的投诉已处理完毕（" + n + "）" : "Your complaint has been resolved (" + n + ")";
            body += zh ? "您的投诉（单号 " + n + "）已处理完毕。处理结果：\n\n" + c.resolution_summary +
                             "\n\n如果您对处理结果不满意，请凭单号告诉我们，我们会重新处理。"
                       : "Your complaint " + n + " has been resolved. What we did:\n\n" + c.resolution_summary +
                             "\n\nIf you are not satisfied with this, tell us with your complaint number and we will "
                             "look at it again.";
            break;
        case NotificationKind::kFollowUp:
            m.subject = zh ? "投诉回访记录（" + n + "）" : "Following up on your complaint (" + n + ")";
            body += Value(values, "outcome") == "not_solved"
                        ? (zh ? "感谢您接受回访。您反映问题仍未解决，我们已重新受理投诉 " + n + "，会尽快再次处理。"
                              : "Thank you for talking to us. As the problem is not solved yet, we have reopened "
                                "complaint " + n + " and will deal with it again promptly.")
                        : (zh ? "感谢您接受回访，确认投诉 " + n + " 的问题已经解决。"
                              : "Thank you for confirming that the problem in complaint " + n + " is solved.");
            break;
        case NotificationKind::kSurvey:
            m.subject = zh ? "请为我们的服务打分（" + n + "）" : "How did we do? (" + n + ")";
            body += zh ? "感谢您对投诉 " + n + " 的耐心。请花一分钟告诉我们处理得怎么样：\n\n" + Value(values, "link") +
                             "\n\n链接仅可提交一次，有效期至 " + Value(values, "expires_at") + "。"
                       : "Thank you for your patience with complaint " + n +
                             ". Please take a minute to tell us how we did:\n\n" + Value(values, "link") +
                             "\n\nThe link can be used once and is valid until " + Value(values, "expires_at") + ".";
            break;
        case NotificationKind::kAlert:
        case NotificationKind::kEscalation: break;  // returned above
    }
    m.body = body + Signature(zh);
    return m;
}

bool IsPlainEmailAddress(const std::string& a) {
    if (a.empty() || a.size() > 254) return false;
    if (std::count(a.begin(), a.end(), '@') != 1) return false;
    auto at = a.find('@');
    if (at == 0 || at + 1 == a.size()) return false;
    for (unsigned char ch : a) {
        if (ch <= 0x20 || ch == 0x7F || ch == '<' || ch == '>' || ch == '"' || ch == ',' || ch == ';' || ch == '(' ||
            ch == ')' || ch == '\\' || ch == '[' || ch == ']') {
            return false;
        }
    }
    return true;
}

std::chrono::milliseconds Backoff(int attempts, std::chrono::milliseconds base, std::chrono::milliseconds cap) {
    auto delay = base;
    for (int i = 1; i < attempts && delay < cap; ++i) delay *= 2;
    return std::min(delay, cap);
}

}  // namespace heed::core::notify
