#include "cli/demo.hpp"

#include <algorithm>
#include <random>

#include "cli/demo_content.hpp"
#include "core/workflow/transitions.hpp"

namespace heed::cli {

using core::Instant;
using core::complaint::Channel;
using core::complaint::Complaint;
using core::workflow::Role;
using core::workflow::Status;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

constexpr std::size_t kBatch = 500;

struct Staff {
    const char* name;
    Role role;
};
constexpr Staff kAgents[] = {{"agent.liu", Role::kAgent},   {"agent.zhao", Role::kAgent}, {"agent.sun", Role::kAgent},
                             {"agent.zhou", Role::kAgent},  {"agent.wu", Role::kAgent},   {"agent.emma", Role::kAgent},
                             {"agent.james", Role::kAgent}, {"agent", Role::kAgent}};
constexpr Staff kLeads[] = {{"lead.chen", Role::kTeamLead}, {"lead.olivia", Role::kTeamLead}};
constexpr Staff kSystem{"system", Role::kSystem};
constexpr const char* kTeams[] = {"一线客服组", "售后服务组", "VIP 专席"};

class Generator {
public:
    Generator(const DemoOptions& options) : random_(options.seed), now_(options.now) {}

    core::ports::NewComplaint Make(Instant received_at) {
        const auto templates = demo::Templates();
        const demo::Template& t = templates[Pick(templates.size())];
        bool chinese = t.language == demo::Language::kChinese;
        Complaint c;
        c.tenant = core::kDefaultTenant;
        c.milestones.received_at = received_at;
        c.milestones.acknowledged_at = c.milestones.received_at;
        c.updated_at = c.milestones.received_at;
        std::string product(chinese ? PickFrom(demo::ChineseProducts()) : PickFrom(demo::EnglishProducts()));
        std::string order = "DD" + std::to_string(20240000000 + Uniform(0, 99999999));
        c.subject = Fill(t.subject, product, order);
        c.description = Fill(t.description, product, order);
        c.remedy_sought = Fill(t.remedy, product, order);
        c.product_ref = product;
        c.order_ref = order;
        c.customer.name = std::string(chinese ? PickFrom(demo::ChineseNames()) : PickFrom(demo::EnglishNames()));
        c.customer.phone = chinese || Chance(0.3) ? "1" + std::to_string(Uniform(30, 89)) + std::to_string(Uniform(10000000, 99999999)) : "";
        if (!chinese || Chance(0.3)) c.customer.email = "customer" + std::to_string(Uniform(1000, 99999)) + "@example.com";
        c.customer.external_id = "C" + std::to_string(202400000 + Uniform(1, 99999));
        c.customer.tier = Chance(0.1) ? core::complaint::CustomerTier::kVip : core::complaint::CustomerTier::kRegular;
        c.location = chinese ? std::string(PickFrom(demo::Cities())) : "";
        c.channel = PickChannel(chinese);
        c.service_type = Chance(0.8) ? core::complaint::ServiceType::kComplaint
                         : Chance(0.5) ? core::complaint::ServiceType::kAfterSales
                                       : core::complaint::ServiceType::kConsultation;
        if (Chance(0.35)) c.amount_in_dispute = core::complaint::Money{Uniform(50, 5000) * 100, chinese ? "CNY" : "USD"};
        auto& k = c.classification;
        k.category = std::string(t.category);
        k.subcategory = std::string(t.subcategory);
        k.tags = {std::string("投诉-") + std::string(t.subcategory)};
        k.urgency = core::ValueOf(core::complaint::kUrgencyNames, t.urgency);
        k.severity = t.severity;
        for (const char* field : {"category", "subcategory", "urgency", "severity"}) {
            k.field_sources[field] = core::complaint::FieldSource::kPerson;
        }
        // Due times come from the tenant's SLA policies when the complaint is filed (SeedSlaDemo set them up).
        c.team = c.customer.tier == core::complaint::CustomerTier::kVip ? kTeams[2] : kTeams[Pick(2)];

        core::ports::NewComplaint draft{std::move(c), {}, {}};
        PlayLifecycle(draft, t);
        return draft;
    }

private:
    // Moves the complaint forward step by step until the next step would lie in the future.
    void PlayLifecycle(core::ports::NewComplaint& draft, const demo::Template& t) {
        Complaint& c = draft.complaint;
        bool chinese = t.language == demo::Language::kChinese;
        Instant at = c.milestones.received_at;
        const Staff& agent = kAgents[Pick(std::size(kAgents))];
        const Staff& lead = kLeads[Pick(std::size(kLeads))];
        auto step = [&](minutes delay, const Staff& who, Status to, core::workflow::TransitionInput input = {}) {
            if (at + delay > now_) return false;
            at += delay;
            auto change = core::workflow::ApplyTransition(c, to, input, {c.tenant, who.name, who.role}, at);
            if (!change) return false;
            c = std::move(change->complaint);
            for (auto& event : change->events) draft.events.push_back(std::move(event));
            return true;
        };
        auto message = [&](minutes delay, const Staff& who, core::complaint::Direction direction, std::string body) {
            if (at + delay > now_) return false;
            at += delay;
            draft.messages.push_back({{}, c.tenant, {}, direction, who.name, who.role, std::move(body), at});
            draft.events.push_back({{}, c.tenant, {}, at, who.name, who.role, core::workflow::EventKind::kMessageAdded,
                                    std::string(core::complaint::ToString(direction)), {}, {}, {}});
            if (direction == core::complaint::Direction::kOutbound && !c.milestones.first_response_at) {
                c.milestones.first_response_at = at;
            }
            c.updated_at = at;
            return true;
        };
        const std::string customer_name = c.customer.name;  // c is reassigned at every step
        const Staff customer{customer_name.c_str(), Role::kCustomer};
        bool urgent = c.classification.urgency == core::complaint::Urgency::kUrgent;
        if (!step(minutes(Uniform(2, 30)), kSystem, Status::kTriaged)) return;
        if (Chance(0.03)) {
            step(minutes(Uniform(30, 240)), lead, Status::kRejected,
                 {.reason = chinese ? "重复提交，已合并到原投诉处理" : "Duplicate submission of an open case"});
            return;
        }
        // Some complaints wait in the backlog for a day or more, as they do on a busy line.
        bool backlog = Chance(0.1);
        if (!step(minutes(backlog ? Uniform(600, 2880) : Uniform(5, urgent ? 40 : 240)), lead, Status::kAssigned,
                  {.assignee = agent.name})) {
            return;
        }
        if (!step(minutes(backlog ? Uniform(240, 2880) : Uniform(5, 90)), agent, Status::kInProgress)) return;
        if (Chance(0.08)) {
            if (!step(minutes(Uniform(60, 600)), agent, Status::kWaitingDepartment)) return;
            if (!step(minutes(Uniform(600, 4320)), agent, Status::kInProgress)) return;
        }
        if (!message(minutes(Uniform(5, urgent ? 60 : 600)), agent, core::complaint::Direction::kOutbound,
                     std::string(t.reply))) {
            return;
        }
        if (Chance(0.25)) {
            if (!step(minutes(Uniform(30, 600)), agent, Status::kWaitingCustomer)) return;
            if (!message(minutes(Uniform(60, 2880)), customer, core::complaint::Direction::kInbound,
                         std::string(PickFrom(demo::CustomerFollowUps(t.language))))) {
                return;
            }
            if (!step(minutes(1), customer, Status::kInProgress)) return;
        }
        std::string resolution(t.resolution);
        if (!step(minutes(Uniform(60, urgent ? 1200 : 3600)), agent, Status::kResolved,
                  {.resolution_summary = resolution})) {
            return;
        }
        if (!step(days(3), kSystem, Status::kFollowUp)) return;
        if (Chance(0.08)) {
            if (!step(minutes(Uniform(10, 600)), customer, Status::kReopened,
                      {.reason = std::string(PickFrom(demo::ReopenReasons(t.language)))})) {
                return;
            }
            if (!step(minutes(Uniform(30, 600)), agent, Status::kInProgress)) return;
            if (!step(minutes(Uniform(120, 2880)), agent, Status::kResolved,
                      {.resolution_summary = resolution + (chinese ? "（二次处理：已更换并回访确认）"
                                                                   : " (second fix: replaced and confirmed)")})) {
                return;
            }
        }
        if (!step(days(4), agent, Status::kClosed)) return;
        c.customer_acceptance = core::complaint::Acceptance::kAccepted;
    }

