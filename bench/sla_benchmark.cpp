// What the SLA costs, on a real SQLite file: (1) recomputing every open complaint after a policy change
// (ComplaintService::RecomputeSla: one scan, one event read per batch, one transaction per batch of changed
// complaints), and a pass that finds nothing to change; (2) what applying the SLA adds to intake, and whether a
// running sweeper with nothing due changes intake at all. Prints medians. See BENCHMARKS.md.
// Usage: build/bench/sla_benchmark [open complaints = 100000] [recompute runs = 3] [database path] [keep]
// With `keep`, the database is filled only if the file does not exist yet, is left in place afterwards, and part (2)
// is skipped: fill once (`… 1000000 0 /work/scratch/sla-1m.db keep`), then time the recompute on copies of it.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/analytics/facts_cache.hpp"
#include "core/ports/clock.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/sla_service.hpp"
#include "core/services/sla_sweeper.hpp"
#include "sla/settings_sla_store.hpp"
#include "storage/memory/memory_identity_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

#include "resident_memory.hpp"

using namespace heed;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using core::workflow::EventKind;
using core::workflow::Role;
using core::workflow::Status;

namespace {

const core::ports::SystemClock kClock;
const core::workflow::Actor kIntake{core::kDefaultTenant, "bench", Role::kSystem};
const core::workflow::Actor kAdmin{core::kDefaultTenant, "admin", Role::kAdmin};

std::string TestMac(std::string_view text) {  // keyed MACs are not what is measured here
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    return std::to_string(h);
}

double Median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// An office calendar and two policies; `variant` changes every target so every open complaint's due times move.
core::sla::SlaConfig Config(int variant) {
    core::sla::BusinessCalendar office;
    office.name = "office";
    office.time_zone = "Asia/Shanghai";
    office.utc_offset = 8h;
    for (int day = 1; day <= 5; ++day) office.week[day] = {{9h, 12h}, {13h + 30min, 18h}};
    core::sla::SlaConfig config;
    config.calendars = {office};
    core::sla::SlaPolicy urgent;
    urgent.name = "urgent";
    urgent.calendar = "office";
    urgent.conditions.urgencies = {core::complaint::Urgency::kUrgent};
    urgent.targets = {2h + std::chrono::minutes(variant), 4h, 15h + std::chrono::minutes(variant)};
    core::sla::SlaPolicy general = urgent;
    general.name = "general";
    general.conditions = {};
    general.targets = {9h + std::chrono::minutes(variant), 18h, 45h + std::chrono::minutes(variant)};
    config.policies = {urgent, general};
    return config;
}

// An open complaint in progress with a history: created, acknowledged, assigned, in progress, a reply, and for a
// third of them a wait for the customer and back (pauses the clocks read).
core::ports::NewComplaint Draft(std::mt19937_64& random, core::Instant received) {
    core::complaint::Complaint c;
    c.customer.name = "张伟";
    c.customer.phone = "13812341234";
    c.channel = core::complaint::Channel::kWeb;
    c.subject = "快递延误一周未到";
    c.description = "我在5月1日下单，物流信息一直没有更新，客服态度也很差，要求退款。";
    c.classification.category = "物流配送";
    c.classification.urgency = random() % 5 == 0 ? core::complaint::Urgency::kUrgent : core::complaint::Urgency::kGeneral;
    c.milestones.received_at = received;
    c.status = Status::kInProgress;
    c.assignee = "agent" + std::to_string(random() % 50);
    core::ports::NewComplaint draft{std::move(c), {}, {}};
    auto& e = draft.events;
    auto status = [&](core::Instant at, Status from, Status to) {
        e.push_back({{}, core::kDefaultTenant, {}, at, "lead", Role::kTeamLead, EventKind::kStatusChanged, "status",
                     std::string(core::workflow::ToString(from)), std::string(core::workflow::ToString(to)), {}});
    };
    status(received + 10min, Status::kNew, Status::kAssigned);
    status(received + 30min, Status::kAssigned, Status::kInProgress);
    e.push_back({{}, core::kDefaultTenant, {}, received + 50min, "agent", Role::kAgent, EventKind::kMessageAdded,
                 "outbound", {}, {}, {}});
    draft.complaint.milestones.first_response_at = received + 50min;
    if (random() % 3 == 0) {
        status(received + 2h, Status::kInProgress, Status::kWaitingCustomer);
        status(received + 20h, Status::kWaitingCustomer, Status::kInProgress);
    }
    return draft;
}

struct Rig {
    std::unique_ptr<storage::sqlite::SqliteComplaintStore> store;
    storage::memory::MemoryIdentityStore identity;
    sla_adapters::SettingsSlaConfigStore config{identity};
    core::services::SlaService sla{config, &identity, nullptr, nullptr};
};

std::unique_ptr<storage::sqlite::SqliteComplaintStore> Open(const std::string& path) {
    auto store = storage::sqlite::SqliteComplaintStore::Open(
        path, {.readers = 2, .max_batch = 512, .mac = TestMac, .clock = &kClock});
    if (!store) {
        std::fprintf(stderr, "cannot open %s: %s\n", path.c_str(), store.error().message.c_str());
        std::exit(1);
    }
    return std::move(*store);
}

// Files `count` drafts in transactions of 1000; returns the median seconds per complaint of the batches.
double Fill(core::services::ComplaintService& service, std::int64_t count, std::mt19937_64& random) {
    std::vector<double> per_complaint;
    auto now = kClock.Now();
    for (std::int64_t done = 0; done < count;) {
        std::int64_t size = std::min<std::int64_t>(1000, count - done);
        std::vector<core::ports::NewComplaint> batch;
        for (std::int64_t i = 0; i < size; ++i) {
            batch.push_back(Draft(random, now - std::chrono::minutes(static_cast<int>(random() % (14 * 24 * 60)))));
        }
        auto started = Clock::now();
        for (auto& result : service.FileMany(kIntake, std::move(batch))) {
            if (!result) {
                std::fprintf(stderr, "filing failed: %s\n", result.error().message.c_str());
                std::exit(1);
            }
        }
        per_complaint.push_back(Seconds(started) / static_cast<double>(size));
        done += size;
        if (count >= 100000 && done % 100000 == 0) std::fprintf(stderr, "  filed %lld\n", static_cast<long long>(done));
    }
    return Median(per_complaint);
}

// Median seconds of one File (intake one at a time, its own transaction), `count` times.
double FileOneByOne(core::services::ComplaintService& service, int count, std::mt19937_64& random) {
    std::vector<double> times;
    for (int i = 0; i < count; ++i) {
        auto draft = Draft(random, kClock.Now()).complaint;
        draft.status = Status::kNew;
        draft.milestones.first_response_at.reset();
        auto started = Clock::now();
        if (!service.File(kIntake, draft)) std::exit(1);
        times.push_back(Seconds(started));
    }
    return Median(times);
}

}  // namespace

