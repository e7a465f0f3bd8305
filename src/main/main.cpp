// The composition root: parses the command line, builds the adapters, injects them and runs. Read top to bottom,
// each command is a list of parts.

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <tuple>
#include <nlohmann/json.hpp>

#include "cli/cfpb_import.hpp"
#include "cli/csv_export.hpp"
#include "cli/demo.hpp"
#include "cli/demo_compensation.hpp"
#include "cli/demo_resolution.hpp"
#include "cli/demo_feedback.hpp"
#include "cli/demo_routing.hpp"
#include "cli/demo_sla.hpp"
#include "cli/demo_triage.hpp"
#include "cli/demo_alerts.hpp"
#include "cli/exit_codes.hpp"
#include "cli/triage_commands.hpp"
#include "cli/default_models.hpp"
#include "triage/model_classifier.hpp"
#include "triage/tenant_trainer.hpp"
#include "core/services/text_model_service.hpp"
#include "http/text_model_api.hpp"
#include "cli/forecast_command.hpp"
#include "core/analytics/analytics_service.hpp"
#include "config/config.hpp"
#include "core/ports/clock.hpp"
#include "core/services/complaint_service.hpp"
#include "http/analytics_api.hpp"
#include "xlsx/monthly_xlsx.hpp"
#include "xlsx/table_xlsx.hpp"
#include "http/export_api.hpp"
#include "http/analytics_settings_api.hpp"
#include "core/analytics/alert_monitor.hpp"
#include "core/analytics/analytics_settings.hpp"
#include "core/analytics/feedback_form.hpp"
#include "http/complaint_api.hpp"
#include "http/feedback_api.hpp"
#include "http/notify_api.hpp"
#include "http/portal_api.hpp"
#include "http/compensation_api.hpp"
#include "http/privacy_api.hpp"
#include "http/resolution_api.hpp"
#include "http/routing_api.hpp"
#include "http/server.hpp"
#include "http/session_api.hpp"
#include "http/static_files.hpp"
#include "http/triage_api.hpp"
#include "http/sla_api.hpp"
#include "http/users_api.hpp"
#include "patterns/re2_pattern_engine.hpp"
#include "core/services/auth_service.hpp"
#include "core/services/feedback_service.hpp"
#include "core/services/notification_service.hpp"
#include "notify/smtp_sender.hpp"
#include "core/services/privacy_service.hpp"
#include "core/services/retention_sweeper.hpp"
#include "core/services/auto_assigner.hpp"
#include "core/services/compensation_service.hpp"
#include "core/services/suggestion_service.hpp"
#include "core/services/template_service.hpp"
#include "core/services/routing_service.hpp"
#include "core/services/rule_service.hpp"
#include "core/services/triage_service.hpp"
#include "core/services/sla_sweeper.hpp"
#include "core/services/sla_service.hpp"
#include "sla/icu_time_zones.hpp"
#include "sla/settings_sla_store.hpp"
#include "security/sodium_crypto.hpp"
#include "storage/sqlite/backup.hpp"
#include "storage/sqlite/feedback_store.hpp"
#include "storage/sqlite/outbox_store.hpp"
#include "storage/sqlite/compensation_store.hpp"
#include "storage/sqlite/resolution_store.hpp"
#include "storage/sqlite/identity_store.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/routing_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

extern char** environ;

