#pragma once
// `heed forecast --series FILE --horizon N`: reads a `date,count` CSV and writes `date,forecast,lower,upper` for the
// N days after it (core/analytics/forecast.hpp), optionally with the agents needed per day (Erlang C).

#include <iosfwd>
#include <optional>
#include <string>

#include "core/analytics/erlang.hpp"
#include "core/analytics/forecast.hpp"

namespace heed::cli {

struct ForecastCommand {
    std::string series_file;
    core::analytics::ForecastOptions options;
    std::optional<core::analytics::StaffingTarget> staffing;  // adds an `agents` column
};

core::Result<void> RunForecast(const ForecastCommand& command, std::ostream& out);

}  // namespace heed::cli
