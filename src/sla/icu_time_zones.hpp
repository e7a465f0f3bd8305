#pragma once
// Daylight saving for business calendars from ICU's time-zone data: the offset changes of an IANA zone.

#include "core/ports/sla_config_store.hpp"

namespace heed::sla_adapters {

class IcuTimeZones final : public core::ports::TimeZones {
public:
    // Transitions from 1970 up to the end of `until_year` are listed (later instants keep the last offset).
    explicit IcuTimeZones(int until_year = 2100) : until_year_(until_year) {}
    core::Result<void> Resolve(core::sla::BusinessCalendar& calendar) const override;

private:
    int until_year_;
};

}  // namespace heed::sla_adapters