namespace {

using heed::core::Error;
using heed::storage::sqlite::SqliteComplaintStore;

// The system clock moved by a fixed offset: end-to-end tests of follow-ups due days later restart the server with
// --clock-offset-hours, which is refused unless HEED_ALLOW_CLOCK_OFFSET=1 is set (never in production).
class OffsetClock final : public heed::core::ports::Clock {
public:
    explicit OffsetClock(std::chrono::hours offset) : offset_(offset) {}
    heed::core::Instant Now() const override { return system_.Now() + offset_; }

private:
    heed::core::ports::SystemClock system_;
    std::chrono::hours offset_;
};

// Early-warning alerts count local hours and holidays in the tenant's first business calendar (UTC without one).
heed::core::analytics::AlertOptions AlertOptionsOf(heed::core::services::SlaService& sla, heed::core::TenantId tenant) {
    heed::core::analytics::AlertOptions options;
    auto config = sla.Config(tenant);
    if (config && !(*config)->calendars.empty()) {
        const auto& calendar = (*config)->calendars.front();
        options.utc_offset = calendar.utc_offset;
        for (const auto& day : calendar.holidays) options.holidays.push_back(std::chrono::sys_days(day));
    }
    return options;
}

int Fail(const Error& error) {
    std::cerr << "heed: " << error.message << (error.field.empty() ? "" : " (" + error.field + ")") << "\n";
    return heed::cli::ExitCodeFor(error.code);
}

heed::core::Result<std::unique_ptr<heed::security::SodiumCrypto>> OpenCrypto(const heed::config::Config& config) {
    auto key = heed::security::LoadOrCreateKey(config.database + ".key");
    if (!key) return tl::unexpected(key.error());
    return heed::security::SodiumCrypto::Create(*key);
}

// The complaint store; its audit chain is keyed by `crypto` (the server key beside the database).
heed::core::Result<std::unique_ptr<SqliteComplaintStore>> OpenStore(const heed::config::Config& config,
                                                                    heed::security::SodiumCrypto& crypto,
                                                                    const heed::core::ports::Clock& clock) {
    return SqliteComplaintStore::Open(config.database,
                                      {.readers = config.database_readers,
                                       .max_batch = config.group_commit_max,
                                       .mac = [&crypto](std::string_view message) { return crypto.Mac(message); },
                                       .clock = &clock,
                                       .anchor_path = config.database + ".anchor"});
}

// The identity side: users and tokens in the same database, keyed digests with the server key beside it.
struct Identity {
    std::unique_ptr<heed::storage::sqlite::SqliteIdentityStore> store;
    std::unique_ptr<heed::core::services::AuthService> auth;
};

heed::core::Result<Identity> OpenIdentity(const heed::config::Config& config, heed::security::SodiumCrypto& crypto,
                                          const heed::core::ports::Clock& clock, heed::core::ports::AuditLog& audit) {
    auto store = heed::storage::sqlite::SqliteIdentityStore::Open(config.database);
    if (!store) return tl::unexpected(store.error());
    Identity identity{std::move(*store), nullptr};
    identity.auth = std::make_unique<heed::core::services::AuthService>(*identity.store, crypto, clock, &audit);
    return identity;
}

std::filesystem::path Executable() {
    std::error_code ec;
    auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : path;
}

std::map<std::string, std::string> Environment() {
    std::map<std::string, std::string> variables;
    for (char** entry = environ; entry && *entry; ++entry) {
        std::string text(*entry);
        if (auto equals = text.find('='); equals != std::string::npos && text.rfind("HEED_", 0) == 0) {
            variables[text.substr(0, equals)] = text.substr(equals + 1);
        }
    }
    return variables;
}

std::string Metrics(const heed::http::Server& server, const SqliteComplaintStore& store) {
    const auto& s = server.stats();
    auto writes = store.write_stats();
    std::string out;
    auto line = [&out](const char* name, const char* type, const char* help, std::uint64_t value,
                       const std::string& labels = {}) {
        if (labels.empty() || labels.find("class=\"2xx\"") != std::string::npos) {
            out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
        }
        out += std::string(name) + labels + " " + std::to_string(value) + "\n";
    };
    line("heed_http_requests_total", "counter", "HTTP requests read.", s.requests.load());
    line("heed_http_responses_total", "counter", "HTTP responses by status class.", s.responses_2xx.load(), "{class=\"2xx\"}");
    line("heed_http_responses_total", "counter", "", s.responses_4xx.load(), "{class=\"4xx\"}");
    line("heed_http_responses_total", "counter", "", s.responses_5xx.load(), "{class=\"5xx\"}");
    line("heed_http_connections_total", "counter", "TCP connections accepted.", s.connections.load());
    line("heed_store_commits_total", "counter", "Write transactions committed (group commits).", writes.transactions);
    line("heed_store_writes_total", "counter", "Writes carried by those transactions.", writes.jobs);
    return out;
}

// The text models intake triage asks: the tenant's own, else the shipped defaults for the complaint's language, else
// defaults trained at start from the demo templates.
std::unique_ptr<heed::triage::ModelClassifier> OpenTextModels(const heed::config::Config& config) {
    std::filesystem::path default_models = config.triage_default_models_dir;
    if (default_models.empty()) {
        default_models = Executable().parent_path() / "models";
        if (!std::filesystem::exists(default_models)) default_models = "models";
    }
    auto models = std::make_unique<heed::triage::ModelClassifier>(heed::triage::ModelClassifier::Options{
        .tenant_dir = config.triage_models_dir.empty() ? config.database + ".models" : config.triage_models_dir,
        .default_dir = default_models});
    for (const auto& problem : models->LoadAll()) spdlog::warn("triage models: {}", problem);
    heed::cli::AddTemplateDefaults(*models);
    return models;
}

int Serve(heed::config::Config config, const std::string& config_file, int clock_offset_hours) {
    std::vector<std::string> errors;
    if (!config_file.empty()) heed::config::LoadFile(config_file, config, errors);
    auto problems = heed::config::Validate(config);
    errors.insert(errors.end(), problems.begin(), problems.end());
    if (!errors.empty()) {
        for (const auto& error : errors) std::cerr << "heed: config: " << error << "\n";
        return heed::cli::ExitCodeFor(heed::core::ErrorCode::kInvalidArgument);
    }
    spdlog::set_level(spdlog::level::from_str(config.log_level));

    if (clock_offset_hours != 0) {
        const char* allowed = std::getenv("HEED_ALLOW_CLOCK_OFFSET");
        if (!allowed || std::string(allowed) != "1") {
            return Fail({heed::core::ErrorCode::kInvalidArgument,
                         "--clock-offset-hours is for tests only and needs HEED_ALLOW_CLOCK_OFFSET=1",
                         "clock-offset-hours", {}});
        }
        spdlog::warn("the clock is moved by {} hours (test mode)", clock_offset_hours);
    }
    OffsetClock clock{std::chrono::hours(clock_offset_hours)};
    auto crypto = OpenCrypto(config);
    if (!crypto) return Fail(crypto.error());
    auto store = OpenStore(config, **crypto, clock);
    if (!store) return Fail(store.error());
    auto identity = OpenIdentity(config, **crypto, clock, **store);
    if (!identity) return Fail(identity.error());
    heed::sla_adapters::SettingsSlaConfigStore sla_config(*identity->store);
    heed::sla_adapters::IcuTimeZones time_zones;
    heed::core::services::SlaService sla(sla_config, identity->store.get(), &time_zones, store->get());
    // Every service writes through `indexed`, which keeps the KPI roll-up current (core/analytics/facts_cache.hpp).
    heed::core::analytics::FactsCache facts(**store, clock);
    heed::core::analytics::IndexedComplaintStore indexed(**store, facts);
    heed::core::services::ComplaintService complaints(indexed, clock, &sla);
    auto text_models = OpenTextModels(config);
    spdlog::info("triage models: {} defaults, {} tenant models", text_models->default_count(),
                 text_models->tenant_model_count());
    // Intake triage: text models, lexicon, rules, repeats and clusters.
    heed::patterns::Re2PatternEngine patterns;
    heed::core::services::TriageService triage(indexed, **store, clock,
                                               {.classifier = text_models.get(), .patterns = &patterns});
    complaints.SetTriage(&triage);
    heed::core::services::RuleService rules(**store, triage, clock, store->get());
    // The SLA scheduler: at start it handles what fell due while the server was down, then wakes at each deadline.
    heed::core::services::SlaSweeper sla_sweeper(**store, complaints, clock, [](const std::string& problem) {
        spdlog::error("sla: {}", problem);
    });
    complaints.OnSlaCheck([&sla_sweeper](heed::core::Instant at) { sla_sweeper.Notify(at); });
    auto feedback_store = heed::storage::sqlite::SqliteFeedbackStore::Open(config.database);
    if (!feedback_store) return Fail(feedback_store.error());
    // Messages to customers: a durable outbox, sent by SMTP when a server is configured.
    auto outbox = heed::storage::sqlite::SqliteOutbox::Open(config.database);
    if (!outbox) return Fail(outbox.error());
    std::unique_ptr<heed::notify::SmtpSender> smtp;
    if (!config.smtp_url.empty()) {
        auto sender = heed::notify::SmtpSender::Create(
            {config.smtp_url, config.smtp_from, config.smtp_username, config.smtp_password});
        if (!sender) return Fail(sender.error());
        smtp = std::move(*sender);
    } else {
        spdlog::warn("no mail server configured ([smtp] url): messages to customers are kept in the outbox");
    }
    heed::core::services::NotificationService notifications(
        indexed, **outbox, smtp.get(), clock,
        {.public_url = config.public_url,
         .retry_base = std::chrono::seconds(config.smtp_retry_seconds),
         .log_error = [](const std::string& text) { spdlog::warn("{}", text); }});
    heed::core::services::FeedbackService feedback(
        complaints, indexed, **feedback_store, *identity->store, **crypto, clock,
        {.notify = [&notifications](const auto& complaint, const std::string& kind, const auto& values) {
             if (auto k = heed::core::ValueOf(heed::core::notify::kNotificationKindNames, kind)) {
                 notifications.Submit(complaint, *k, values);
             }
         },
         .on_error = [](const heed::core::Error& error) { spdlog::error("feedback: {}", error.message); }});
    feedback.Attach();
    // Escalations are announced to the new owner by e-mail when the user has an address.
    complaints.SetEscalationListener([&notifications, &identity](const heed::core::complaint::Complaint& complaint,
                                                                 const heed::core::workflow::Event& event) {
        if (complaint.assignee.empty()) return;
        auto owner = identity->store->FindUser(complaint.tenant, complaint.assignee);
        if (!owner || owner->email.empty()) return;
        std::string reason = event.note.substr(0, event.note.find("; owner "));
        notifications.Submit(complaint, heed::core::notify::NotificationKind::kEscalation,
                             {{"to", owner->email},
                              {"owner", owner->username},
                              {"level", event.after},
                              {"reason", reason},
                              {"link", "/complaints/" + std::to_string(complaint.id.value)}});
    });
    complaints.AddTransitionListener([&notifications](const auto&, const auto& before, const auto& after) {
        if (after.status == heed::core::workflow::Status::kResolved && before.status != after.status) {
            notifications.Submit(after, heed::core::notify::NotificationKind::kResolution);
        }
    });

    heed::http::ServerOptions options;
    heed::config::SplitListen(config.listen, options.address, options.port);
    options.io_threads = config.io_threads;
    options.worker_threads = config.worker_threads;
    options.body_limit = config.body_limit;
    options.header_limit = config.header_limit;
    options.request_timeout = std::chrono::seconds(config.request_timeout_seconds);
    options.trusted_proxy = config.trusted_proxy;

    heed::http::Router router;
    std::unique_ptr<heed::http::Server> server;
    auto authenticate = [&](const heed::http::Request& request) {
        return heed::http::AuthenticateRequest(*identity->auth, request);
    };
    heed::core::services::PrivacyService privacy(indexed, *identity->store, clock, store->get());
    heed::http::AddPrivacyApi(router, privacy, authenticate);
    heed::core::services::RetentionSweeper retention(
        privacy, *identity->auth, [](const std::string& tenant, const auto& outcome) {
            if (outcome) spdlog::info("retention: tenant {}: {} complaints", tenant, outcome->changed);
            else spdlog::error("retention: tenant {}: {}", tenant, outcome.error().message);
        });
    heed::http::AddUsersApi(router, *identity->auth, authenticate);
    heed::core::analytics::AnalyticsService analytics(facts, clock);
    heed::http::AddAnalyticsApi(router, analytics, authenticate, heed::xlsx::MonthlyReportXlsx);
    heed::http::AddExportApi(router, {.authenticate = authenticate, .store = &indexed, .audit = store->get(),
                                      .xlsx = heed::xlsx::OpenTableXlsx});
    // KPI targets and alert recipients per tenant; the early-warning evaluator beside intake (every 5 minutes).
    heed::core::analytics::AnalyticsSettings analytics_settings(*identity->store, **store);
    heed::http::AddAnalyticsSettingsApi(router, analytics_settings, authenticate);
    analytics.SetTargets([&analytics_settings](heed::core::TenantId t) { return analytics_settings.KpiTargets(t); });
    analytics.SetAlertOptions([&sla](heed::core::TenantId t) { return AlertOptionsOf(sla, t); });
    analytics.SetSlaConfig([&sla](heed::core::TenantId t) { return sla.Config(t); });
    // Every tenant's roll-up is built at start on the cache's thread; a request waits a bounded time for it, then 503.
    analytics.SetReadWait(std::chrono::seconds(config.analytics_wait_seconds));
    if (auto tenants = identity->store->Tenants()) {
        for (const auto& tenant : *tenants) facts.BuildInBackground(tenant.id);
    } else {
        spdlog::error("analytics: cannot list tenants to build their roll-ups: {}", tenants.error().message);
    }
    heed::core::analytics::AlertMonitor alert_monitor(
        facts, *identity->store, **outbox, clock,
        {.interval = std::chrono::seconds(std::max(1, config.alert_interval_seconds)),
         .alert_options = [&sla](heed::core::TenantId t) { return AlertOptionsOf(sla, t); },
         .log = [](const std::string& text) { spdlog::error("{}", text); }});
    auto routing_store = heed::storage::sqlite::SqliteRoutingStore::Open(config.database);
    if (!routing_store) return Fail(routing_store.error());
    heed::core::services::RoutingService routing(indexed, **routing_store, *identity->store, clock, store->get());
    heed::http::AddRoutingApi(router, routing, authenticate);
    // Escalation hands a complaint to the owners routing knows (team lead, then a manager, then a director).
    sla.SetOwnerFinder([&routing](const heed::core::complaint::Complaint& complaint, int level) {
        auto owner = routing.EscalationOwner(complaint.tenant, complaint, level);
        return owner ? *owner : std::string{};
    });
    heed::core::services::AutoAssigner auto_assigner(routing, [](const auto& complaint, const auto& outcome) {
        if (!outcome) spdlog::error("auto-assignment of {} failed: {}", complaint.number, outcome.error().message);
        else if (!outcome->assigned) spdlog::info("auto-assignment of {}: {}", complaint.number, outcome->reason);
    });
    complaints.SetIntakeObserver([assign = auto_assigner.Observer(), &notifications](const auto& filed) {
        assign(filed);
        notifications.Submit(filed, heed::core::notify::NotificationKind::kAcknowledgement);
    });
    heed::http::AddTriageApi(router, rules, authenticate);
    heed::triage::TenantTrainer model_trainer(*text_models);
    heed::core::services::TextModelService text_model_service(indexed, model_trainer, store->get());
    heed::http::AddTextModelApi(router, text_model_service, authenticate);
    auto compensation_store = heed::storage::sqlite::SqliteCompensationStore::Open(config.database);
    if (!compensation_store) return Fail(compensation_store.error());
    heed::core::services::CompensationService compensations(indexed, **compensation_store, *identity->store, clock,
                                                            store->get());
    heed::http::AddCompensationApi(router, compensations, authenticate);
    heed::http::AddSlaApi(router, sla, complaints, authenticate);
    // The resolution workspace: solution templates, suggestions, links and merges.
    auto resolution_store = heed::storage::sqlite::SqliteResolutionStore::Open(config.database);
    if (!resolution_store) return Fail(resolution_store.error());
    heed::core::services::TemplateService templates(complaints, **resolution_store, clock, store->get());
    heed::core::services::SuggestionService suggestions(complaints, templates, **resolution_store);
    heed::http::AddResolutionApi(router, templates, suggestions, complaints, authenticate);

    // The web application, when it has been built: from --web-root, or web/dist here or beside the binary's folder.
    std::optional<heed::http::StaticFiles> web;
    std::string web_root = config.web_root;
    if (web_root.empty()) {
        for (auto candidate : {std::filesystem::path("web/dist"), Executable().parent_path().parent_path() / "web/dist"}) {
            if (std::filesystem::exists(candidate / "index.html")) {
                web_root = candidate.string();
                break;
            }
        }
    }
    if (!web_root.empty()) {
        auto files = heed::http::StaticFiles::Load(web_root);
        if (!files) return Fail(files.error());
        web = std::move(*files);
        router.SetFallback([&web](const heed::http::Request& request) { return web->Serve(request); });
        spdlog::info("serving the web application from {} ({} files)", web_root, web->size());
    }
    auto& auth = *identity->auth;
    heed::core::services::LoginThrottle user_throttle({config.login_max_failures, std::chrono::minutes(15)});
    heed::core::services::LoginThrottle address_throttle({config.login_max_failures * 6, std::chrono::minutes(15)});
    heed::http::RateLimiter sign_in_limit(10, 30);
    heed::http::RateLimiter public_limit(std::max(10, config.public_requests_per_minute / 4), config.public_requests_per_minute);
    // Plain-HTTP development on this machine; behind a proxy (trusted_proxy set) the browser speaks HTTPS.
    bool loopback = (options.address == "127.0.0.1" || options.address == "::1" || options.address == "localhost") &&
                    config.trusted_proxy.empty();
    heed::http::AddSessionApi(
        router, {.auth = &auth,
                 .user_throttle = &user_throttle,
                 .address_throttle = &address_throttle,
                 .address_limit = &sign_in_limit,
                 .now = [&clock] { return clock.Now(); },
                 .lifetime = std::chrono::hours(config.session_hours),
                 .secure_cookie = config.secure_cookies == "always" || (config.secure_cookies == "auto" && !loopback),
                 .record = [&](const heed::core::workflow::Actor& actor, const std::string& action,
                               const std::string& detail) {
                     if (auto ok = (*store)->Record({actor, action, "session", 0, detail}); !ok) {
                         spdlog::error("audit record of {} for {} failed: {}", action, actor.name, ok.error().message);
                     }
                 }});
    heed::http::AddComplaintApi(router, complaints,
                                {.authenticate = authenticate,
                                 .ready = [&] { return (*store)->Ping(); },
                                 .metrics = [&] { return Metrics(*server, **store); },
                                 .verify_audit = [&]() -> heed::core::Result<nlohmann::json> {
                                     auto report = (*store)->VerifyAudit();
                                     if (!report) return tl::unexpected(report.error());
                                     return nlohmann::json{{"ok", report->ok}, {"records", report->records},
                                                           {"complaints", report->complaints},
                                                           {"events", report->events}, {"problem", report->problem}};
                                 },
                                 .resolve_tenant = [&](const std::string& name) -> heed::core::Result<heed::core::TenantId> {
                                     auto tenant = auth.FindTenant(name);
                                     if (!tenant) return tl::unexpected(tenant.error());
                                     return tenant->id;
                                 },
                                 .public_limit = &public_limit,
                                 .audit = store->get(),
                                 .landing_page = !web});
    heed::http::AddFeedbackApi(router, feedback, {.authenticate = authenticate, .public_limit = &public_limit});
    heed::http::AddNotifyApi(router, notifications, complaints, authenticate);
    heed::http::AddPortalApi(router, complaints, feedback,
                             {.authenticate = authenticate,
                              .resolve_tenant = [&](const std::string& name) -> heed::core::Result<heed::core::TenantId> {
                                  auto tenant = auth.FindTenant(name);
                                  if (!tenant) return tl::unexpected(tenant.error());
                                  return tenant->id;
                              },
                              .public_limit = &public_limit});
    server = std::make_unique<heed::http::Server>(router, options);
    auto port = server->Listen();
    if (!port) return Fail(port.error());
    auto count = (*store)->Count(heed::core::kDefaultTenant);
    std::cout << "Heed is serving " << count.value_or(0) << " complaints from " << config.database << "\n"
              << "  Open      http://" << options.address << ":" << *port << "/\n"
              << "  API       http://" << options.address << ":" << *port << "/api/v1/complaints\n"
              << "  OpenAPI   http://" << options.address << ":" << *port << "/api/openapi.json\n"
              << "Press Ctrl+C to stop." << std::endl;
    spdlog::info("listening on {}:{}", options.address, *port);
    notifications.Start();
    server->Run();
    server.reset();  // joins the worker threads before anything their handlers use is destroyed
    notifications.Stop();
    spdlog::info("stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Heed — complaint handling and customer satisfaction"};
    app.require_subcommand(1);
    heed::config::Config config;
    std::vector<std::string> env_errors;
    heed::config::LoadEnvironment(Environment(), config, env_errors);
    for (const auto& error : env_errors) std::cerr << "heed: environment: " << error << "\n";
    if (!env_errors.empty()) return heed::cli::ExitCodeFor(heed::core::ErrorCode::kInvalidArgument);

    std::string config_file;
    auto* serve = app.add_subcommand("serve", "Serve the REST API");
    serve->add_option("--db", config.database, "SQLite database file (created if missing)");
    serve->add_option("--listen", config.listen, "host:port to listen on");
    serve->add_option("--web-root", config.web_root, "Folder of the built web application (default: web/dist)");
    int clock_offset_hours = 0;
    serve->add_option("--clock-offset-hours", clock_offset_hours,
                      "Tests only (needs HEED_ALLOW_CLOCK_OFFSET=1): run as if this many hours later");
    serve->add_option("--config", config_file, "TOML configuration file (see heed.example.toml)")->check(CLI::ExistingFile);

    heed::cli::DemoOptions demo_options;
    auto* demo = app.add_subcommand("demo", "Fill the database with realistic demo complaints");
    demo->add_option("--db", config.database, "SQLite database file (created if missing)");
    demo->add_option("--count", demo_options.count, "How many complaints")->check(CLI::Range(1, 10'000'000));
    demo->add_option("--seed", demo_options.seed, "Random seed (same seed and --now, same data)");
    std::string demo_now;
    demo->add_option("--now", demo_now, "The demo's today as ISO 8601 (default: now)");

    std::string format = "cfpb";
    std::string import_file;
    auto* import = app.add_subcommand("import", "Import complaints from a file");
    import->add_option("--db", config.database, "SQLite database file (created if missing)");
    import->add_option("--format", format, "Input format")->check(CLI::IsMember({"cfpb"}));
    import->add_option("file", import_file, "CSV file to import")->required()->check(CLI::ExistingFile);

    std::string export_format = "csv";
    std::string out_file;
    auto* export_command = app.add_subcommand("export", "Export complaints");
    export_command->add_option("--db", config.database, "SQLite database file")->check(CLI::ExistingFile);
    export_command->add_option("--format", export_format, "csv, or xlsx with --template")->check(CLI::IsMember({"csv", "xlsx"}));
    std::string export_template, export_lang = "zh", export_from, export_to;
    export_command->add_option("--template", export_template, "feedback-form: template 1 (客户满意度实时反馈采集表)")
        ->check(CLI::IsMember({"feedback-form"}));
    export_command->add_option("--lang", export_lang, "Headings of the template: zh or en")->check(CLI::IsMember({"zh", "en"}));
    export_command->add_option("--from", export_from, "Template: complaints received from (ISO 8601, inclusive)");
    export_command->add_option("--to", export_to, "Template: complaints received before (ISO 8601)");
    export_command->add_option("--out", out_file, "Output file (default: standard output)");
    std::string export_tenant = "default";
    export_command->add_option("--tenant", export_tenant, "Tenant name");
    bool with_contact_details = false;
    export_command->add_flag("--with-contact-details", with_contact_details,
                             "Include customers' phone numbers, e-mails and ids unmasked");

    auto* migrate = app.add_subcommand("migrate", "Bring the database schema up to date");
    migrate->add_option("--db", config.database, "SQLite database file (created if missing)");

    auto* check = app.add_subcommand("check", "Check the database's integrity (SQLite and full-text index)");
    check->add_option("--db", config.database, "SQLite database file")->check(CLI::ExistingFile);

    std::string tenant_name = "default";
    auto* tenant = app.add_subcommand("tenant", "Manage tenants")->require_subcommand(1);
    auto* tenant_add = tenant->add_subcommand("add", "Add a tenant");
    tenant_add->add_option("name", tenant_name, "Tenant name")->required();
    tenant_add->add_option("--db", config.database, "SQLite database file (created if missing)");

    std::string username, role_name = "agent", team;
    auto* user = app.add_subcommand("user", "Manage users")->require_subcommand(1);
    auto* user_add = user->add_subcommand("add", "Add a user; the password is read from standard input");
    user_add->add_option("--db", config.database, "SQLite database file (created if missing)");
    user_add->add_option("--tenant", tenant_name, "Tenant name");
    user_add->add_option("--username", username, "Username")->required();
    user_add->add_option("--role", role_name, "customer, agent, team_lead, manager, director, department, analyst or admin");
    user_add->add_option("--team", team, "Team the user belongs to");
    std::string user_email;
    user_add->add_option("--email", user_email, "Where escalations to the user are announced");

    std::string token_name = "cli";
    int expires_days = 0;
    std::int64_t token_id = 0;
    auto* token = app.add_subcommand("token", "Manage API tokens")->require_subcommand(1);
    auto* token_create = token->add_subcommand("create", "Create an API token; it is printed once, alone on the last line");
    token_create->add_option("--db", config.database, "SQLite database file (created if missing)");
    token_create->add_option("--tenant", tenant_name, "Tenant name");
    token_create->add_option("--role", role_name, "Role the token acts as")->required();
    token_create->add_option("--name", token_name, "Who uses it (recorded as the actor)");
    token_create->add_option("--expires-days", expires_days, "Days until it expires (0: never)")->check(CLI::Range(0, 3650));
    auto* token_revoke = token->add_subcommand("revoke", "Revoke an API token");
    token_revoke->add_option("--db", config.database, "SQLite database file")->check(CLI::ExistingFile);
    token_revoke->add_option("--tenant", tenant_name, "Tenant name");
    token_revoke->add_option("id", token_id, "Token id (printed when it was created)")->required();

    auto* audit = app.add_subcommand("audit", "The hash-chained audit log")->require_subcommand(1);
    auto* audit_verify = audit->add_subcommand("verify", "Check the chain, its anchor and every complaint against it");
    audit_verify->add_option("--db", config.database, "SQLite database file")->check(CLI::ExistingFile);

    std::string backup_file;
    std::string privacy_tenant = "default", contact, reason;
    bool dry_run = false;
    auto* erase = app.add_subcommand("erase", "Carry out a customer's erasure request (anonymise their complaints)");
    erase->add_option("--db", config.database, "SQLite database file")->check(CLI::ExistingFile);
    erase->add_option("--tenant", privacy_tenant, "Tenant name");
    erase->add_option("--contact", contact, "The customer's phone, e-mail or id")->required();
    erase->add_option("--reason", reason, "Why (e.g. the request's reference)")->required();
    erase->add_flag("--dry-run", dry_run, "List what would change and change nothing");
    auto* retention = app.add_subcommand("retention", "Per-tenant retention of ended complaints")->require_subcommand(1);
    int retention_years = 0;
    std::string retention_action = "anonymise";
    auto* retention_show = retention->add_subcommand("show", "Print the tenant's policy");
    auto* retention_set = retention->add_subcommand("set", "Set the policy (years 0 turns it off)");
    retention_set->add_option("--years", retention_years, "Ended complaints older than this")->required()->check(CLI::Range(0, 100));
    retention_set->add_option("--action", retention_action, "anonymise or delete")->check(CLI::IsMember({"anonymise", "delete"}));
    auto* retention_run = retention->add_subcommand("run", "Apply the policy now");
    retention_run->add_flag("--dry-run", dry_run, "List what would change and change nothing");
    for (auto* command : {retention_show, retention_set, retention_run}) {
        command->add_option("--db", config.database, "SQLite database file")->check(CLI::ExistingFile);
        command->add_option("--tenant", privacy_tenant, "Tenant name");
    }

    auto* backup = app.add_subcommand("backup", "Copy the database (and its key) while it may be serving");
    backup->add_option("--db", config.database, "SQLite database file")->check(CLI::ExistingFile);
    backup->add_option("--out", backup_file, "Backup file to write (replaced if it exists)")->required();
    auto* restore = app.add_subcommand("restore", "Replace the database with a verified backup (stop the server first)");
    restore->add_option("--db", config.database, "SQLite database file to replace");
    restore->add_option("--from", backup_file, "Backup file written by heed backup")->required()->check(CLI::ExistingFile);

    heed::cli::TriageCommands triage_commands(app);
    auto* train = app.get_subcommand("train");
    train->add_option("--db", config.database, "With --field: SQLite database file")->check(CLI::ExistingFile);
    train->add_option("--tenant", tenant_name, "With --field: tenant name (default: default)");
    std::string report_month, report_format = "html", report_lang = "zh", report_out, report_tenant = "default",
                report_reporter = "command-line";
    auto* report = app.add_subcommand("report", "Reports")->require_subcommand(1);
    auto* report_monthly = report->add_subcommand("monthly", "Monthly evaluation report (template 4)");
    report_monthly->add_option("--db", config.database, "SQLite database file")->check(CLI::ExistingFile);
    report_monthly->add_option("--month", report_month, "YYYY-MM")->required();
    report_monthly->add_option("--format", report_format, "html, json or xlsx")->check(CLI::IsMember({"html", "json", "xlsx"}));
    report_monthly->add_option("--lang", report_lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
    report_monthly->add_option("-o,--out", report_out, "Output file (default: standard output)");
    report_monthly->add_option("--tenant", report_tenant, "Tenant name");
    report_monthly->add_option("--reporter", report_reporter, "Who reports (报告人)");

    heed::cli::ForecastCommand forecast_command;
    double staffing_aht_minutes = 0, staffing_within_minutes = 30, staffing_level = 0.8, staffing_hours = 8;
    auto* forecast = app.add_subcommand("forecast", "Forecast daily volume from a date,count CSV (no database needed)");
    forecast->add_option("--series", forecast_command.series_file, "date,count CSV, one row per day")->required();
    forecast->add_option("--horizon", forecast_command.options.horizon, "Days to forecast")->check(CLI::Range(1, 366));
    forecast->add_option("--coverage", forecast_command.options.coverage, "Central interval (default 0.8)")
        ->check(CLI::Range(0.5, 0.99));
    forecast->add_option("--aht-minutes", staffing_aht_minutes, "Average handling time; adds an agents column");
    forecast->add_option("--answer-within-minutes", staffing_within_minutes, "Service-level threshold (default 30)");
    forecast->add_option("--service-level", staffing_level, "Share answered within it (default 0.8)");
    forecast->add_option("--staffed-hours", staffing_hours, "Staffed hours per day (default 8)");

    CLI11_PARSE(app, argc, argv);

    if (triage_commands.Selected() && !triage_commands.WantsDatabase()) return triage_commands.Run();
    if (*forecast) {
        if (staffing_aht_minutes > 0) {
            forecast_command.staffing = heed::core::analytics::StaffingTarget{
                .handling_time = std::chrono::seconds(static_cast<long>(staffing_aht_minutes * 60)),
                .answer_within = std::chrono::seconds(static_cast<long>(staffing_within_minutes * 60)),
                .service_level = staffing_level,
                .staffed_hours_per_day = staffing_hours};
        }
        auto ran = heed::cli::RunForecast(forecast_command, std::cout);
        if (!ran) return Fail(ran.error());
        return 0;
    }

    if (*backup || *restore) {
        // The key that digests API tokens travels with the data; without it existing tokens stop working.
        auto copy_key = [](const std::string& from, const std::string& to) {
            std::ifstream in(from + ".key", std::ios::binary);
            if (!in) return;
            std::ofstream out(to + ".key", std::ios::binary | std::ios::trunc);
            out << in.rdbuf();
        };
        auto report = *backup ? heed::storage::sqlite::Backup(config.database, backup_file)
                              : heed::storage::sqlite::Restore(backup_file, config.database);
        if (!report) return Fail(report.error());
        if (*backup) {
            copy_key(config.database, backup_file);
        } else {
            copy_key(backup_file, config.database);
        }
        std::cout << (*backup ? "backed up " : "restored ") << report->complaints << " complaints ("
                  << report->pages << " pages) " << (*backup ? "to " + backup_file : "into " + config.database)
                  << "; integrity ok\n";
        return 0;
    }

    if (*serve) return Serve(config, config_file, clock_offset_hours);

    heed::core::ports::SystemClock clock;
    auto crypto = OpenCrypto(config);
    if (!crypto) return Fail(crypto.error());
    auto store = OpenStore(config, **crypto, clock);
    if (!store) return Fail(store.error());
    auto identity = OpenIdentity(config, **crypto, clock, **store);
    if (!identity) return Fail(identity.error());
    heed::sla_adapters::SettingsSlaConfigStore sla_config(*identity->store);
    heed::sla_adapters::IcuTimeZones time_zones;
    heed::core::services::SlaService sla(sla_config, identity->store.get(), &time_zones, store->get());
    heed::core::services::ComplaintService complaints(**store, clock, &sla);
    auto text_models = OpenTextModels(config);  // imports and the demo are triaged too
    heed::patterns::Re2PatternEngine patterns;
    heed::core::services::TriageService triage(**store, **store, clock,
                                               {.classifier = text_models.get(), .patterns = &patterns});
    complaints.SetTriage(&triage);

    if (triage_commands.WantsDatabase()) {  // heed train --db FILE --field F: the tenant's own model
        auto found = identity->auth->FindTenant(tenant_name);
        if (!found) return Fail(found.error());
        heed::triage::TenantTrainer trainer(*text_models, triage_commands.Options());
        heed::core::services::TextModelService models(**store, trainer, store->get());
        const heed::core::workflow::Actor actor{found->id, "command-line", heed::core::workflow::Role::kAdmin, {}};
        return heed::cli::TriageCommands::ReportTenantModel(models.Train(actor, triage_commands.field()));
    }

    if (*audit_verify) {
        auto report = (*store)->VerifyAudit();
        if (!report) return Fail(report.error());
        std::cout << (report->ok ? "ok: " : "FAILED: ") << report->records << " audit records, " << report->complaints
                  << " complaints and " << report->events << " events verified"
                  << (report->ok ? "" : "\n" + report->problem) << "\n";
        return report->ok ? 0 : heed::cli::ExitCodeFor(heed::core::ErrorCode::kFailedPrecondition);
    }
    if (*tenant || *user || *token) {
        auto& auth = *identity->auth;
        if (*tenant_add) {
            auto added = auth.AddTenant(tenant_name);
            if (!added) return Fail(added.error());
            std::cout << "tenant " << added->name << " (id " << added->id.value << ")\n";
            return 0;
        }
        auto found = auth.FindTenant(tenant_name);
        if (!found) return Fail(found.error());
        auto role = heed::core::ValueOf(heed::core::workflow::kRoleNames, role_name);
        if (!role && (*user_add || *token_create)) {
            return Fail({heed::core::ErrorCode::kInvalidArgument, "unknown role " + role_name, "role", {}});
        }
        if (*user_add) {
            std::string password;
            std::getline(std::cin, password);
            auto added = auth.AddUser(found->id, username, password, *role, team, heed::core::services::AuthService::CommandLine(),
                                      user_email);
            if (!added) return Fail(added.error());
            std::cout << "user " << added->username << " (" << role_name << ") in tenant " << found->name << "\n";
            return 0;
        }
        if (*token_create) {
            std::optional<std::chrono::hours> ttl;
            if (expires_days > 0) ttl = std::chrono::hours(24 * expires_days);
            auto created = auth.CreateToken(found->id, *role, token_name, ttl);
            if (!created) return Fail(created.error());
            std::cout << "token " << created->token.id.value << " for tenant " << found->name << " as " << role_name
                      << (ttl ? ", expires " + heed::core::FormatIso8601(*created->token.expires_at) : ", no expiry")
                      << ". It is shown only now:\n"
                      << created->secret << std::endl;
            return 0;
        }
        auto revoked = auth.RevokeToken(found->id, heed::core::identity::TokenId{token_id});
        if (!revoked) return Fail(revoked.error());
        std::cout << "token " << token_id << " revoked\n";
        return 0;
    }
    if (*erase || *retention) {
        auto found = identity->auth->FindTenant(privacy_tenant);
        if (!found) return Fail(found.error());
        heed::core::services::PrivacyService privacy(**store, *identity->store, clock, store->get());
        heed::core::workflow::Actor admin{found->id, "command-line", heed::core::workflow::Role::kSystem, {}};
        auto print = [](const heed::core::services::PrivacyReport& report) {
            std::cout << nlohmann::json{{"dry_run", report.dry_run}, {"complaints", report.numbers},
                                        {"matched", report.numbers.size()}, {"changed", report.changed}}
                             .dump(2)
                      << std::endl;
        };
        if (*erase) {
            auto report = privacy.EraseCustomer(admin, contact, reason, dry_run);
            if (!report) return Fail(report.error());
            print(*report);
            return 0;
        }
        if (*retention_set) {
            auto set = privacy.SetRetention(
                admin, {retention_years, *heed::core::ValueOf(heed::core::services::kRetentionActionNames, retention_action)});
            if (!set) return Fail(set.error());
        }
        auto policy = privacy.Retention(found->id);
        if (!policy) return Fail(policy.error());
        if (*retention_run) {
            auto report = privacy.ApplyRetention(admin, *policy, dry_run);
            if (!report) return Fail(report.error());
            print(*report);
            return 0;
        }
        std::cout << "retention for tenant " << found->name << ": "
                  << (policy->years > 0 ? std::string(heed::core::NameOf(heed::core::services::kRetentionActionNames,
                                                                          policy->action)) +
                                              " ended complaints after " + std::to_string(policy->years) + " years"
                                        : std::string("off"))
                  << "\n";
        return 0;
    }
    if (*demo) {
        demo_options.now = clock.Now();
        if (!demo_now.empty()) {
            auto parsed = heed::core::ParseIso8601(demo_now);
            if (!parsed) return Fail({heed::core::ErrorCode::kInvalidArgument, "--now must be ISO 8601", "now", {}});
            demo_options.now = *parsed;
        }
        // SLA: the office calendar and policies first, so every demo complaint gets its clocks from them, computed
        // as of the demo's today; the demo's users exist first so escalations at intake have owners.
        auto sla_demo = heed::cli::SeedSlaDemo(sla, heed::core::kDefaultTenant);
        if (!sla_demo) return Fail(sla_demo.error());
        heed::cli::DemoClock demo_clock(demo_options.now);
        heed::core::services::ComplaintService demo_complaints(**store, demo_clock, &sla);
        demo_complaints.SetTriage(&triage);
        // One user per role to sign in with; the password is printed, so this is for demonstration databases only.
        auto& auth = *identity->auth;
        using heed::core::workflow::Role;
        const std::pair<const char*, Role> kDemoUsers[] = {{"admin", Role::kAdmin},     {"manager", Role::kManager},
                                                           {"lead", Role::kTeamLead},   {"agent", Role::kAgent},
                                                           {"analyst", Role::kAnalyst}, {"logistics", Role::kDepartment}};
        int users = 0;
        for (const auto& [name, role] : kDemoUsers) {
            std::string team = role == Role::kTeamLead || role == Role::kAgent ? "一线客服组"
                               : role == Role::kDepartment                       ? "物流部"
                                                                                 : "";
            auto added = auth.AddUser(heed::core::kDefaultTenant, name, "demo-password", role, team,
                                      heed::core::services::AuthService::CommandLine(),
                                      std::string(name) + "@example.com");
            if (added) ++users;
            else if (added.error().code != heed::core::ErrorCode::kConflict) return Fail(added.error());
        }
        if (users > 0) {
            std::cout << "Demo users (tenant default, password demo-password): admin, manager, lead, agent, analyst, "
                         "logistics\n";
        }
        auto report = heed::cli::GenerateDemo(demo_complaints, demo_options);
        std::cout << "Created " << report.created << " demo complaints in " << config.database << ":";
        for (const auto& [status, count] : report.by_status) std::cout << " " << status << "=" << count;
        std::cout << "\n";
        // Teams, skills and routing; the demo's agents, leads and a director as users.
        auto routing_store = heed::storage::sqlite::SqliteRoutingStore::Open(config.database);
        if (!routing_store) return Fail(routing_store.error());
        heed::core::services::RoutingService routing(**store, **routing_store, *identity->store, clock, store->get());
        auto routed = heed::cli::SeedRoutingDemo(auth, routing, demo_complaints, heed::core::kDefaultTenant);
        if (!routed) return Fail(routed.error());
        std::cout << "Routing: " << routed->teams << " teams, " << routed->profiles << " agent profiles, "
                  << routed->auto_assigned << " new complaints assigned automatically (" << routed->unassigned
                  << " left for a person); more users: director, lead.chen, lead.olivia, agent.liu … agent.james\n";
        auto compensation_store = heed::storage::sqlite::SqliteCompensationStore::Open(config.database);
        if (!compensation_store) return Fail(compensation_store.error());
        heed::core::services::CompensationService compensations(**store, **compensation_store, *identity->store, clock,
                                                                store->get());
        auto compensated = heed::cli::SeedCompensationDemo(compensations, demo_complaints, heed::core::kDefaultTenant);
        if (!compensated) return Fail(compensated.error());
        std::cout << "Compensation: " << compensated->requested << " requests (" << compensated->approved
                  << " approved, " << compensated->rejected << " rejected, " << compensated->pending
                  << " pending approval)\n";
        // "3+7" follow-ups, surveys and their answers, acknowledgements in the outbox.
        auto feedback_store = heed::storage::sqlite::SqliteFeedbackStore::Open(config.database);
        if (!feedback_store) return Fail(feedback_store.error());
        auto outbox = heed::storage::sqlite::SqliteOutbox::Open(config.database);
        if (!outbox) return Fail(outbox.error());
        auto fed = heed::cli::SeedFeedbackDemo(**store, **feedback_store, **outbox, heed::core::kDefaultTenant,
                                               demo_options.now, demo_options.seed);
        if (!fed) return Fail(fed.error());
        std::cout << "Feedback: " << fed->follow_ups << " follow-ups (" << fed->due << " due today, " << fed->overdue
                  << " overdue), " << fed->surveys_sent << " surveys sent, " << fed->surveys_answered
                  << " answered; " << fed->outbox << " e-mails waiting in the outbox\n";
        // Solution templates with their use and satisfaction, links and merges (after the surveys are answered).
        auto resolution_store = heed::storage::sqlite::SqliteResolutionStore::Open(config.database);
        if (!resolution_store) return Fail(resolution_store.error());
        heed::core::services::TemplateService templates(demo_complaints, **resolution_store, clock, store->get());
        auto resolved = heed::cli::SeedResolutionDemo(templates, **resolution_store, demo_complaints,
                                                      heed::core::kDefaultTenant);
        if (!resolved) return Fail(resolved.error());
        std::cout << "Resolution: " << resolved->templates << " solution templates used " << resolved->uses
                  << " times (" << resolved->rated << " on complaints with a survey answer), " << resolved->links
                  << " related complaints linked, " << resolved->merged << " duplicates merged\n";
        // Triage: two rules and new complaints showing risk flags, a rule, repeats, a cluster, a duplicate, a burst.
        heed::core::services::RuleService triage_rules(**store, triage, clock, store->get());
        auto triaged = heed::cli::SeedTriageDemo(demo_complaints, triage_rules, heed::core::kDefaultTenant, demo_options.now);
        if (!triaged) return Fail(triaged.error());
        std::cout << "Triage: " << triaged->rules << " rules, " << triaged->filed << " new complaints ("
                  << triaged->with_risk_flags << " with risk flags, " << triaged->repeats << " repeats, incident cluster "
                  << (triaged->cluster.empty() ? "none" : triaged->cluster) << " of " << triaged->cluster_customers
                  << " customers, " << triaged->in_triage_queue << " in the triage queue)\n";
        // Text models: the tenant's own category model, learnt from the complaints people categorised.
        heed::triage::TenantTrainer trainer(*text_models);
        heed::core::services::TextModelService text_model_service(**store, trainer, store->get());
        auto trained = text_model_service.Train(
            {heed::core::kDefaultTenant, "demo", heed::core::workflow::Role::kAdmin, {}}, "category");
        if (trained) {
            std::cout << "Text models: the tenant's own category model, trained from " << trained->examples
                      << " complaints people categorised (" << trained->labels.size() << " categories";
            if (trained->holdout_accuracy) {
                std::cout << ", held-out accuracy " << std::lround(*trained->holdout_accuracy * 100) << " %";
            }
            std::cout << ")\n";
        } else {
            std::cout << "Text models: the shipped defaults (" << trained.error().message << ")\n";
        }
        // Escalations on request go to the owners routing knows; then the open clocks by state.
        sla.SetOwnerFinder([&routing](const heed::core::complaint::Complaint& complaint, int level) {
            auto owner = routing.EscalationOwner(complaint.tenant, complaint, level);
            return owner ? *owner : std::string{};
        });
        if (auto finished = heed::cli::FinishSlaDemo(demo_complaints, **store, heed::core::kDefaultTenant, *sla_demo);
            !finished) {
            return Fail(finished.error());
        }
        std::cout << "SLA: office calendar (Asia/Shanghai, Mon-Fri 09:00-18:00, " << sla_demo->holidays
                  << " public holidays), " << sla_demo->policies << " policies; open complaints by SLA state:";
        for (const auto& [state, count] : sla_demo->open_by_state) std::cout << " " << state << "=" << count;
        std::cout << "; " << sla_demo->escalated << " escalated (" << sla_demo->requested << " on request)\n";
        // Early warning: a surge three hours before --now, the managers' alert address, the alerts of the last day.
        heed::core::analytics::AnalyticsSettings analytics_settings(*identity->store, **store);
        auto alerted = heed::cli::SeedAlertDemo(demo_complaints, **store, analytics_settings, heed::core::kDefaultTenant,
                                                demo_options.now);
        if (!alerted) return Fail(alerted.error());
        std::cout << "Alerts: " << alerted->filed << " new complaints in a " << alerted->category
                  << " surge three hours ago; in the last 24 hours " << alerted->alerts.size() << " alerts";
        for (std::size_t i = 0; i < alerted->alerts.size(); ++i) std::cout << (i ? ", " : " (") << alerted->alerts[i];
        std::cout << (alerted->alerts.empty() ? "" : ")") << "; sent to manager@example.com by heed serve\n";
        if (report.failed) {
            std::cerr << "heed: " << report.failed << " demo complaints failed: " << report.first_error << "\n";
            return 1;
        }
        return 0;
    }
    if (*import) {
        std::ifstream input(import_file, std::ios::binary);
        if (!input) return Fail({heed::core::ErrorCode::kNotFound, "cannot read " + import_file, "file", {}});
        auto report = heed::cli::ImportCfpb(complaints, {heed::core::kDefaultTenant, "import", heed::core::workflow::Role::kSystem}, input);
        if (!report) return Fail(report.error());
        nlohmann::json out{{"rows", report->rows},
                           {"imported", report->imported},
                           {"rejected", report->rejected},
                           {"reasons", report->reasons}};
        std::cout << out.dump(2) << std::endl;
        return 0;
    }
    if (*export_command) {
        std::ofstream file;
        if (!out_file.empty()) {
            file.open(out_file, std::ios::binary);
            if (!file) return Fail({heed::core::ErrorCode::kInvalidArgument, "cannot write " + out_file, "out", {}});
        }
        auto tenant = identity->auth->FindTenant(export_tenant);
        if (!tenant) return Fail(tenant.error());
        if (!export_template.empty()) {
            namespace analytics = heed::core::analytics;
            analytics::FeedbackFormOptions form;
            form.format = export_format;
            form.language = export_lang == "zh" ? analytics::Language::kZh : analytics::Language::kEn;
            form.with_contact_details = with_contact_details;
            form.destination = out_file.empty() ? "-" : out_file;
            for (auto [text, slot, name] : {std::tuple{&export_from, &form.from, "from"}, std::tuple{&export_to, &form.to, "to"}}) {
                if (text->empty()) continue;
                auto parsed = heed::core::ParseIso8601(*text);
                if (!parsed) return Fail({heed::core::ErrorCode::kInvalidArgument, std::string("--") + name + " must be ISO 8601", name, {}});
                *slot = *parsed;
            }
            if (export_format == "xlsx" && out_file.empty()) {
                return Fail({heed::core::ErrorCode::kInvalidArgument, "xlsx needs --out FILE", "out", {}});
            }
            heed::core::workflow::Actor system{tenant->id, "command-line", heed::core::workflow::Role::kSystem, {}};
            auto header = analytics::FeedbackFormHeader(form.language);
            std::unique_ptr<analytics::TableWriter> workbook;
            if (export_format == "xlsx") {
                file.close();
                auto opened = heed::xlsx::OpenTableXlsx(out_file, analytics::FeedbackFormTitle(form.language), header);
                if (!opened) return Fail(opened.error());
                workbook = std::move(*opened);
            }
            std::ostream& text = out_file.empty() ? std::cout : file;
            if (!workbook) text << "\xEF\xBB\xBF" << analytics::CsvLine(header);
            auto rows = analytics::ExportFeedbackForm(**store, **store, system, form, [&](const std::vector<std::string>& row) {
                if (workbook) return workbook->Row(row);
                text << analytics::CsvLine(row);
                return static_cast<bool>(text);
            });
            if (!rows) return Fail(rows.error());
            if (workbook) {
                if (auto done = workbook->Finish(); !done) return Fail(done.error());
            } else if (!text.flush()) {
                return Fail({heed::core::ErrorCode::kUnavailable, "could not write the export", "out", {}});
            }
            std::cerr << "exported " << *rows << " rows of the feedback capture form\n";
            return 0;
        }
        if (export_format != "csv") return Fail({heed::core::ErrorCode::kInvalidArgument, "xlsx is for --template exports", "format", {}});
        // Recorded before anything is written: no export leaves without its audit record.
        auto recorded = (*store)->Record({{tenant->id, "command-line", heed::core::workflow::Role::kSystem, {}},
                                          "export.csv",
                                          "export",
                                          0,
                                          std::string("with_contact_details=") + (with_contact_details ? "yes" : "no") +
                                              " out=" + (out_file.empty() ? "-" : out_file)});
        if (!recorded) return Fail(recorded.error());
        auto rows = heed::cli::ExportCsv(**store, tenant->id, out_file.empty() ? std::cout : file, with_contact_details);
        if (!rows) return Fail(rows.error());
        std::cerr << "exported " << *rows << " complaints\n";
        return 0;
    }
    if (*report_monthly) {
        auto period = heed::core::analytics::MonthPeriod(report_month);
        if (!period) return Fail(period.error());
        auto tenant = identity->auth->FindTenant(report_tenant);
        if (!tenant) return Fail(tenant.error());
        auto rows = heed::core::analytics::FactsCache::Scan(**store, tenant->id, clock.Now());
        if (!rows) return Fail(rows.error());
        std::vector<const heed::core::analytics::ComplaintFacts*> pointers;
        for (const auto& row : *rows) pointers.push_back(&row);
        auto language = report_lang == "zh" ? heed::core::analytics::Language::kZh : heed::core::analytics::Language::kEn;
        auto targets = heed::core::analytics::AnalyticsSettings(*identity->store, **store).KpiTargets(tenant->id);
        if (!targets) return Fail(targets.error());
        auto sla_setup = sla.Config(tenant->id);
        if (!sla_setup) return Fail(sla_setup.error());
        auto calendar = heed::core::analytics::ReportingCalendar(**sla_setup, {});
        if (!calendar) return Fail(calendar.error());
        auto built = heed::core::analytics::BuildMonthlyReport(pointers, report_month, *period, report_reporter,
                                                               clock.Now(), language, *targets, &*calendar);
        std::string text;
        if (report_format == "xlsx") {
            auto bytes = heed::xlsx::MonthlyReportXlsx(built, language);
            if (!bytes) return Fail(bytes.error());
            if (report_out.empty()) return Fail({heed::core::ErrorCode::kInvalidArgument, "xlsx needs -o FILE", "out", {}});
            text = std::move(*bytes);
        } else {
            text = report_format == "json" ? heed::http::MonthlyReportJson(built).dump(2) + "\n"
                                           : heed::core::analytics::RenderMonthlyHtml(built, language);
        }
        if (report_out.empty()) {
            std::cout << text;
        } else {
            std::ofstream file(report_out, std::ios::binary | std::ios::trunc);
            if (!(file << text)) return Fail({heed::core::ErrorCode::kInvalidArgument, "cannot write " + report_out, "out", {}});
            std::cerr << "wrote " << report_out << " (" << built.kpis.received << " complaints in " << report_month << ")\n";
        }
        return 0;
    }
    if (*migrate) {
        std::cout << "database " << config.database << " is at schema version "
                  << heed::storage::sqlite::LatestSchemaVersion() << "\n";
        return 0;
    }
    if (*check) {
        auto report = (*store)->CheckIntegrity();
        if (!report) return Fail(report.error());
        std::cout << *report << "\n";
        return *report == "ok" ? 0 : heed::cli::ExitCodeFor(heed::core::ErrorCode::kInternal);
    }
    return 0;
}
