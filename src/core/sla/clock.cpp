#include "core/sla/clock.hpp"

#include <algorithm>
#include <cmath>

namespace heed::core::sla {
namespace {

using namespace std::chrono;
using workflow::CategoryOf;
using workflow::Event;
using workflow::EventKind;
using workflow::Status;
using workflow::StatusCategory;

// One stretch of the complaint's life in one status; the last one ends at `now` and is the current status.
struct Span {
    Instant begin;
    Instant end;
    Status status;
};

using CountsIn = bool (*)(Status);

bool Open(Status status) {
    return CategoryOf(status) == StatusCategory::kOpen;
}
bool OpenOrPaused(Status status) {
    return Open(status) || CategoryOf(status) == StatusCategory::kPaused;
}
bool SolvedOrEnded(Status status) {
    return !OpenOrPaused(status);
}

struct Inputs {
    const BusinessCalendar& calendar;
    const std::vector<Span>& spans;
    Instant received;
    Instant now;
    double warn_share;
};

std::vector<Event> SortedByTime(const std::vector<Event>& history) {
    std::vector<Event> events = history;
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
    return events;
}

std::vector<Span> BuildTimeline(const complaint::Complaint& complaint, const std::vector<Event>& events,
                                Instant received, Instant now) {
    auto is_status = [](const Event& e) { return e.kind == EventKind::kStatusChanged; };
    auto first = std::find_if(events.begin(), events.end(), is_status);
    // The first event's `before` is the status the complaint was received in, even if that event lies after `now`.
    Status status = first == events.end() ? complaint.status
                                          : ValueOf(workflow::kStatusNames, first->before).value_or(Status::kNew);
    std::vector<Span> spans;
    Instant cursor = received;
    for (const Event& event : events) {
        if (!is_status(event) || event.at > now) continue;
        Instant at = std::max(event.at, received);
        spans.push_back({cursor, at, status});
        cursor = at;
        // A status name this build does not know leaves the status as it was rather than guessing a category.
        status = ValueOf(workflow::kStatusNames, event.after).value_or(status);
    }
    spans.push_back({cursor, now, status});
    return spans;
}

std::optional<Instant> FirstReply(const complaint::Complaint& complaint, const std::vector<Event>& events,
                                  Instant received, Instant now) {
    std::optional<Instant> first = complaint.milestones.first_response_at;
    if (first && *first > now) first.reset();
    for (const Event& event : events) {
        if (event.kind == EventKind::kMessageAdded && event.field == "outbound" && event.at <= now) {
            if (!first || event.at < *first) first = event.at;
            break;  // sorted: the first outbound event is the earliest
        }
    }
    if (first) first = std::max(*first, received);
    return first;
}

// One clock over [from, until): business time counted in the spans whose status `counts`, the due instant of the
// last counting stretch, and where the warning share and the target were crossed.
struct Run {
    milliseconds elapsed{0};
    std::optional<Instant> due;
    std::optional<Instant> warning_at;  // reached when `warned`, else projected from the last counting stretch
    bool warned = false;
    std::optional<Instant> breached_at;
};

Run RunClock(const Inputs& in, Instant from, Instant until, milliseconds target, CountsIn counts) {
    // ValidatePolicy keeps warn_share in (0, 1]; an unvalidated NaN must not reach llround.
    const double share = std::isnan(in.warn_share) ? 1.0 : std::clamp(in.warn_share, 0.0, 1.0);
    const milliseconds warn{std::llround(static_cast<double>(target.count()) * share)};
    Run run;
    for (const Span& span : in.spans) {
        if (!counts(span.status)) continue;
        Instant a = std::max(span.begin, from);
        Instant b = std::min(span.end, until);
        // An empty stretch matters only as the current one: a clock that resumed exactly now has a fresh due time.
        if (b < a || (b == a && &span != &in.spans.back())) continue;
        if (!run.breached_at) {
            run.due = AddBusinessTime(in.calendar, a, target - run.elapsed);
            // Strictly before the end: a goal met at the due instant is met, and `now` == due is not yet late.
            if (*run.due < b) run.breached_at = run.due;
        }
        if (!run.warned) {
            run.warning_at = AddBusinessTime(in.calendar, a, warn - run.elapsed);
            run.warned = *run.warning_at <= b;
        }
        run.elapsed += BusinessTimeBetween(in.calendar, a, b);
    }
    return run;
}

// The parts every clock shares; the caller then sets state, due, met_at.
SlaClock FromRun(const Run& run, milliseconds target, Instant started_at) {
    SlaClock clock;
    clock.started_at = started_at;
    clock.elapsed = run.elapsed;
    clock.remaining = target - run.elapsed;
    clock.breached_at = run.breached_at;
    clock.breaches = run.breached_at ? 1 : 0;
    if (run.warned) clock.warning_at = run.warning_at;
    if (run.breached_at) {
        clock.state = ClockState::kBreached;
        clock.due = run.breached_at;
    }
    return clock;
}

void SetRunning(SlaClock& clock, const Run& run) {
    if (clock.state == ClockState::kBreached) return;
    clock.state = run.warned ? ClockState::kWarning : ClockState::kRunning;
    clock.due = run.due;
    clock.warning_at = run.warning_at;
}

SlaClock FirstResponseClock(const Inputs& in, milliseconds target, std::optional<Instant> reply) {
    // Not paused by waiting statuses: until the first reply the customer has not heard from anyone.
    Run run = RunClock(in, in.received, reply.value_or(in.now), target, OpenOrPaused);
    SlaClock clock = FromRun(run, target, in.received);
    if (reply) {
        clock.met_at = reply;
        if (clock.state != ClockState::kBreached) {
            clock.state = ClockState::kMet;
            clock.due = run.due;
        }
    } else if (OpenOrPaused(in.spans.back().status)) {
        SetRunning(clock, run);
    } else if (clock.state != ClockState::kBreached) {
        clock.state = ClockState::kStopped;
    }
    return clock;
}

SlaClock ResolutionClock(const Inputs& in, milliseconds target) {
    Run run = RunClock(in, in.received, in.now, target, Open);
    SlaClock clock = FromRun(run, target, in.received);
    Status current = in.spans.back().status;
    if (Open(current)) {
        SetRunning(clock, run);
    } else if (OpenOrPaused(current)) {
        if (clock.state != ClockState::kBreached) clock.state = ClockState::kPaused;
    } else {
        // Met if the complaint was resolved on the way to where it is now (resolved → follow_up → closed); merged or
        // rejected without a resolution only stops the clock.
        bool resolved = false;
        Instant stopped_at = in.spans.back().begin;
        for (auto span = in.spans.rbegin(); span != in.spans.rend() && SolvedOrEnded(span->status); ++span) {
            resolved = resolved || CategoryOf(span->status) == StatusCategory::kSolved;
            stopped_at = span->begin;
        }
        if (resolved) clock.met_at = stopped_at;
        if (clock.state != ClockState::kBreached) {
            clock.state = resolved ? ClockState::kMet : ClockState::kStopped;
            if (resolved) clock.due = run.due;
        }
    }
    return clock;
}

SlaClock NextUpdateClock(const Inputs& in, milliseconds target, Instant first_reply, const std::vector<Event>& events) {
    // A cycle starts at every outbound reply and at every reopening: while resolved nothing was owed, so the customer
    // who comes back is owed a fresh update rather than what was left of the old budget.
    std::vector<Instant> starts{first_reply};
    for (const Event& event : events) {
        if (event.kind == EventKind::kMessageAdded && event.field == "outbound" && event.at > first_reply &&
            event.at <= in.now) {
            starts.push_back(event.at);
        }
    }
    for (std::size_t i = 1; i < in.spans.size(); ++i) {
        if (SolvedOrEnded(in.spans[i - 1].status) && OpenOrPaused(in.spans[i].status) &&
            in.spans[i].begin > first_reply) {
            starts.push_back(in.spans[i].begin);
        }
    }
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());

