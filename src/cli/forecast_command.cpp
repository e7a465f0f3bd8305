#include "cli/forecast_command.hpp"

#include <cstdio>
#include <fstream>
#include <ostream>
#include <sstream>

namespace heed::cli {
namespace {

std::string Number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

std::string Date(core::analytics::Day day) {
    std::chrono::year_month_day ymd{day};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

}  // namespace

core::Result<void> RunForecast(const ForecastCommand& command, std::ostream& out) {
    std::ifstream file(command.series_file, std::ios::binary);
    if (!file) return core::Fail(core::ErrorCode::kNotFound, "cannot read " + command.series_file, "series");
    std::ostringstream text;
    text << file.rdbuf();
    auto series = core::analytics::ParseDailyCsv(text.str());
    if (!series) return tl::unexpected(series.error());
    auto forecast = core::analytics::ForecastDaily(*series, command.options);
    if (!forecast) return tl::unexpected(forecast.error());
    out << "date,forecast,lower,upper" << (command.staffing ? ",agents" : "") << "\n";
    for (const auto& point : forecast->points) {
        out << Date(point.day) << "," << Number(point.forecast) << "," << Number(point.lower) << ","
            << Number(point.upper);
        if (command.staffing) {
            auto agents = core::analytics::AgentsNeeded(point.forecast, *command.staffing);
            if (!agents) return tl::unexpected(agents.error());
            out << "," << *agents;
        }
        out << "\n";
    }
    out.flush();
    return {};
}

}  // namespace heed::cli
