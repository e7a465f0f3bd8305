#pragma once
// Time is an input: every "now" in Heed comes from a Clock, so tests move a fake one.

#include "core/common/time.hpp"

namespace heed::core::ports {

// Thread-safety: implementations must be safe to call from any thread.
class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
public:
    Instant Now() const override {
        return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    }
};

}  // namespace heed::core::ports