    int earlier_breaches = 0;
    for (std::size_t i = 0; i + 1 < starts.size(); ++i) {
        if (RunClock(in, starts[i], starts[i + 1], target, Open).breached_at) ++earlier_breaches;
    }
    Run run = RunClock(in, starts.back(), in.now, target, Open);
    SlaClock clock = FromRun(run, target, starts.back());
    clock.breaches += earlier_breaches;
    Status current = in.spans.back().status;
    if (Open(current)) {
        SetRunning(clock, run);
    } else if (clock.state != ClockState::kBreached) {
        clock.state = OpenOrPaused(current) ? ClockState::kPaused : ClockState::kStopped;
    }
    return clock;
}

ClockState MostPressing(const SlaState& state) {
    constexpr ClockState kOrder[] = {ClockState::kBreached, ClockState::kWarning, ClockState::kRunning,
                                     ClockState::kPaused,   ClockState::kMet,     ClockState::kStopped};
    for (ClockState candidate : kOrder) {
        for (const SlaClock* clock : {&state.first_response, &state.next_update, &state.resolution}) {
            if (clock->state == candidate) return candidate;
        }
    }
    return ClockState::kInactive;
}

}  // namespace

SlaState ComputeSla(const complaint::Complaint& complaint, const std::vector<workflow::Event>& history,
                    const SlaPolicy& policy, const BusinessCalendar& calendar, Instant now) {
    const Instant received = complaint.milestones.received_at;
    now = std::max(now, received);
    const std::vector<Event> events = SortedByTime(history);
    const std::vector<Span> spans = BuildTimeline(complaint, events, received, now);
    const Inputs in{calendar, spans, received, now, policy.warn_share};
    const std::optional<Instant> reply = FirstReply(complaint, events, received, now);

    SlaState state;
    state.policy = policy.name;
    if (policy.targets.first_response) {
        state.first_response = FirstResponseClock(in, *policy.targets.first_response, reply);
    }
    if (policy.targets.next_update && reply) {
        state.next_update = NextUpdateClock(in, *policy.targets.next_update, *reply, events);
    }
    if (policy.targets.resolution) state.resolution = ResolutionClock(in, *policy.targets.resolution);
    state.overall = MostPressing(state);
    return state;
}

Instant RegulatoryDue(Instant received_at, days period, minutes utc_offset) {
    const sys_days day_of_receipt = floor<days>(received_at + utc_offset);
    return Instant{day_of_receipt + period + days{1}} - utc_offset - milliseconds{1};
}

}  // namespace heed::core::sla
