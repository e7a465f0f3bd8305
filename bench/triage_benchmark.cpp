// What intake triage costs per complaint, on a real SQLite store already holding N complaints (default 20 000,
// their triage indexes filled), with 20 tenant rules. Times the whole hook (TriageService::Triage: normalisation,
// lexicon, rules, repeat and fingerprint lookups) and its parts, and prints medians. See BENCHMARKS.md.
// Usage: build/bench/triage_benchmark [N] [measured] [narratives.csv | synthetic]
// With the CFPB narratives (4 976 texts) every text recurs about four times among N = 20 000: heavy duplication, so
// most intakes find near-identical complaints and join clusters. `synthetic` draws random 60-word texts: no
// duplicates, the common case.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "cli/csv_reader.hpp"
#include "core/ports/clock.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/rule_service.hpp"
#include "core/services/triage_service.hpp"
#include "core/triage/fingerprint.hpp"
#include "core/triage/index_entries.hpp"
#include "core/triage/risk_lexicon.hpp"
#include "core/triage/text_match.hpp"
#include "patterns/re2_pattern_engine.hpp"
#include "storage/sqlite/sqlite_store.hpp"

using namespace heed;
using Clock = std::chrono::steady_clock;

namespace {

// A random 60-word Chinese or English complaint: unique with overwhelming probability.
std::string SyntheticText(std::mt19937_64& random) {
    static const char* zh[] = {"快递", "物流", "退款", "客服", "态度", "质量", "安装", "维修", "发票", "价格", "延误",
                               "破损", "师傅", "订单", "商品", "包装", "电话", "投诉", "处理", "解决"};
    static const char* en[] = {"refund", "delivery", "charge", "account", "late", "broken", "support", "fee",
                               "card",   "order",    "bank",   "payment", "agent", "email",  "week",    "month"};
    std::string text;
    bool chinese = random() % 2;
    for (int w = 0; w < 60; ++w) text += chinese ? zh[random() % 20] : std::string(en[random() % 16]) + " ";
    return text;
}

std::vector<std::string> LoadTexts(const std::string& path) {
    std::vector<std::string> texts;
    std::ifstream input(path, std::ios::binary);
    if (path != "synthetic" && input) {
        cli::CsvReader reader(input);
        std::vector<std::string> fields;
        reader.Next(fields);
        while (reader.Next(fields)) {
            if (fields.size() >= 2 && !fields.back().empty()) texts.push_back(fields.back().substr(0, 4000));
        }
    }
    return texts;
}

struct Stats {
    std::vector<double> micros;
    void Add(Clock::duration d) { micros.push_back(std::chrono::duration<double, std::micro>(d).count()); }
    double At(double q) {
        std::sort(micros.begin(), micros.end());
        return micros[static_cast<std::size_t>(q * (micros.size() - 1))];
    }
    void Print(const char* name) {
        std::printf("%-40s median %8.1f us   p90 %8.1f us   p99 %8.1f us\n", name, At(0.5), At(0.9), At(0.99));
    }
};

}  // namespace

