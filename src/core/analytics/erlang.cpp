#include "core/analytics/erlang.hpp"

#include <cmath>

namespace heed::core::analytics {

double ErlangCWaitProbability(int agents, double traffic) {
    if (traffic <= 0) return 0;
    if (agents <= traffic) return 1;
    // Erlang B by its stable recursion, then C from B.
    double b = 1;
    for (int k = 1; k <= agents; ++k) b = traffic * b / (k + traffic * b);
    double rho = traffic / agents;
    return b / (1 - rho + rho * b);
}

double ServiceLevel(int agents, double traffic, double handling_seconds, double answer_within_seconds) {
    if (traffic <= 0) return 1;
    if (agents <= traffic) return 0;
    double wait = ErlangCWaitProbability(agents, traffic);
    return 1 - wait * std::exp(-(agents - traffic) * answer_within_seconds / handling_seconds);
}

Result<int> AgentsNeeded(double volume, const StaffingTarget& t) {
    if (!std::isfinite(volume) || volume < 0) return Fail(ErrorCode::kInvalidArgument, "volume must be >= 0", "volume");
    if (t.handling_time.count() <= 0) {
        return Fail(ErrorCode::kInvalidArgument, "handling time must be positive", "handling_time");
    }
    if (t.answer_within.count() < 0) {
        return Fail(ErrorCode::kInvalidArgument, "answer_within must not be negative", "answer_within");
    }
    if (!(t.service_level > 0 && t.service_level < 1)) {
        return Fail(ErrorCode::kInvalidArgument, "service level must be between 0 and 1", "service_level");
    }
    if (!(t.staffed_hours_per_day > 0 && t.staffed_hours_per_day <= 24)) {
        return Fail(ErrorCode::kInvalidArgument, "staffed hours must be 0 … 24", "staffed_hours_per_day");
    }
    if (!(t.max_occupancy > 0 && t.max_occupancy <= 1)) {
        return Fail(ErrorCode::kInvalidArgument, "max occupancy must be 0 … 1", "max_occupancy");
    }
    if (volume == 0) return 0;
    double handling = static_cast<double>(t.handling_time.count());
    double traffic = volume / (t.staffed_hours_per_day * 3600) * handling;  // erlangs
    int agents = std::max(1, static_cast<int>(std::ceil(traffic / t.max_occupancy)));
    while (ServiceLevel(agents, traffic, handling, static_cast<double>(t.answer_within.count())) < t.service_level) {
        ++agents;
        if (agents > 1'000'000) return Fail(ErrorCode::kInvalidArgument, "volume too large to staff", "volume");
    }
    return agents;
}

}  // namespace heed::core::analytics
