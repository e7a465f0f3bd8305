#pragma once
// A PatternEngine on std::regex for core tests (which link no adapter). Backtracking, so only for the short texts
// of tests; the server uses patterns/re2_pattern_engine.

#include <regex>

#include "core/ports/pattern_engine.hpp"

namespace heed::testing {

class StdRegexEngine final : public core::ports::PatternEngine {
public:
    core::Result<std::shared_ptr<const core::ports::CompiledPattern>> Compile(std::string_view pattern) const override {
        try {
            return std::make_shared<const Pattern>(std::regex(std::string(pattern), std::regex::icase));
        } catch (const std::regex_error& e) {
            return core::Fail(core::ErrorCode::kInvalidArgument, e.what());
        }
    }

private:
    class Pattern final : public core::ports::CompiledPattern {
    public:
        explicit Pattern(std::regex re) : re_(std::move(re)) {}
        bool Search(std::string_view text) const override { return std::regex_search(text.begin(), text.end(), re_); }

    private:
        std::regex re_;
    };
};

}  // namespace heed::testing