int main(int argc, char** argv) {
    int seeded = argc > 1 ? std::atoi(argv[1]) : 20000;
    int measured = argc > 2 ? std::atoi(argv[2]) : 2000;
    std::string data = argc > 3 ? argv[3] : "../shared/data/cfpb/narratives_unlabeled.csv";
    auto texts = LoadTexts(data);
    std::printf("texts: %s, seeded complaints: %d, measured intakes: %d\n",
                texts.empty() ? "synthetic, each unique" : (std::to_string(texts.size()) + " from " + data).c_str(),
                seeded, measured);

    auto dir = std::filesystem::temp_directory_path() / ("heed-triage-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    core::ports::SystemClock clock;
    auto store = storage::sqlite::SqliteComplaintStore::Open(
        (dir / "bench.db").string(),
        {.readers = 4,
         .max_batch = 512,
         .mac = [](std::string_view m) { return std::to_string(std::hash<std::string_view>{}(m)); },
         .clock = &clock});
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().message.c_str());
        return 1;
    }
    patterns::Re2PatternEngine patterns;
    core::services::TriageService triage(**store, **store, clock, {.patterns = &patterns});
    core::services::RuleService rules(**store, triage, clock);
    core::services::ComplaintService service(**store, clock);
    service.SetTriage(&triage);
    const core::workflow::Actor system{core::kDefaultTenant, "bench", core::workflow::Role::kSystem, {}};
    const char* categories[] = {"物流配送", "退换货", "价格争议", "服务态度", "产品质量", "售后服务"};
    for (int i = 0; i < 20; ++i) {
        core::triage::Rule rule;
        rule.name = "rule " + std::to_string(i);
        rule.priority = i;
        rule.when.keywords_any = {"keyword" + std::to_string(i), std::string("退款") + std::to_string(i)};
        if (i % 4 == 0) rule.when.regex = "(charge|fee)s? .{0,20}(twice|again)" + std::to_string(i);
        rule.then.add_tags = {"tag" + std::to_string(i)};
        if (!rules.Create(system, rule)) return 1;
    }
    std::mt19937_64 random(42);
    auto draft = [&](int i) {
        core::complaint::Complaint c;
        c.customer.name = "bench";
        c.customer.phone = "138" + std::to_string(10000000 + random() % 5000);  // 5 000 customers: repeats happen
        c.subject = "complaint " + std::to_string(i);
        c.description = texts.empty() ? SyntheticText(random) : texts[random() % texts.size()];
        c.classification.category = categories[random() % 6];
        c.channel = core::complaint::Channel::kWeb;
        return c;
    };
    auto started = Clock::now();
    for (int done = 0; done < seeded;) {
        std::vector<core::ports::NewComplaint> batch;
        for (int i = 0; i < 500 && done + i < seeded; ++i) batch.push_back({draft(done + i), {}, {}});
        done += static_cast<int>(batch.size());
        for (auto& result : service.FileMany(system, std::move(batch))) {
            if (!result) return 1;
        }
    }
    std::printf("seeded in %.1f s\n", std::chrono::duration<double>(Clock::now() - started).count());

    Stats whole, lexicon_rules, contacts, simhash, fingerprints, filing;
    int clustered = 0, repeats = 0;
    auto compiled = rules.List(system);
    std::vector<core::triage::CompiledRule> rule_set;
    for (auto& r : *compiled) rule_set.push_back(core::triage::CompileRule(r, &patterns));
    for (int i = 0; i < measured; ++i) {
        auto c = draft(seeded + i);
        c.tenant = core::kDefaultTenant;
        c.milestones.received_at = clock.Now();
        std::vector<core::workflow::Event> events;
        auto copy = c;
        auto t0 = Clock::now();
        triage.Triage(copy, events);
        whole.Add(Clock::now() - t0);
        clustered += !copy.links.incident_cluster.empty();
        repeats += copy.links.repeat_of.has_value();

        t0 = Clock::now();
        auto text = core::triage::NormaliseForMatching(c.subject + "\n" + c.description);
        auto hits = core::triage::FindRiskTerms(text);
        int matched = 0;
        for (const auto& rule : rule_set) matched += core::triage::RuleMatches(rule, c, text);
        lexicon_rules.Add(Clock::now() - t0);

        t0 = Clock::now();
        auto by_contact = (*store)->ByContact(c.tenant, core::triage::ContactKeys(c.customer),
                                              c.milestones.received_at - std::chrono::hours(24 * 365), 200);
        contacts.Add(Clock::now() - t0);

        t0 = Clock::now();
        auto hash = core::triage::TextFingerprint(c);
        simhash.Add(Clock::now() - t0);
        t0 = Clock::now();
        if (hash) {
            auto similar =
                (*store)->ByFingerprint(c.tenant, *hash, c.milestones.received_at - std::chrono::hours(24 * 14), 20);
        }
        fingerprints.Add(Clock::now() - t0);
        (void)hits;
        (void)matched;
    }
    std::printf("measured intakes: %d in an incident cluster, %d repeats\n", clustered, repeats);
    whole.Print("triage hook (all steps)");
    lexicon_rules.Print("  normalise + lexicon + 20 rules");
    contacts.Print("  repeat lookup (contacts, 1 year)");
    simhash.Print("  SimHash of the description");
    fingerprints.Print("  fingerprint lookup (14 days)");
    std::filesystem::remove_all(dir);
    return 0;
}
