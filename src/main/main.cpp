// The composition root: parses the command line, builds the adapters, injects them and runs. Read top to bottom,
// each command is a list of parts; `heed serve` is in serve.cpp, the parts every command opens in app_parts.cpp.

#include <algorithm>
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <tuple>

#include "cli/cfpb_import.hpp"
#include "cli/csv_export.hpp"
#include "cli/demo.hpp"
#include "cli/demo_alerts.hpp"
#include "cli/demo_compensation.hpp"
#include "cli/demo_feedback.hpp"
#include "cli/demo_resolution.hpp"
#include "cli/demo_routing.hpp"
#include "cli/demo_sla.hpp"
#include "cli/demo_triage.hpp"
#include "cli/exit_codes.hpp"
#include "cli/forecast_command.hpp"
#include "cli/triage_commands.hpp"
#include "config/config.hpp"
#include "core/analytics/analytics_service.hpp"
#include "core/analytics/analytics_settings.hpp"
#include "core/ports/clock.hpp"
#include "core/services/auth_service.hpp"
#include "core/services/compensation_service.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/privacy_service.hpp"
#include "core/services/retention_sweeper.hpp"
#include "core/services/routing_service.hpp"
#include "core/services/rule_service.hpp"
#include "core/services/sla_service.hpp"
#include "core/services/template_service.hpp"
#include "core/services/text_model_service.hpp"
#include "core/services/triage_service.hpp"
#include "http/analytics_api.hpp"
#include "main/app_parts.hpp"
#include "main/serve.hpp"
#include "patterns/re2_pattern_engine.hpp"
#include "security/sodium_crypto.hpp"
#include "sla/icu_time_zones.hpp"
#include "sla/settings_sla_store.hpp"
#include "storage/sqlite/backup.hpp"
#include "storage/sqlite/compensation_store.hpp"
#include "storage/sqlite/feedback_store.hpp"
#include "storage/sqlite/identity_store.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/outbox_store.hpp"
#include "storage/sqlite/resolution_store.hpp"
#include "storage/sqlite/routing_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "triage/tenant_trainer.hpp"
#include "xlsx/monthly_xlsx.hpp"
#include "xlsx/table_xlsx.hpp"

extern char** environ;

namespace {

using heed::app::Fail;
using heed::app::OpenCore;
using heed::app::OpenTextModels;
using heed::app::Serve;
using heed::core::Error;
using heed::storage::sqlite::SqliteComplaintStore;

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
    auto parts = OpenCore(config, clock);
    if (!parts) return Fail(parts.error());
    // The names the commands below use: `**store`, `store->get()`, `identity->store`, `sla`.
    auto* store = &parts->store;
    auto* identity = &parts->identity;
    auto& sla = *parts->sla;
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
        // Complaints already in the database move to the demo's set-up (and its recompute mark is cleared).
        if (auto recomputed = demo_complaints.RecomputeSla(heed::core::kDefaultTenant); !recomputed) {
            return Fail(recomputed.error());
        }
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
                  << " customers, " << triaged->in_triage_queue << " in the triage queue, " << triaged->with_sentiment
                  << " with a sentiment from the lexicons, " << triaged->sharply_negative << " sharply negative)\n";
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
        // The replay raises an alert again at each step its condition still holds: each one is named once.
        std::vector<std::string> distinct;
        for (const auto& alert : alerted->alerts) {
            if (std::find(distinct.begin(), distinct.end(), alert) == distinct.end()) distinct.push_back(alert);
        }
        std::cout << "Alerts: " << alerted->filed << " new complaints in a " << alerted->category
                  << " surge three hours ago; in the last 24 hours " << alerted->alerts.size() << " alerts";
        if (distinct.size() < alerted->alerts.size()) std::cout << " on " << distinct.size() << " subjects";
        constexpr std::size_t kShown = 5;
        for (std::size_t i = 0; i < std::min(distinct.size(), kShown); ++i) std::cout << (i ? ", " : " (") << distinct[i];
        if (distinct.size() > kShown) std::cout << " and " << distinct.size() - kShown << " more";
        std::cout << (distinct.empty() ? "" : ")") << "; sent to manager@example.com by heed serve\n";
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
