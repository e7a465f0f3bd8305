#pragma once
// The regular-expression engine that triage rules use, behind a port so that the core stays standard C++ and the
// engine can guarantee its cost: the implementation (patterns/re2_pattern_engine) runs in time linear in the text
// whatever the pattern, so a tenant's rule cannot stall intake.
//
// Thread-safety: Compile and Search may be called from many threads at once.

#include <memory>
#include <string_view>

#include "core/common/result.hpp"

namespace heed::core::ports {

class CompiledPattern {
public:
    virtual ~CompiledPattern() = default;
    // True when the pattern matches anywhere in `text` (UTF-8).
    virtual bool Search(std::string_view text) const = 0;
};

class PatternEngine {
public:
    virtual ~PatternEngine() = default;
    // Case-insensitive, UTF-8. kInvalidArgument with the reason for a pattern the engine refuses (syntax,
    // backreferences, too large a program).
    virtual Result<std::shared_ptr<const CompiledPattern>> Compile(std::string_view pattern) const = 0;
};

}  // namespace heed::core::ports
