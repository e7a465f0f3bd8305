#pragma once
// What the SLA reads of an open complaint, in one compact text (SPEC §4: a change of calendars or policies recomputes
// every open complaint). SlaService::Apply reads only some fields of the record — the policy conditions', the clocks'
// and the escalation triggers' — and events of five kinds: status changes, outbound replies, and the warnings,
// breaches and escalations already recorded. A store keeps this text beside each open complaint, written with the
// complaint, so that a recomputation reads one narrow row per complaint instead of the whole record and its events.
// It holds the SLA values the record held when it was written (due times, state, check time); a recomputation that
// moves only those keeps its new values elsewhere (ComplaintStore::SetSlaValues), laid over these when read.

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/complaint/complaint.hpp"
#include "core/workflow/event.hpp"

namespace heed::core::sla {

// Whether SlaService::Apply reads this event: status changes, outbound replies, SLA warnings and breaches,
// escalations.
bool ReadBySla(const workflow::Event& event);

// The complaint's fields the SLA reads, its SLA values, and the events of `history` the SLA reads, encoded.
std::string EncodeSlaInputs(const complaint::Complaint& complaint, const std::vector<workflow::Event>& history);

// Sets the encoded fields on `complaint` (the others stay as they are) and appends the encoded events to `history`.
// kInternal when the text is damaged.
Result<void> DecodeSlaInputs(std::string_view text, complaint::Complaint& complaint,
                             std::vector<workflow::Event>& history);

// The SLA values alone — due times, policy, state, check time (ports::CopySlaValues) — in the same encoding: what a
// store keeps when a recomputation moves only those.
std::string EncodeSlaValues(const complaint::Complaint& complaint);
Result<void> DecodeSlaValues(std::string_view text, complaint::Complaint& complaint);

}  // namespace heed::core::sla
