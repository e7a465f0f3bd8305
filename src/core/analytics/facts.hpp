#pragma once
// What the KPIs of SPEC §8 need from one complaint, derived once from the record and its events (a pure function),
// so that any period and grouping is a scan over compact rows instead of a replay of every timeline.

#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/compact.hpp"
#include "core/common/time.hpp"
#include "core/complaint/complaint.hpp"
#include "core/workflow/event.hpp"

namespace heed::core::analytics {

// The dimensions KPIs are grouped by.
enum class Dimension { kCategory, kChannel, kTeam, kAgent, kProduct, kTier };
inline constexpr EnumNames<Dimension, 6> kDimensionNames{{{Dimension::kCategory, "category"},
                                                          {Dimension::kChannel, "channel"},
                                                          {Dimension::kTeam, "team"},
                                                          {Dimension::kAgent, "agent"},
                                                          {Dimension::kProduct, "product"},
                                                          {Dimension::kTier, "tier"}}};
inline constexpr std::size_t kDimensionCount = 6;

// A clock's outcome against its SLA target.
enum class SlaOutcome : std::int8_t { kNoTarget, kPending, kMet, kBreached };

// One complaint's row, kept by the million (136 bytes; BENCHMARKS.md "At 1 000 000 complaints, memory"): shared
// values interned, the number an integer, optional values in the bytes of the value, lists in one allocation.
struct ComplaintFacts {
    struct Pause {
        Instant from, to;
        bool operator==(const Pause&) const = default;
    };
    // The version of a deleted complaint's row in the roll-up (a tombstone: no later write brings it back).
    static constexpr std::int32_t kDeletedVersion = INT32_MAX;

    std::int64_t id = 0;
    CompactNumber number;
    std::uint64_t customer = 0;  // for "affected customers": CustomerKey of the external id, else phone, else e-mail,
                                 // else the number
    Instant received{};
    OptionalInstant first_response;
    OptionalInstant resolved;        // the latest resolution (cleared while reopened)
    OptionalInstant first_resolved;  // the first time it was resolved (from the events)
    OptionalInstant closed;
    OptionalInstant answered_at;
    Instant last_activity{};  // the latest of every instant above and below: a row is skipped for periods before it
    std::int32_t version = 0;  // the complaint's (kDeletedVersion for a tombstone)
    std::array<Interned, kDimensionCount> dimensions;  // "" when unset (grouped as "")
    Interned cluster;  // triage's incident cluster of near-duplicate complaints ("" when none)
    OptionalFloat sentiment;
    std::optional<std::int8_t> csat;
    std::optional<std::int8_t> nps;
    std::int16_t handoffs = 0;  // changes of assignee, team or department after the first owner
    std::int16_t compensations_approved = 0;
    std::int8_t severity = 0;  // 0 when not set
    SlaOutcome sla_first_response = SlaOutcome::kNoTarget;
    SlaOutcome sla_resolution = SlaOutcome::kNoTarget;
    bool reopened : 1 = false;                     // reopened at least once
    bool reopened_after_day3 : 1 = false;          // reopened by (or after) a day-3 follow-up answered "not solved"
    bool escalated : 1 = false;                    // an escalation event
    bool first_response_breach_event : 1 = false;  // an sla_breached event of that clock (for RederiveSlaOutcomes)
    bool resolution_breach_event : 1 = false;
    bool repeat : 1 = false;  // the customer had a complaint in the same category in the previous 30 days (triage)

    // Stretches in waiting statuses between intake and `resolved`, [from, to), oldest first.
    std::span<const Pause> pauses_before_resolved() const { return lists_.first(); }
    std::span<const Instant> surveys_sent() const { return lists_.second(); }  // when surveys were sent, in order
    void SetLists(std::span<const Pause> pauses_before_resolved, std::span<const Instant> surveys_sent) {
        lists_ = {pauses_before_resolved, surveys_sent};
    }
    // Time in waiting statuses between intake and `resolved`.
    std::int64_t PausedBeforeResolvedMs() const {
        std::int64_t ms = 0;
        for (const auto& [from, to] : pauses_before_resolved()) ms += ToMillis(to) - ToMillis(from);
        return ms;
    }
    bool IsTombstone() const { return version == kDeletedVersion; }

    bool operator==(const ComplaintFacts&) const = default;

private:
    PackedArrays<Pause, Instant> lists_;  // pauses_before_resolved, surveys_sent
};
static_assert(sizeof(ComplaintFacts) == 136);

// The rows a KPI computation reads, each as `const ComplaintFacts*`: a tenant's rows in the roll-up (tombstones
// skipped, no list of pointers made) or any list of pointers to rows.
class FactsRows {
public:
    class Iterator {
    public:
        using value_type = const ComplaintFacts*;
        using difference_type = std::ptrdiff_t;
        Iterator() = default;
        const ComplaintFacts* operator*() const { return pointer_ ? *pointer_ : row_; }
        Iterator& operator++() {
            if (pointer_) {
                ++pointer_;
            } else {
                ++row_;
                SkipTombstones();
            }
            return *this;
        }
        Iterator operator++(int) {
            Iterator before = *this;
            ++*this;
            return before;
        }
        bool operator==(const Iterator& other) const { return pointer_ == other.pointer_ && row_ == other.row_; }

    private:
        friend class FactsRows;
        void SkipTombstones() {
            while (row_ != end_ && row_->IsTombstone()) ++row_;
        }
        const ComplaintFacts* const* pointer_ = nullptr;
        const ComplaintFacts* row_ = nullptr;
        const ComplaintFacts* end_ = nullptr;
    };

    FactsRows(const std::vector<const ComplaintFacts*>& rows)  // NOLINT(google-explicit-constructor): any list
        : pointers_(rows.data()), pointers_end_(rows.data() + rows.size()), size_(rows.size()) {}
    // Rows in place, `live` of them not tombstones.
    FactsRows(const std::vector<ComplaintFacts>& rows, std::size_t live)
        : rows_(rows.data()), rows_end_(rows.data() + rows.size()), size_(live) {}

    Iterator begin() const {
        Iterator it;
        if (pointers_) {
            it.pointer_ = pointers_;
        } else {
            it.row_ = rows_;
            it.end_ = rows_end_;
            it.SkipTombstones();
        }
        return it;
    }
    Iterator end() const {
        Iterator it;
        if (pointers_) {
            it.pointer_ = pointers_end_;
        } else {
            it.row_ = it.end_ = rows_end_;
        }
        return it;
    }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

private:
    const ComplaintFacts* const* pointers_ = nullptr;
    const ComplaintFacts* const* pointers_end_ = nullptr;
    const ComplaintFacts* rows_ = nullptr;
    const ComplaintFacts* rows_end_ = nullptr;
    std::size_t size_ = 0;
};

// The key a row's `customer` holds for a customer's identity text (distinct customers are counted by it).
inline std::uint64_t CustomerKey(std::string_view identity) {
    return std::hash<std::string_view>{}(identity);
}

// `now` decides pending vs breached for clocks not yet stopped.
// The two SLA outcomes again from the complaint's due times, for a row derived from the same version (a
// recomputation moved its due times without a new version or event).
void RederiveSlaOutcomes(ComplaintFacts& facts, const complaint::Complaint& complaint, Instant now);

ComplaintFacts DeriveFacts(const complaint::Complaint& complaint, const std::vector<workflow::Event>& events,
                           Instant now);

}  // namespace heed::core::analytics
