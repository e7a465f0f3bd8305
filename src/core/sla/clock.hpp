#pragma once
// The SLA clocks of one complaint (SPEC §4), computed by one pure function of (complaint, event history, policy,
// calendar, now). Nothing is stored between calls: the server recomputes after every change and on a timer, and
// a replay with an earlier `now` answers "what did the clocks say then" — events and milestones after `now` are
// ignored. docs/sla.md states the rules with worked examples; in short:
//
//  first response  runs from received_at until the first outbound reply; not paused by waiting statuses (the customer
//                  has not heard from us yet), stopped while the complaint is resolved or ended.
//  next update     runs from the last outbound reply, or from a reopening, to the next reply; counts only while the
//                  complaint is open (paused while waiting, stopped while resolved or ended); each reply starts a
//                  new cycle.
//  resolution      runs from received_at; counts only while open; paused while waiting (waiting_customer,
//                  waiting_department); stopped while resolved or ended; a reopening resumes it where it stood.
//
// All clocks count business time on the policy's calendar, so a pause moves the due time by the working time it
// covered. A clock warns once elapsed ≥ warn_share × target and breaches when it is counting past its due instant;
// a breach stays recorded (breached_at) even when the goal is met later.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/enum_names.hpp"
#include "core/common/time.hpp"
#include "core/complaint/complaint.hpp"
#include "core/sla/calendar.hpp"
#include "core/sla/policy.hpp"
#include "core/workflow/event.hpp"

namespace heed::core::sla {

enum class ClockState {
    kInactive,  // the policy sets no such target, or the clock has not started (next update before a first reply)
    kRunning,   // counting, or would count in working hours (open complaint), below the warning share
    kWarning,   // counting and elapsed ≥ warn_share × target, not yet past due
    kPaused,    // the complaint waits on someone else; the due time is unknown until it resumes
    kMet,       // the goal was reached in time (first reply given; resolved)
    kBreached,  // the clock counted past its due instant; stays so when the goal is met later
    kStopped,   // no longer counting without the goal being met (rejected, merged; no reply before resolving)
};

inline constexpr EnumNames<ClockState, 7> kClockStateNames{{{ClockState::kInactive, "inactive"},
                                                            {ClockState::kRunning, "running"},
                                                            {ClockState::kWarning, "warning"},
                                                            {ClockState::kPaused, "paused"},
                                                            {ClockState::kMet, "met"},
                                                            {ClockState::kBreached, "breached"},
                                                            {ClockState::kStopped, "stopped"}}};

inline std::string_view ToString(ClockState state) { return NameOf(kClockStateNames, state); }

struct SlaClock {
    ClockState state = ClockState::kInactive;
    std::optional<Instant> started_at;  // received_at; for next update the start of the current cycle
    // Running: when it will be due. Breached: the due instant that was missed. Met: the due it was held to.
    // Paused or stopped without a breach: none — a paused clock's due moves with the pause.
    std::optional<Instant> due;
    // When elapsed reached, or (while running) will reach, warn_share × target.
    std::optional<Instant> warning_at;
    std::chrono::milliseconds elapsed{0};    // business time counted
    std::chrono::milliseconds remaining{0};  // target − elapsed: business time, ≤ 0 once breached
    std::optional<Instant> met_at;           // the first reply; the resolution (cleared by a reopening)
    std::optional<Instant> breached_at;      // = the missed due instant
    int breaches = 0;                        // missed cycles: 0 or 1, except for next update
};

struct SlaState {
    std::string policy;
    SlaClock first_response;
    SlaClock next_update;
    SlaClock resolution;
    // One word for lists and the complaint's JSON: the most pressing of the three, in the order breached, warning,
    // running, paused, met, stopped, inactive.
    ClockState overall = ClockState::kInactive;
};

// REQUIRES: `history` holds this complaint's events (any order: they are sorted by time here); `calendar` is the one
// named by `policy` and passes ValidateCalendar. Status comes from kStatusChanged events (the status before the first
// one is its `before`, or complaint.status when there are none); outbound replies from kMessageAdded events with
// field "outbound" and from milestones.first_response_at, whichever is earlier — later replies never move the first
// response. Thread-safe: touches nothing but its arguments.
SlaState ComputeSla(const complaint::Complaint& complaint, const std::vector<workflow::Event>& history,
                    const SlaPolicy& policy, const BusinessCalendar& calendar, Instant now);

// The regulatory calendar-day clock that runs beside the SLA (e.g. 15, 30 or 60 days, or std::chrono::weeks{8}).
// The day of receipt does not count and the last day counts whole, as regulators count: received on 10 May with
// 15 days is due at the end of 25 May, local time — 23:59:59.999 at `utc_offset`. Never paused: a regulator's
// clock does not stop while the company waits.
Instant RegulatoryDue(Instant received_at, std::chrono::days period, std::chrono::minutes utc_offset);

}  // namespace heed::core::sla
