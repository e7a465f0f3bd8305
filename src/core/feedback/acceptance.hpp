#pragma once
// The customer's answer to a proposed resolution (SPEC §5). When the customer rejects it, ISO 10002 asks that they
// are told where else they can turn; ExternalOptions lists those in the customer's language.

#include <string>
#include <vector>

namespace heed::core::feedback {

struct ExternalOption {
    std::string name;
    std::string how;  // phone number, address or web site
};

// zh: 12315 (the national consumer complaint platform), the consumers' association, the market regulator,
// mediation and the courts; en: the consumer association, the regulator or ombudsman, the courts.
std::vector<ExternalOption> ExternalOptions(const std::string& language);

// The sentence that goes with them.
std::string ExternalOptionsMessage(const std::string& language);

}  // namespace heed::core::feedback
