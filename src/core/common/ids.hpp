#pragma once
// Strong ids: a ComplaintId cannot be passed where a TenantId is expected. Every stored object carries its tenant.

#include <compare>
#include <cstdint>
#include <functional>

namespace heed::core {

template <typename Tag>
struct StrongId {
    std::int64_t value = 0;
    constexpr auto operator<=>(const StrongId&) const = default;
    constexpr bool valid() const { return value > 0; }
};

using TenantId = StrongId<struct TenantTag>;
using ComplaintId = StrongId<struct ComplaintTag>;
using EventId = StrongId<struct EventTag>;
using MessageId = StrongId<struct MessageTag>;

inline constexpr TenantId kDefaultTenant{1};

}  // namespace heed::core

template <typename Tag>
struct std::hash<heed::core::StrongId<Tag>> {
    std::size_t operator()(const heed::core::StrongId<Tag>& id) const noexcept { return std::hash<std::int64_t>{}(id.value); }
};
