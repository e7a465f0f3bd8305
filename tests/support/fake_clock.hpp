#pragma once
// A clock that tests move by hand.

#include <atomic>

#include "core/ports/clock.hpp"

namespace heed::testing {

class FakeClock final : public core::ports::Clock {
public:
    explicit FakeClock(core::Instant start) : now_(core::ToMillis(start)) {}
    core::Instant Now() const override { return core::FromMillis(now_.load()); }
    void Advance(std::chrono::milliseconds by) { now_ += by.count(); }
    void Set(core::Instant to) { now_ = core::ToMillis(to); }

private:
    std::atomic<std::int64_t> now_;
};

}  // namespace heed::testing
