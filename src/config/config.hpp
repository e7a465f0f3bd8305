#pragma once
// Typed configuration with documented defaults (see heed.example.toml). Sources, later overriding earlier:
// defaults, the TOML file given by --config, HEED_* environment variables, command-line flags. Validate lists every
// problem at once so an operator fixes them in one go.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace heed::config {

struct Config {
    std::string database = "heed.db";        // [storage] database, HEED_DATABASE, --db
    std::size_t database_readers = 8;        // [storage] readers, HEED_DATABASE_READERS
    std::size_t group_commit_max = 512;      // [storage] group_commit_max, HEED_GROUP_COMMIT_MAX
    std::size_t fingerprint_window_days = 15;  // [storage] fingerprint_window_days, HEED_FINGERPRINT_WINDOW_DAYS
    std::string listen = "127.0.0.1:8080";   // [http] listen, HEED_LISTEN, --listen
    int io_threads = 2;                      // [http] io_threads, HEED_IO_THREADS
    int worker_threads = 16;                 // [http] worker_threads, HEED_WORKER_THREADS
    std::size_t body_limit = 1 << 20;        // [http] body_limit_bytes, HEED_BODY_LIMIT_BYTES
    std::size_t header_limit = 16 << 10;     // [http] header_limit_bytes, HEED_HEADER_LIMIT_BYTES
    int request_timeout_seconds = 15;        // [http] request_timeout_seconds, HEED_REQUEST_TIMEOUT_SECONDS
    std::string web_root;                    // [web] root, HEED_WEB_ROOT, --web-root; empty: web/dist if present
    int session_hours = 12;                  // [auth] session_hours, HEED_SESSION_HOURS
    std::string secure_cookies = "auto";     // [auth] secure_cookies, HEED_SECURE_COOKIES: auto, always, never
    int login_max_failures = 5;              // [auth] login_max_failures, HEED_LOGIN_MAX_FAILURES (per user, 15 min)
    std::string trusted_proxy;               // [http] trusted_proxy, HEED_TRUSTED_PROXY: the reverse proxy's address
    int public_requests_per_minute = 30;     // [http] public_requests_per_minute, HEED_PUBLIC_REQUESTS_PER_MINUTE
    std::string public_url;                  // [http] public_url, HEED_PUBLIC_URL: how customers reach Heed (links in e-mail)
    std::string smtp_url;                    // [smtp] url, HEED_SMTP_URL: smtp://host:port or smtps://…; empty: keep mail
    std::string smtp_from;                   // [smtp] from, HEED_SMTP_FROM: a plain address
    std::string smtp_username;               // [smtp] username, HEED_SMTP_USERNAME
    std::string smtp_password;               // [smtp] password, HEED_SMTP_PASSWORD
    int smtp_retry_seconds = 60;             // [smtp] retry_seconds, HEED_SMTP_RETRY_SECONDS: first back-off, doubling to 1 h
    int alert_interval_seconds = 300;        // [alerts] interval_seconds, HEED_ALERT_INTERVAL_SECONDS: early-warning evaluation
    int analytics_wait_seconds = 5;          // [analytics] wait_seconds, HEED_ANALYTICS_WAIT_SECONDS: wait for the roll-up, then 503
    std::string triage_models_dir;           // [triage] models_dir, HEED_TRIAGE_MODELS_DIR; empty: <database>.models
    std::string triage_default_models_dir;   // [triage] default_models_dir, HEED_TRIAGE_DEFAULT_MODELS_DIR; empty: models/
    std::string log_level = "info";          // [log] level, HEED_LOG_LEVEL: trace, debug, info, warn, error
};

// Reads a TOML file into `config`; appends problems (unknown keys, wrong types) to `errors`.
void LoadFile(const std::string& path, Config& config, std::vector<std::string>& errors);

// Applies HEED_* variables from `environment` (name → value).
void LoadEnvironment(const std::map<std::string, std::string>& environment, Config& config,
                     std::vector<std::string>& errors);

// Every problem with the values, empty when the config is usable.
std::vector<std::string> Validate(const Config& config);

// "host:port" → parts; false when malformed.
bool SplitListen(const std::string& listen, std::string& host, unsigned short& port);

}  // namespace heed::config
