#pragma once
// The regular-expression engine of triage rules: RE2, whose automata run in time linear in the text for every
// pattern (no backtracking, so no catastrophic patterns), with a bounded program size per pattern.
// Thread-safety: RE2 objects are safe to share; Compile and Search may run on many threads.

#include "core/ports/pattern_engine.hpp"

namespace heed::patterns {

class Re2PatternEngine final : public core::ports::PatternEngine {
public:
    // Memory budget of one compiled pattern; a larger program is refused when the rule is saved.
    static constexpr long long kMaxProgramBytes = 1 << 20;

    core::Result<std::shared_ptr<const core::ports::CompiledPattern>> Compile(std::string_view pattern) const override;
};

}  // namespace heed::patterns
