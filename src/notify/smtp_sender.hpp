#pragma once
// The MailSender port over SMTP with libcurl: smtp:// (STARTTLS when the server offers it) or smtps://, optional
// login. Messages are plain UTF-8 text: base64 body and RFC 2047 encoded-word subject, built here because that is
// all Heed sends (BuildMime). The Message-ID is derived from the outbox id, so a resent message carries the same
// one.

#include <memory>
#include <string>

#include "core/common/result.hpp"
#include "core/ports/outbox.hpp"

namespace heed::notify {

struct SmtpOptions {
    std::string url;   // smtp://host:port or smtps://host:port
    std::string from;  // a plain address
    std::string username;
    std::string password;
    long timeout_seconds = 30;
};

class SmtpSender final : public core::ports::MailSender {
public:
    // kInvalidArgument for a bad URL scheme or from address.
    static core::Result<std::unique_ptr<SmtpSender>> Create(SmtpOptions options);
    tl::expected<void, core::ports::SendFailure> Send(const core::notify::OutboxMessage& message) override;

private:
    explicit SmtpSender(SmtpOptions options) : options_(std::move(options)) {}
    SmtpOptions options_;
};

// The whole message (headers and body, CRLF line ends) as sent after DATA.
std::string BuildMime(const core::notify::OutboxMessage& message, const std::string& from);

// "=?UTF-8?B?…?=" words of at most 75 characters, split on character boundaries, folded with CRLF + space; ASCII
// text without specials is returned as it is.
std::string EncodeHeaderWords(const std::string& text);

// Calls curl_global_init once; call from main before any thread starts.
void InitializeCurl();

}  // namespace heed::notify
