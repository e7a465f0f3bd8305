#include "sla/icu_time_zones.hpp"

#include <memory>

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/tztrans.h>
#include <unicode/unistr.h>

namespace heed::sla_adapters {

using namespace std::chrono;

core::Result<void> IcuTimeZones::Resolve(core::sla::BusinessCalendar& calendar) const {
    const std::string& name = calendar.time_zone;
    icu::UnicodeString id = icu::UnicodeString::fromUTF8(name);
    icu::UnicodeString canonical;
    UBool is_system = false;
    UErrorCode status = U_ZERO_ERROR;
    icu::TimeZone::getCanonicalID(id, canonical, is_system, status);
    if (U_FAILURE(status) || !is_system) {
        return core::Fail(core::ErrorCode::kInvalidArgument,
                          "unknown time zone '" + name + "' (an IANA name such as Asia/Shanghai)", "time_zone");
    }
    std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(id));
    auto* basic = dynamic_cast<icu::BasicTimeZone*>(zone.get());
    if (!basic) return core::Fail(core::ErrorCode::kInternal, "time zone data unavailable", "time_zone");

    auto offset_at = [&](UDate at) -> minutes {
        int32_t raw = 0;
        int32_t dst = 0;
        UErrorCode s = U_ZERO_ERROR;
        basic->getOffset(at, false, raw, dst, s);
        return duration_cast<minutes>(milliseconds{raw + dst});
    };
    const UDate start = 0;  // 1970-01-01
    const UDate end = static_cast<UDate>(
        duration_cast<milliseconds>(sys_days{year{until_year_ + 1} / January / 1}.time_since_epoch()).count());
    calendar.utc_offset = offset_at(start);
    calendar.offset_changes.clear();
    icu::TimeZoneTransition transition;
    UDate cursor = start;
    while (basic->getNextTransition(cursor, false, transition) && transition.getTime() < end) {
        cursor = transition.getTime();
        minutes offset = offset_at(cursor);
        calendar.offset_changes.push_back(
            {core::Instant{milliseconds{static_cast<std::int64_t>(cursor)}}, offset});
    }
    // A zone without daylight saving keeps one fixed offset: the one in effect at the end of the list.
    bool fixed = true;
    for (const auto& change : calendar.offset_changes) fixed &= change.offset == calendar.offset_changes.back().offset;
    if (fixed && !calendar.offset_changes.empty()) {
        calendar.utc_offset = calendar.offset_changes.back().offset;
        calendar.offset_changes.clear();
    }
    return {};
}

}  // namespace heed::sla_adapters
