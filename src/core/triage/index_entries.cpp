#include "core/triage/index_entries.hpp"

#include <cstdio>
#include <optional>
#include <string>

#include "core/complaint/pii.hpp"
#include "core/triage/fingerprint.hpp"
#include "core/triage/text_match.hpp"

namespace heed::core::triage {
namespace {

std::string Digest(char kind, std::string_view value) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(Fnv1a64(value)));
    return std::string(1, kind) + ":" + hex;
}

}  // namespace

std::vector<std::string> ContactKeys(const complaint::Customer& customer) {
    std::vector<std::string> keys;
    if (!customer.external_id.empty()) keys.push_back(Digest('x', customer.external_id));
    std::string digits;
    for (char c : customer.phone) {
        if (c >= '0' && c <= '9') digits += c;
    }
    // The national number: +86 138… and 138… are one customer.
    if (digits.size() > 11) digits = digits.substr(digits.size() - 11);
    if (digits.size() >= 5) keys.push_back(Digest('p', digits));
    if (!customer.email.empty()) keys.push_back(Digest('e', NormaliseForMatching(customer.email)));
    return keys;
}

std::optional<std::uint64_t> TextFingerprint(const complaint::Complaint& c) {
    if (c.description == complaint::kErasedText) return std::nullopt;
    // Intake asks twice for the same text on the same thread (the duplicate check, then the index entries): the
    // last text and its fingerprint are kept per thread.
    thread_local std::string last_text;
    thread_local std::optional<std::uint64_t> last_hash;
    thread_local bool known = false;
    if (known && last_text == c.description) return last_hash;
    last_hash = SimHash(NormaliseForMatching(c.description));
    last_text = c.description;
    known = true;
    return last_hash;
}

std::uint64_t TextDigest(const complaint::Complaint& c) {
    return Fnv1a64(c.description) | 1;
}

IndexEntries IndexEntriesFor(const complaint::Complaint& c) {
    IndexEntries entries;
    entries.contact_keys = ContactKeys(c.customer);
    if (!entries.contact_keys.empty()) entries.customer = entries.contact_keys.front();
    entries.simhash = TextFingerprint(c);
    entries.text_digest = TextDigest(c);
    entries.in_triage_queue = !c.triage.review_fields.empty();
    entries.compensated = !c.compensation.empty() || c.amount_in_dispute.has_value();
    return entries;
}

}  // namespace heed::core::triage
