#include "core/routing/selection.hpp"

#include <algorithm>

namespace heed::core::routing {
namespace {

template <typename T>
bool Covers(const std::vector<T>& skills, const T& wanted) {
    return skills.empty() || std::find(skills.begin(), skills.end(), wanted) != skills.end();
}

bool Qualified(const Skills& skills, const RoutingNeed& need) {
    if (!need.category.empty() && !Covers(skills.categories, need.category)) return false;
    if (!need.language.empty() && !Covers(skills.languages, need.language)) return false;
    if (need.channel && !Covers(skills.channels, *need.channel)) return false;
    return true;
}

std::string Describe(const RoutingNeed& need) {
    std::string text;
    auto add = [&text](std::string_view name, std::string_view value) {
        if (value.empty()) return;
        text += text.empty() ? "" : ", ";
        text += std::string(name) + " " + std::string(value);
    };
    add("category", need.category);
    add("language", need.language);
    if (need.channel) add("channel", complaint::ToString(*need.channel));
    return text.empty() ? "this complaint" : text;
}

}  // namespace

Level RequiredLevel(const RoutingNeed& need) {
    Level level = need.vip || need.severity >= 4 ? Level::kSenior : Level::kJunior;
    if (need.min_level && *need.min_level > level) level = *need.min_level;
    return level;
}

Selection SelectAgent(const RoutingNeed& need, std::span<const Candidate> candidates,
                      const std::string& last_assigned) {
    std::vector<const Candidate*> pool;
    for (const auto& c : candidates) {
        if (std::find(need.exclude.begin(), need.exclude.end(), c.profile.username) != need.exclude.end()) continue;
        pool.push_back(&c);
    }
    // Each step narrows the pool; the first step that empties it is the reason nobody was chosen.
    auto narrow = [&pool](auto keep) {
        std::erase_if(pool, [&keep](const Candidate* c) { return !keep(*c); });
        return !pool.empty();
    };
    if (pool.empty()) return {std::nullopt, {}, "no agent has a routing profile", 0};
    if (!narrow([](const Candidate& c) { return c.enabled && c.profile.status == WorkStatus::kAvailable; })) {
        return {std::nullopt, {}, "no agent is available (all away, offline or disabled)", 0};
    }
    if (!narrow([&need](const Candidate& c) { return Qualified(c.profile.skills, need); })) {
        return {std::nullopt, {}, "no available agent has the skills for " + Describe(need), 0};
    }
    if (!narrow([](const Candidate& c) { return c.load < c.profile.capacity; })) {
        return {std::nullopt, {}, "every qualified agent is at capacity", 0};
    }
    Level required = RequiredLevel(need);
    if (!narrow([required](const Candidate& c) { return c.profile.level >= required; })) {
        std::string why = need.vip             ? "a VIP customer"
                          : need.severity >= 4 ? "severity " + std::to_string(need.severity)
                                               : "this escalation";
        return {
            std::nullopt,
            {},
            "no qualified agent with room is " + std::string(ToString(required)) + " or above, as " + why + " requires",
            0};
    }
    int least = (*std::min_element(pool.begin(), pool.end(), [](const Candidate* a, const Candidate* b) {
                    return a->load < b->load;
                }))->load;
    std::erase_if(pool, [least](const Candidate* c) { return c->load != least; });
    std::sort(pool.begin(), pool.end(),
              [](const Candidate* a, const Candidate* b) { return a->profile.username < b->profile.username; });
    auto next = std::find_if(pool.begin(), pool.end(),
                             [&last_assigned](const Candidate* c) { return c->profile.username > last_assigned; });
    const Candidate* chosen = next == pool.end() ? pool.front() : *next;
    std::string reason = "least loaded qualified agent (" + std::to_string(least) + " open of " +
                         std::to_string(chosen->profile.capacity) + ")";
    if (pool.size() > 1) reason += ", round robin among " + std::to_string(pool.size());
    if (required > Level::kJunior) reason += ", " + std::string(ToString(required)) + " or above required";
    return {chosen->profile.username, chosen->team, reason, least};
}

}  // namespace heed::core::routing
