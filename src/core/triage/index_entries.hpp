#pragma once
// What the stores index for triage, derived from the complaint record (see ports::TriageStore): the customer's
// contact keys, the text fingerprint, and whether it waits in the triage queue. Both stores call IndexEntriesFor
// on every write so the indexes follow the record (an erasure removes the contact keys with the contact details).
// Also the label a person's triage correction leaves for training.
//
// Thread-safety: pure functions and plain data.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/complaint/complaint.hpp"

namespace heed::core::triage {

// A person's correction (or confirmation) of a triage field: training data for the tenant's models.
struct TriageLabel {
    std::int64_t id = 0;
    TenantId tenant;
    ComplaintId complaint;
    std::string field;            // category, urgency, severity, …
    std::string label;            // the value the person chose
    std::string previous;         // the value triage had set ("" when none)
    std::string previous_source;  // model, rule or "" (none)
    std::string actor;
    Instant at{};
    std::string text;  // filled by Labels(): the complaint's subject and description as they are now
};

struct IndexEntries {
    std::vector<std::string> contact_keys;  // "x:…" external id, "p:…" phone digits, "e:…" e-mail, as digests
    std::string customer;                   // the first contact key, or "n:<id>" style empty when there is none
    std::optional<std::uint64_t> simhash;   // TextFingerprint
    std::uint64_t text_digest = 0;          // TextDigest
    bool in_triage_queue = false;
    bool compensated = false;
};

// Keys of a customer's contact details: digests (FNV-1a) of the external id, the phone's digits (last 11) and the
// lower-cased e-mail. Empty details and erased ones give no key.
std::vector<std::string> ContactKeys(const complaint::Customer& customer);

// SimHash of the description (the customer's own words; subjects vary too much between customers describing one
// incident): nullopt for short and for erased texts.
std::optional<std::uint64_t> TextFingerprint(const complaint::Complaint& complaint);

// FNV-1a of the description's exact bytes (never 0): equal digests mean, in practice, byte-identical text.
std::uint64_t TextDigest(const complaint::Complaint& complaint);

IndexEntries IndexEntriesFor(const complaint::Complaint& complaint);

}  // namespace heed::core::triage
