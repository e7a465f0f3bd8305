#pragma once
// A message on a complaint's timeline: what the customer wrote in, what we answered, or an internal note.

#include <string>
#include <string_view>

#include "core/common/enum_names.hpp"
#include "core/common/ids.hpp"
#include "core/common/time.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::complaint {

enum class Direction { kInbound, kOutbound, kInternal };

inline constexpr EnumNames<Direction, 3> kDirectionNames{
    {{Direction::kInbound, "inbound"}, {Direction::kOutbound, "outbound"}, {Direction::kInternal, "internal"}}};

inline std::string_view ToString(Direction d) { return NameOf(kDirectionNames, d); }

struct Message {
    MessageId id;
    TenantId tenant;
    ComplaintId complaint;
    Direction direction = Direction::kInternal;
    std::string author;
    workflow::Role author_role = workflow::Role::kSystem;
    std::string body;
    Instant created_at{};
};

inline constexpr std::size_t kMaxMessageBytes = 20000;

}  // namespace heed::core::complaint