    std::string Fill(std::string_view text, const std::string& product, const std::string& order) {
        std::string out(text);
        auto replace = [&out](std::string_view key, const std::string& value) {
            for (auto pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos + value.size())) {
                out.replace(pos, key.size(), value);
            }
        };
        replace("{product}", product);
        replace("{order}", order);
        replace("{days}", std::to_string(Uniform(2, 15)));
        replace("{amount}", std::to_string(Uniform(3, 300) * 10 - 1));
        return out;
    }

public:
    Instant ReceivedAt() {
        // Busier on weekdays and in the daytime, as real complaint lines are.
        for (;;) {
            Instant at = now_ - minutes(Uniform(10, 182 * 24 * 60));
            auto day = std::chrono::floor<days>(at);
            std::chrono::weekday weekday{day};
            auto hour = std::chrono::duration_cast<hours>(at - day).count();
            double weight = (weekday == std::chrono::Saturday || weekday == std::chrono::Sunday) ? 0.55 : 1.0;
            weight *= (hour >= 1 && hour <= 14) ? 1.0 : 0.25;  // 09:00–22:00 in China is 01:00–14:00 UTC
            if (Chance(weight)) return at;
        }
    }

private:
    Channel PickChannel(bool chinese) {
        static constexpr std::pair<Channel, int> kChinese[] = {{Channel::kApp, 25}, {Channel::kWechat, 22},
                                                               {Channel::kPhone, 22}, {Channel::kWeb, 15},
                                                               {Channel::kEmail, 5}, {Channel::kInPerson, 6},
                                                               {Channel::kLetter, 2}, {Channel::kApi, 3}};
        static constexpr std::pair<Channel, int> kEnglish[] = {{Channel::kEmail, 35}, {Channel::kWeb, 30},
                                                               {Channel::kPhone, 20}, {Channel::kApp, 10},
                                                               {Channel::kApi, 5}};
        auto pick = [this](const auto& table) {
            int total = 0;
            for (const auto& [channel, weight] : table) total += weight;
            int roll = static_cast<int>(Uniform(0, total - 1));
            for (const auto& [channel, weight] : table) {
                if ((roll -= weight) < 0) return channel;
            }
            return table[0].first;
        };
        return chinese ? pick(kChinese) : pick(kEnglish);
    }

