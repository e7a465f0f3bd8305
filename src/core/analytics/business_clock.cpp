#include "core/analytics/business_clock.hpp"

#include <algorithm>

namespace heed::core::analytics {

using namespace std::chrono;

BusinessClock::BusinessClock(const sla::BusinessCalendar& calendar) : calendar_(calendar) {
    always_open_ = calendar.holidays.empty() &&
                   std::all_of(calendar.week.begin(), calendar.week.end(), [](const auto& day) {
                       return day.size() == 1 && day.front().begin == minutes{0} && day.front().end == minutes{24 * 60};
                   });
}

milliseconds BusinessClock::Between(Instant a, Instant b) {
    if (always_open_) return b - a;
    return milliseconds{Total(b) - Total(a)};
}

std::int64_t BusinessClock::Total(Instant t) {
    constexpr std::int64_t kHourMs = 3'600'000;
    Hour hour = floor<hours>(t);
    const std::int64_t at = AtHour(hour), next = AtHour(hour + hours{1});
    if (next == at) return at;                                           // no working time in this hour
    if (next - at == kHourMs) return at + (t - Instant{hour}).count();  // all of it
    return at + sla::BusinessTimeBetween(calendar_, Instant{hour}, t).count();
}

std::int64_t BusinessClock::AtHour(Hour hour) {
    auto worked = [this](Hour h) {
        return sla::BusinessTimeBetween(calendar_, Instant{h}, Instant{h + hours{1}}).count();
    };
    if (hours_.empty()) {
        first_ = hour;
        hours_.push_back(0);
    }
    while (hour < first_) {
        first_ -= hours{1};
        hours_.push_front(hours_.front() - worked(first_));
    }
    while (hour >= first_ + hours{static_cast<long>(hours_.size())}) {
        Hour last = first_ + hours{static_cast<long>(hours_.size()) - 1};
        hours_.push_back(hours_.back() + worked(last));
    }
    return hours_[static_cast<std::size_t>((hour - first_).count())];
}

}  // namespace heed::core::analytics
