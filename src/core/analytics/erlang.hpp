#pragma once
// Staffing with Erlang C (SPEC §8 "agents needed per day for a target service level"): contacts arrive at random
// (Poisson) during the staffed hours, each takes `handling_time` of an agent, and waiting contacts queue. The
// service level is the share answered within `answer_within`.

#include <chrono>

#include "core/common/result.hpp"

namespace heed::core::analytics {

struct StaffingTarget {
    std::chrono::seconds handling_time{std::chrono::minutes(15)};  // average handling time per contact
    std::chrono::seconds answer_within{std::chrono::minutes(30)};  // the service level's threshold
    double service_level = 0.8;                                    // share answered within it, 0 … 1 (exclusive)
    double staffed_hours_per_day = 8;                              // hours over which the day's volume arrives
    double max_occupancy = 0.85;                                   // agents busy at most this share of the time
};

// Probability that a contact waits (Erlang C) with `agents` agents and `traffic` erlangs; 1 when agents <= traffic.
double ErlangCWaitProbability(int agents, double traffic);

// Share answered within the threshold with `agents` agents at `traffic` erlangs.
double ServiceLevel(int agents, double traffic, double handling_seconds, double answer_within_seconds);

// The fewest agents that reach the target service level and keep occupancy at or below max_occupancy for `volume`
// contacts in a day; 0 for no volume. kInvalidArgument (naming the field) for targets out of range.
Result<int> AgentsNeeded(double volume, const StaffingTarget& target);

}  // namespace heed::core::analytics
