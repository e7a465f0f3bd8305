#include "notify/smtp_sender.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <cstring>
#include <ctime>

namespace heed::notify {

namespace {

std::string Base64(std::string_view bytes) {
    if (bytes.empty()) return {};
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

bool NeedsEncoding(const std::string& text) {
    for (unsigned char c : text) {
        if (c >= 0x80 || c < 0x20 || c == '=' || c == '?') return true;
    }
    return false;
}

std::string RfcDate(core::Instant at) {
    std::time_t t = std::chrono::system_clock::to_time_t(at);
    std::tm tm{};
    gmtime_r(&t, &tm);
    static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                  kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buffer;
}

std::string Domain(const std::string& address) {
    auto at = address.find('@');
    return at == std::string::npos ? "heed.invalid" : address.substr(at + 1);
}

struct Upload {
    const std::string* data;
    std::size_t offset = 0;
};

std::size_t ReadPayload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    std::size_t room = size * count;
    std::size_t left = upload->data->size() - upload->offset;
    std::size_t n = std::min(room, left);
    std::memcpy(buffer, upload->data->data() + upload->offset, n);
    upload->offset += n;
    return n;
}

}  // namespace

void InitializeCurl() {
    static const bool initialized = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
    (void)initialized;
}

std::string EncodeHeaderWords(const std::string& text) {
    if (!NeedsEncoding(text)) return text;
    // 75 characters per word: "=?UTF-8?B?" + 60 base64 characters (45 bytes) + "?=" fits with room to spare.
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = std::min(text.size(), pos + 45);
        // Back up to a character boundary: never end on a continuation byte's predecessor mid-sequence.
        while (end < text.size() && end > pos && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (end == pos) end = std::min(text.size(), pos + 45);
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + Base64(std::string_view(text).substr(pos, end - pos)) + "?=";
        pos = end;
    }
    return out;
}

std::string BuildMime(const core::notify::OutboxMessage& m, const std::string& from) {
    std::string body64 = Base64(m.body);
    std::string wrapped;
    for (std::size_t i = 0; i < body64.size(); i += 76) wrapped += body64.substr(i, 76) + "\r\n";
    return "Date: " + RfcDate(m.created_at) + "\r\n" +
           "From: " + from + "\r\n" +
           "To: " + m.to + "\r\n" +
           "Subject: " + EncodeHeaderWords(m.subject) + "\r\n" +
           "Message-ID: <heed." + std::to_string(m.tenant.value) + "." + std::to_string(m.id) + "." +
           std::to_string(core::ToMillis(m.created_at)) + "@" + Domain(from) + ">\r\n" +
           "MIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=UTF-8\r\n"
           "Content-Transfer-Encoding: base64\r\n"
           "Content-Language: " + std::string(m.language == "en" ? "en" : "zh-CN") + "\r\n" +
           "Auto-Submitted: auto-generated\r\n"
           "\r\n" + wrapped;
}

core::Result<std::unique_ptr<SmtpSender>> SmtpSender::Create(SmtpOptions options) {
    if (options.url.rfind("smtp://", 0) != 0 && options.url.rfind("smtps://", 0) != 0) {
        return core::Fail(core::ErrorCode::kInvalidArgument, "smtp.url must start with smtp:// or smtps://", "smtp.url");
    }
    if (!core::notify::IsPlainEmailAddress(options.from)) {
        return core::Fail(core::ErrorCode::kInvalidArgument, "smtp.from must be a plain e-mail address", "smtp.from");
    }
    InitializeCurl();
    return std::unique_ptr<SmtpSender>(new SmtpSender(std::move(options)));
}

tl::expected<void, core::ports::SendFailure> SmtpSender::Send(const core::notify::OutboxMessage& m) {
    if (!core::notify::IsPlainEmailAddress(m.to)) {
        return tl::unexpected(core::ports::SendFailure{"not a plain e-mail address: " + m.to, true});
    }
    std::string payload = BuildMime(m, options_.from);
    CURL* curl = curl_easy_init();
    if (!curl) return tl::unexpected(core::ports::SendFailure{"libcurl could not start", false});
    std::string from = "<" + options_.from + ">";
    std::string to = "<" + m.to + ">";
    curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
    Upload upload{&payload};
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadPayload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, options_.timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    if (!options_.username.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
    }
    CURLcode code = curl_easy_perform(curl);
    long response = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (code == CURLE_OK) return {};
    std::string message = std::string(curl_easy_strerror(code)) + (error[0] ? std::string(": ") + error : "");
    if (response > 0) message += " (server answered " + std::to_string(response) + ")";
    // 5xx refuses this message for good (unknown mailbox, policy); anything else may pass later.
    bool permanent = response >= 500 && response < 600 && code != CURLE_LOGIN_DENIED;
    return tl::unexpected(core::ports::SendFailure{message, permanent});
}

}  // namespace heed::notify