    std::int64_t Uniform(std::int64_t low, std::int64_t high) {
        return std::uniform_int_distribution<std::int64_t>(low, high)(random_);
    }
    std::size_t Pick(std::size_t size) { return static_cast<std::size_t>(Uniform(0, static_cast<std::int64_t>(size) - 1)); }
    bool Chance(double p) { return std::bernoulli_distribution(p)(random_); }
    template <typename T>
    T PickFrom(std::span<const T> items) {
        return items[Pick(items.size())];
    }

    std::mt19937_64 random_;
    Instant now_;
};

}  // namespace

DemoReport GenerateDemo(core::services::ComplaintService& service, const DemoOptions& options) {
    Generator generator(options);
    DemoReport report;
    const core::workflow::Actor intake{core::kDefaultTenant, "demo", Role::kSystem};
    // Filing in received order keeps ids in time order, as live intake does.
    std::vector<Instant> received(static_cast<std::size_t>(std::max<std::int64_t>(0, options.count)));
    for (auto& at : received) at = generator.ReceivedAt();
    std::sort(received.begin(), received.end());
    for (std::int64_t done = 0; done < options.count;) {
        std::vector<core::ports::NewComplaint> batch;
        std::int64_t size = std::min<std::int64_t>(kBatch, options.count - done);
        for (std::int64_t i = 0; i < size; ++i) batch.push_back(generator.Make(received[done + i]));
        for (auto& result : service.FileMany(intake, std::move(batch))) {
            if (result) {
                ++report.created;
                ++report.by_status[std::string(core::workflow::ToString(result->status))];
            } else {
                ++report.failed;
                if (report.first_error.empty()) report.first_error = result.error().message;
            }
        }
        done += size;
    }
    return report;
}

}  // namespace heed::cli