int main(int argc, char** argv) {
    const std::int64_t open = argc > 1 ? std::stoll(argv[1]) : 100000;
    const int runs = argc > 2 ? std::stoi(argv[2]) : 3;
    const std::string path = argc > 3 ? argv[3] : (std::filesystem::temp_directory_path() / "heed-sla-bench.db").string();
    const bool keep = argc > 4 && std::string(argv[4]) == "keep";
    const bool filled = keep && std::filesystem::exists(path);
    if (!keep) {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }
    std::mt19937_64 random(7);

    // (1) Recompute after a policy change.
    if (filled) {
        // Opening a filled database: migrations (a first open of an older schema) and the in-memory due order of
        // the open complaints, built from one scan. Opened twice: the second is what a restart costs.
        for (int open_run = 0; open_run < 2; ++open_run) {
            const double before = ResidentMiB();
            auto started = Clock::now();
            auto store = Open(path);
            std::printf("open %d: %.2f s, due order holds %zu complaints, resident memory %.0f → %.0f MiB\n",
                        open_run + 1, Seconds(started), store->due_order_size(), before, ResidentMiB());
        }
    }
    {
        Rig rig;
        rig.store = Open(path);
        if (!rig.sla.SetConfig(kAdmin, Config(0))) return 1;
        // Wired as `heed serve` wires it: every write through the KPI roll-up, built for the tenant beforehand (the
        // server builds every tenant's at start), so a recomputation also brings the roll-up's rows up to date.
        core::analytics::FactsCache facts(*rig.store, kClock);
        core::analytics::IndexedComplaintStore indexed(*rig.store, facts);
        core::services::ComplaintService service(indexed, kClock, &rig.sla);
        auto started = Clock::now();
        if (filled) {
            if (!facts.Read(core::kDefaultTenant, [](const auto&) {})) return 1;
            std::printf("KPI roll-up built in %.2f s\n", Seconds(started));
        }
        started = Clock::now();
        if (!filled) {
            std::fprintf(stderr, "filing %lld open complaints...\n", static_cast<long long>(open));
            Fill(service, open, random);
            std::printf("filled %lld open complaints in %.1f s\n", static_cast<long long>(open), Seconds(started));
        }
        std::vector<double> changing, unchanged;
        for (int run = 1; run <= runs; ++run) {
            if (!rig.sla.SetConfig(kAdmin, Config(run))) return 1;
            started = Clock::now();
            auto changed = service.RecomputeSla(core::kDefaultTenant);
            changing.push_back(Seconds(started));
            if (!changed) {
                std::fprintf(stderr, "recompute failed: %s\n", changed.error().message.c_str());
                return 1;
            }
            std::printf("run %d: policy change, %lld complaints changed in %.2f s\n", run,
                        static_cast<long long>(*changed), changing.back());
            started = Clock::now();
            auto again = service.RecomputeSla(core::kDefaultTenant);
            unchanged.push_back(Seconds(started));
            std::printf("run %d: recompute with nothing to change (%lld changed) in %.2f s\n", run,
                        static_cast<long long>(again ? *again : -1), unchanged.back());
        }
        {
            // Where the reading side's time goes: the scan of whole records, the events per batch of 1000, and the
            // clocks computed (SlaService::Apply) — each timed on its own over every open complaint.
            double scan = 0, events = 0, compute = 0;
            std::vector<core::complaint::Complaint> batch;
            auto phase = [&]() {
                std::vector<core::ComplaintId> ids;
                for (const auto& c : batch) ids.push_back(c.id);
                auto t0 = Clock::now();
                auto histories = rig.store->EventsOfMany(core::kDefaultTenant, ids);
                events += Seconds(t0);
                if (!histories) std::exit(1);
                t0 = Clock::now();
                for (auto& c : batch) (void)rig.sla.Apply(c, (*histories)[c.id.value], kClock.Now());
                compute += Seconds(t0);
                batch.clear();
            };
            auto t0 = Clock::now();
            auto scanned = rig.store->ForEach(core::kDefaultTenant, [&](const core::complaint::Complaint& c) {
                batch.push_back(c);
                if (batch.size() == 1000) {
                    scan += Seconds(t0);
                    phase();
                    t0 = Clock::now();
                }
                return true;
            });
            scan += Seconds(t0);
            if (!scanned) return 1;
            if (!batch.empty()) phase();
            std::printf("reading side, µs per complaint: scan of whole records %.1f, events %.1f, clocks %.1f\n",
                        scan * 1e6 / open, events * 1e6 / open, compute * 1e6 / open);
        }
        {
            // The writing side on its own: new SLA values for 20 000 complaints in one call (one transaction).
            std::vector<core::ports::SlaValuesUpdate> updates;
            double read_inputs = 0;
            auto t0 = Clock::now();
            (void)rig.store->ForEachSlaInputs(core::kDefaultTenant, [&](std::vector<core::ports::SlaInputs>& batch) {
                for (auto& inputs : batch) {
                    auto& c = inputs.complaint;
                    if (c.resolution_due_at) *c.resolution_due_at += 1min;
                    if (c.sla.check_at) *c.sla.check_at += 1min;
                    updates.push_back({c, c.version});
                }
                return updates.size() < 20000;
            });
            read_inputs = Seconds(t0);
            const std::size_t n = updates.size();
            t0 = Clock::now();
            auto results = rig.store->SetSlaValues(std::move(updates));
            const double wrote = Seconds(t0);
            std::size_t ok = 0;
            for (const auto& r : results) ok += r ? 1 : 0;
            std::printf("writing side: SetSlaValues of %zu complaints (%zu stored) %.1f µs each; reading their inputs %.1f µs "
                        "each\n",
                        n, ok, wrote * 1e6 / static_cast<double>(n), read_inputs * 1e6 / static_cast<double>(n));
        }
        std::printf("RecomputeSla over %lld open complaints: median %.2f s when every due time moves (%.1f µs each), "
                    "%.2f s when nothing changes (%.1f µs each)\n",
                    static_cast<long long>(open), Median(changing), Median(changing) * 1e6 / open, Median(unchanged),
                    Median(unchanged) * 1e6 / open);
    }
    if (keep) return 0;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);

    // (2) Intake: without SLA, with SLA, with SLA and a sweeper thread that has nothing due.
    {
        Rig rig;
        rig.store = Open(path);
        if (!rig.sla.SetConfig(kAdmin, Config(0))) return 1;
        core::services::ComplaintService plain(*rig.store, kClock);
        core::services::ComplaintService with_sla(*rig.store, kClock, &rig.sla);
        Fill(plain, 20000, random);  // a store that is not empty
        std::vector<double> bulk_plain, bulk_sla, one_plain, one_sla, one_swept;
        for (int round = 0; round < 5; ++round) {
            bulk_plain.push_back(Fill(plain, 2000, random));
            bulk_sla.push_back(Fill(with_sla, 2000, random));
            one_plain.push_back(FileOneByOne(plain, 200, random));
            one_sla.push_back(FileOneByOne(with_sla, 200, random));
        }
        {
            // A sweeper with nothing due: it sleeps until the earliest check, which lies in the future.
            core::services::SlaSweeper sweeper(*rig.store, with_sla, kClock, [](const std::string&) {});
            with_sla.OnSlaCheck([&sweeper](core::Instant at) { sweeper.Notify(at); });
            for (int round = 0; round < 5; ++round) one_swept.push_back(FileOneByOne(with_sla, 200, random));
            with_sla.OnSlaCheck({});
        }
        std::printf("intake in transactions of 1000: %.1f µs per complaint without SLA, %.1f µs with SLA\n",
                    Median(bulk_plain) * 1e6, Median(bulk_sla) * 1e6);
        std::printf("intake one at a time: %.0f µs without SLA, %.0f µs with SLA, %.0f µs with SLA and a sweeper "
                    "running with nothing due\n",
                    Median(one_plain) * 1e6, Median(one_sla) * 1e6, Median(one_swept) * 1e6);
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    return 0;
}
