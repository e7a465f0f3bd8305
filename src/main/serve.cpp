// `heed serve`: builds every adapter and service, wires them together and serves the API and the web application
// until stopped.

#include "main/serve.hpp"

#include <spdlog/spdlog.h>
#ifdef HEED_TCMALLOC
#include <gperftools/malloc_extension.h>
#endif

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <mutex>
#include <optional>
#include <thread>

#include "cli/exit_codes.hpp"
#include "config/config.hpp"
#include "core/analytics/alert_monitor.hpp"
#include "core/analytics/analytics_service.hpp"
#include "core/analytics/analytics_settings.hpp"
#include "core/ports/clock.hpp"
#include "core/services/auth_service.hpp"
#include "core/services/auto_assigner.hpp"
#include "core/services/compensation_service.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/feedback_service.hpp"
#include "core/services/notification_service.hpp"
#include "core/services/privacy_service.hpp"
#include "core/services/retention_sweeper.hpp"
#include "core/services/routing_service.hpp"
#include "core/services/rule_service.hpp"
#include "core/services/sla_recompute_resumer.hpp"
#include "core/services/sla_service.hpp"
#include "core/services/sla_sweeper.hpp"
#include "core/services/suggestion_service.hpp"
#include "core/services/template_service.hpp"
#include "core/services/text_model_service.hpp"
#include "core/services/triage_service.hpp"
#include "http/analytics_api.hpp"
#include "http/analytics_settings_api.hpp"
#include "http/compensation_api.hpp"
#include "http/complaint_api.hpp"
#include "http/export_api.hpp"
#include "http/feedback_api.hpp"
#include "http/notify_api.hpp"
#include "http/portal_api.hpp"
#include "http/privacy_api.hpp"
#include "http/resolution_api.hpp"
#include "http/routing_api.hpp"
#include "http/server.hpp"
#include "http/session_api.hpp"
#include "http/sla_api.hpp"
#include "http/static_files.hpp"
#include "http/text_model_api.hpp"
#include "http/triage_api.hpp"
#include "http/users_api.hpp"
#include "main/app_parts.hpp"
#include "notify/smtp_sender.hpp"
#include "patterns/re2_pattern_engine.hpp"
#include "sla/icu_time_zones.hpp"
#include "sla/settings_sla_store.hpp"
#include "storage/sqlite/compensation_store.hpp"
#include "storage/sqlite/feedback_store.hpp"
#include "storage/sqlite/outbox_store.hpp"
#include "storage/sqlite/resolution_store.hpp"
#include "storage/sqlite/routing_store.hpp"
#include "triage/tenant_trainer.hpp"
#include "xlsx/monthly_xlsx.hpp"
#include "xlsx/table_xlsx.hpp"

namespace heed::app {
namespace {

// Hands the allocator's free pages back to the system. A large one-off job such as the KPI roll-up's build frees
// hundreds of megabytes of scratch at its end, which tcmalloc would otherwise keep: at 1 000 000 complaints the
// server stayed at 1.3 GB resident instead of 0.8 GB (BENCHMARKS.md, "Reads with 1 000 000 complaints").
void ReleaseFreeMemory() {
#ifdef HEED_TCMALLOC
    MallocExtension::instance()->ReleaseFreeMemory();
#endif
}

// Hands free pages back every few seconds too: tcmalloc returns a freed span to the system only when its page heap
// grows past a threshold, so the scratch of queries and the old buffer of a roll-up that outgrew its room stay
// resident until then (at 1 000 000 complaints 25.6 MiB sat in the page heap's free lists after start-up; after
// bench/reads.sh the periodic release took 1.5 MB off: BENCHMARKS.md "At 1 000 000 complaints, memory"). A call
// with nothing to release is a walk of a few free lists.
class MemoryReleaser {
public:
    explicit MemoryReleaser(std::chrono::seconds every)
        : thread_([this, every] {
              std::unique_lock lock(mutex_);
              while (!stop_cv_.wait_for(lock, every, [this] { return stopping_; })) ReleaseFreeMemory();
          }) {}
    ~MemoryReleaser() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        stop_cv_.notify_all();
        thread_.join();
    }
    MemoryReleaser(const MemoryReleaser&) = delete;
    MemoryReleaser& operator=(const MemoryReleaser&) = delete;

private:
    std::mutex mutex_;
    std::condition_variable stop_cv_;
    bool stopping_ = false;  // GUARDED_BY(mutex_)
    std::thread thread_;
};

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

}  // namespace

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
    auto parts = OpenCore(config, clock);
    if (!parts) return Fail(parts.error());
    // The names the wiring below uses: `**crypto`, `**store`, `store->get()`, `identity->store`, `sla`.
    auto* crypto = &parts->crypto;
    auto* store = &parts->store;
    auto* identity = &parts->identity;
    auto& sla = *parts->sla;
    // Every service writes through `indexed`, which keeps the KPI roll-up current (core/analytics/facts_cache.hpp).
    heed::core::analytics::FactsCache facts(**store, clock);
    facts.SetAfterBuild(ReleaseFreeMemory);
    MemoryReleaser memory_releaser(std::chrono::seconds(10));
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
    // A recomputation of open complaints that a crash cut short (its tenant's mark is still set) runs again in the
    // background once the server listens.
    heed::core::services::SlaRecomputeResumer sla_resumer(
        complaints, sla,
        {.info = [](const std::string& text) { spdlog::info("{}", text); },
         .error = [](const std::string& text) { spdlog::error("{}", text); }});
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
    sla_resumer.Start();
    server->Run();
    server.reset();  // joins the worker threads before anything their handlers use is destroyed
    sla_resumer.Stop();
    notifications.Stop();
    spdlog::info("stopped");
    return 0;
}

}  // namespace heed::app
