#pragma once
// UTF-8 validation: every text that enters Heed is checked once, at its adapter, with this function.

#include <string_view>

namespace heed::core {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace heed::core
