#include <gtest/gtest.h>

#include <sodium.h>

#include "core/notify/notification.hpp"
#include "notify/smtp_sender.hpp"
#include "support/builders.hpp"

namespace heed::notify {
namespace {

std::string Decode(const std::string& base64) {
    std::string out(base64.size(), '\0');
    std::size_t length = 0;
    EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), base64.data(), base64.size(),
                                "\r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL),
              0);
    out.resize(length);
    return out;
}

TEST(Mime, SubjectWordsStayShortAndSplitOnCharacterBoundaries) {
    std::string subject = "您的投诉已受理（TS202405000123），我们会在两个工作日内联系您并给出处理方案";
    std::string encoded = EncodeHeaderWords(subject);
    std::string joined;
    std::size_t start = 0;
    while (start < encoded.size()) {
        auto end = encoded.find("\r\n ", start);
        std::string word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
        EXPECT_LE(word.size(), 75u) << word;
        ASSERT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
        ASSERT_EQ(word.substr(word.size() - 2), "?=");
        std::string piece = Decode(word.substr(10, word.size() - 12));
        // Each word decodes to whole characters: it never starts with a continuation byte.
        EXPECT_NE(static_cast<unsigned char>(piece[0]) & 0xC0, 0x80);
        joined += piece;
        if (end == std::string::npos) break;
        start = end + 3;
    }
    EXPECT_EQ(joined, subject);
    EXPECT_EQ(EncodeHeaderWords("Plain subject"), "Plain subject");
}

TEST(Mime, MessageHasUtf8Base64BodyAndAStableMessageId) {
    core::notify::OutboxMessage m;
    m.id = 42;
    m.tenant = core::kDefaultTenant;
    m.to = "zhang.wei@example.com";
    m.language = "zh";
    m.subject = "您的投诉已受理";
    m.body = "张伟，您好：\n\n已受理。";
    m.created_at = *core::ParseIso8601("2024-05-10T02:00:00Z");
    std::string mime = BuildMime(m, "complaints@heed.test");
    EXPECT_NE(mime.find("Message-ID: <heed.1.42.1715306400000@heed.test>\r\n"), std::string::npos);
    EXPECT_NE(mime.find("Date: Fri, 10 May 2024 02:00:00 +0000\r\n"), std::string::npos);
    EXPECT_NE(mime.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
    auto body = mime.substr(mime.find("\r\n\r\n") + 4);
    EXPECT_EQ(Decode(body), m.body);
    EXPECT_EQ(BuildMime(m, "complaints@heed.test"), mime);  // a resend is the same message
}

TEST(Notification, AddressesThatCouldInjectHeadersOrRecipientsAreRefused) {
    EXPECT_TRUE(core::notify::IsPlainEmailAddress("zhang.wei+complaints@example.com"));
    for (const char* bad : {"", "no-at-sign", "a@b@c", "a@b.c\r\nBcc: x@evil", "a@b.c>,<x@evil", "\"a\"@b.c",
                            "a b@c.d", "@b.c", "a@"}) {
        EXPECT_FALSE(core::notify::IsPlainEmailAddress(bad)) << bad;
    }
}

TEST(Notification, BackoffDoublesUpToTheCap) {
    using std::chrono::milliseconds;
    EXPECT_EQ(core::notify::Backoff(1, milliseconds(60000), milliseconds(3600000)), milliseconds(60000));
    EXPECT_EQ(core::notify::Backoff(3, milliseconds(60000), milliseconds(3600000)), milliseconds(240000));
    EXPECT_EQ(core::notify::Backoff(30, milliseconds(60000), milliseconds(3600000)), milliseconds(3600000));
}

TEST(Notification, TemplatesSpeakTheCustomersLanguage) {
    auto c = testing::AComplaint();
    c.number = "TS202405000123";
    c.resolution_summary = "已退款";
    auto zh = core::notify::RenderNotification(core::notify::NotificationKind::kResolution, "zh", c, {});
    EXPECT_NE(zh.subject.find("已处理完毕"), std::string::npos);
    EXPECT_NE(zh.body.find("已退款"), std::string::npos);
    auto en = core::notify::RenderNotification(core::notify::NotificationKind::kSurvey, "en", c,
                                               {{"link", "https://x/s/1"}, {"expires_at", "2024-05-24"}});
    EXPECT_EQ(en.subject, "How did we do? (TS202405000123)");
    EXPECT_NE(en.body.find("https://x/s/1"), std::string::npos);
}

TEST(Notification, EscalationsTellTheNewOwnerWhyWithoutTheCustomersContact) {
    auto c = testing::AComplaint();
    c.number = "TS202405000124";
    c.subject = "空调漏水";
    c.customer.name = "王芳";
    c.customer.phone = "13912345678";
    std::map<std::string, std::string> values{{"owner", "lead.li"},
                                              {"level", "team_lead"},
                                              {"reason", "SLA breached: resolution"},
                                              {"link", "https://x/complaints/7"}};
    auto zh = core::notify::RenderNotification(core::notify::NotificationKind::kEscalation, "zh", c, values);
    EXPECT_EQ(zh.subject, "投诉已升级由您负责（TS202405000124）");
    EXPECT_EQ(zh.body.rfind("lead.li，您好", 0), 0u) << zh.body;  // the owner, not the customer
    EXPECT_NE(zh.body.find("「空调漏水」已升级至组长"), std::string::npos) << zh.body;
    EXPECT_NE(zh.body.find("SLA breached: resolution"), std::string::npos);
    EXPECT_NE(zh.body.find("https://x/complaints/7"), std::string::npos);
    EXPECT_EQ(zh.body.find("王芳"), std::string::npos);
    EXPECT_EQ(zh.body.find("13912345678"), std::string::npos);
    auto en = core::notify::RenderNotification(core::notify::NotificationKind::kEscalation, "en", c, values);
    EXPECT_EQ(en.subject, "Complaint TS202405000124 has been escalated to you");
    EXPECT_NE(en.body.find("escalated to team lead and is now yours"), std::string::npos) << en.body;
}

}  // namespace
}  // namespace heed::notify
