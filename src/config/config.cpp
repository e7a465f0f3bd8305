#include "config/config.hpp"

#include <algorithm>
#include <charconv>
#include <toml++/toml.h>

namespace heed::config {
namespace {

template <typename T>
bool ParseNumber(const std::string& text, T& out) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

void LoadFile(const std::string& path, Config& config, std::vector<std::string>& errors) {
    toml::table table;
    try {
        table = toml::parse_file(path);
    } catch (const toml::parse_error& error) {
        errors.push_back(path + ": " + std::string(error.description()) + " at line " +
                         std::to_string(error.source().begin.line));
        return;
    }
    const std::map<std::string, std::vector<std::string>> known{
        {"storage", {"database", "readers", "group_commit_max", "fingerprint_window_days"}},
        {"http", {"listen", "io_threads", "worker_threads", "body_limit_bytes", "header_limit_bytes",
                  "request_timeout_seconds", "public_requests_per_minute", "trusted_proxy", "public_url"}},
        {"smtp", {"url", "from", "username", "password", "retry_seconds"}},
        {"web", {"root"}},
        {"auth", {"session_hours", "secure_cookies", "login_max_failures"}},
        {"triage", {"models_dir", "default_models_dir"}},
        {"log", {"level"}},
        {"alerts", {"interval_seconds"}},
        {"analytics", {"wait_seconds"}}};
    for (const auto& [section, node] : table) {
        auto it = known.find(std::string(section.str()));
        if (it == known.end() || !node.is_table()) {
            errors.push_back(path + ": unknown section [" + std::string(section.str()) + "]");
            continue;
        }
        for (const auto& [key, value] : *node.as_table()) {
            if (std::find(it->second.begin(), it->second.end(), std::string(key.str())) == it->second.end()) {
                errors.push_back(path + ": unknown key " + it->first + "." + std::string(key.str()));
            }
        }
    }
    auto text = [&](const char* section, const char* key, std::string& out) {
        auto node = table[section][key];
        if (!node) return;
        if (auto value = node.value<std::string>()) out = *value;
        else errors.push_back(path + ": " + section + "." + key + " must be a string");
    };
    auto number = [&](const char* section, const char* key, auto& out) {
        auto node = table[section][key];
        if (!node) return;
        if (auto value = node.value<std::int64_t>(); value && *value >= 0) out = static_cast<std::decay_t<decltype(out)>>(*value);
        else errors.push_back(path + ": " + section + "." + key + " must be a non-negative integer");
    };
    text("storage", "database", config.database);
    number("storage", "readers", config.database_readers);
    number("storage", "group_commit_max", config.group_commit_max);
    number("storage", "fingerprint_window_days", config.fingerprint_window_days);
    text("http", "listen", config.listen);
    number("http", "io_threads", config.io_threads);
    number("http", "worker_threads", config.worker_threads);
    number("http", "body_limit_bytes", config.body_limit);
    number("http", "header_limit_bytes", config.header_limit);
    number("http", "request_timeout_seconds", config.request_timeout_seconds);
    number("http", "public_requests_per_minute", config.public_requests_per_minute);
    text("http", "trusted_proxy", config.trusted_proxy);
    text("http", "public_url", config.public_url);
    text("smtp", "url", config.smtp_url);
    text("smtp", "from", config.smtp_from);
    text("smtp", "username", config.smtp_username);
    text("smtp", "password", config.smtp_password);
    number("smtp", "retry_seconds", config.smtp_retry_seconds);
    number("alerts", "interval_seconds", config.alert_interval_seconds);
    number("analytics", "wait_seconds", config.analytics_wait_seconds);
    text("web", "root", config.web_root);
    number("auth", "session_hours", config.session_hours);
    text("auth", "secure_cookies", config.secure_cookies);
    number("auth", "login_max_failures", config.login_max_failures);
    text("triage", "models_dir", config.triage_models_dir);
    text("triage", "default_models_dir", config.triage_default_models_dir);
    text("log", "level", config.log_level);
}

void LoadEnvironment(const std::map<std::string, std::string>& environment, Config& config,
                     std::vector<std::string>& errors) {
    auto text = [&](const char* name, std::string& out) {
        if (auto it = environment.find(name); it != environment.end()) out = it->second;
    };
    auto number = [&](const char* name, auto& out) {
        auto it = environment.find(name);
        if (it == environment.end()) return;
        if (!ParseNumber(it->second, out)) errors.push_back(std::string(name) + " must be a non-negative integer");
    };
    text("HEED_DATABASE", config.database);
    number("HEED_DATABASE_READERS", config.database_readers);
    number("HEED_GROUP_COMMIT_MAX", config.group_commit_max);
    number("HEED_FINGERPRINT_WINDOW_DAYS", config.fingerprint_window_days);
    text("HEED_LISTEN", config.listen);
    number("HEED_IO_THREADS", config.io_threads);
    number("HEED_WORKER_THREADS", config.worker_threads);
    number("HEED_BODY_LIMIT_BYTES", config.body_limit);
    number("HEED_HEADER_LIMIT_BYTES", config.header_limit);
    number("HEED_REQUEST_TIMEOUT_SECONDS", config.request_timeout_seconds);
    number("HEED_PUBLIC_REQUESTS_PER_MINUTE", config.public_requests_per_minute);
    text("HEED_TRUSTED_PROXY", config.trusted_proxy);
    text("HEED_PUBLIC_URL", config.public_url);
    text("HEED_SMTP_URL", config.smtp_url);
    text("HEED_SMTP_FROM", config.smtp_from);
    text("HEED_SMTP_USERNAME", config.smtp_username);
    text("HEED_SMTP_PASSWORD", config.smtp_password);
    number("HEED_SMTP_RETRY_SECONDS", config.smtp_retry_seconds);
    number("HEED_ALERT_INTERVAL_SECONDS", config.alert_interval_seconds);
    number("HEED_ANALYTICS_WAIT_SECONDS", config.analytics_wait_seconds);
    text("HEED_WEB_ROOT", config.web_root);
    number("HEED_SESSION_HOURS", config.session_hours);
    text("HEED_SECURE_COOKIES", config.secure_cookies);
    number("HEED_LOGIN_MAX_FAILURES", config.login_max_failures);
    text("HEED_TRIAGE_MODELS_DIR", config.triage_models_dir);
    text("HEED_TRIAGE_DEFAULT_MODELS_DIR", config.triage_default_models_dir);
    text("HEED_LOG_LEVEL", config.log_level);
}

bool SplitListen(const std::string& listen, std::string& host, unsigned short& port) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    return ParseNumber(listen.substr(colon + 1), port);
}

std::vector<std::string> Validate(const Config& c) {
    std::vector<std::string> errors;
    std::string host;
    unsigned short port = 0;
    if (!SplitListen(c.listen, host, port)) errors.push_back("listen must be host:port, got '" + c.listen + "'");
    if (c.database.empty()) errors.push_back("database must name a file");
    if (c.database_readers < 1 || c.database_readers > 256) errors.push_back("storage.readers must be 1–256");
    if (c.group_commit_max < 1 || c.group_commit_max > 100000) errors.push_back("storage.group_commit_max must be 1–100000");
    if (c.fingerprint_window_days > 366) errors.push_back("storage.fingerprint_window_days must be 0–366");
    if (c.io_threads < 1 || c.io_threads > 64) errors.push_back("http.io_threads must be 1–64");
    if (c.worker_threads < 1 || c.worker_threads > 1024) errors.push_back("http.worker_threads must be 1–1024");
    if (c.body_limit < 1024 || c.body_limit > (64u << 20)) errors.push_back("http.body_limit_bytes must be 1 KiB–64 MiB");
    if (c.header_limit < 1024 || c.header_limit > (1u << 20)) errors.push_back("http.header_limit_bytes must be 1 KiB–1 MiB");
    if (c.request_timeout_seconds < 1 || c.request_timeout_seconds > 3600) {
        errors.push_back("http.request_timeout_seconds must be 1–3600");
    }
    if (c.session_hours < 1 || c.session_hours > 24 * 30) errors.push_back("auth.session_hours must be 1–720");
    if (c.secure_cookies != "auto" && c.secure_cookies != "always" && c.secure_cookies != "never") {
        errors.push_back("auth.secure_cookies must be auto, always or never");
    }
    if (c.login_max_failures < 1 || c.login_max_failures > 1000) errors.push_back("auth.login_max_failures must be 1–1000");
    if (c.public_requests_per_minute < 1 || c.public_requests_per_minute > 1000000) {
        errors.push_back("http.public_requests_per_minute must be 1–1000000");
    }
    if (!c.smtp_url.empty()) {
        if (c.smtp_url.rfind("smtp://", 0) != 0 && c.smtp_url.rfind("smtps://", 0) != 0) {
            errors.push_back("smtp.url must start with smtp:// or smtps://");
        }
        if (c.smtp_from.empty() || c.smtp_from.find('@') == std::string::npos) {
            errors.push_back("smtp.from must be an e-mail address when smtp.url is set");
        }
    }
    if (c.smtp_retry_seconds < 1 || c.smtp_retry_seconds > 3600) errors.push_back("smtp.retry_seconds must be 1–3600");
    static const char* kLevels[] = {"trace", "debug", "info", "warn", "error"};
    if (std::find(std::begin(kLevels), std::end(kLevels), c.log_level) == std::end(kLevels)) {
        errors.push_back("log.level must be one of trace, debug, info, warn, error");
    }
    return errors;
}

}  // namespace heed::config
