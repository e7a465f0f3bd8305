#include "patterns/re2_pattern_engine.hpp"

#include <re2/re2.h>

namespace heed::patterns {
namespace {

class Re2Pattern final : public core::ports::CompiledPattern {
public:
    explicit Re2Pattern(std::unique_ptr<re2::RE2> re) : re_(std::move(re)) {}
    bool Search(std::string_view text) const override {
        return re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
    }

private:
    std::unique_ptr<re2::RE2> re_;
};

}  // namespace

core::Result<std::shared_ptr<const core::ports::CompiledPattern>> Re2PatternEngine::Compile(
    std::string_view pattern) const {
    re2::RE2::Options options;
    options.set_case_sensitive(false);
    options.set_encoding(re2::RE2::Options::EncodingUTF8);
    options.set_log_errors(false);
    options.set_max_mem(kMaxProgramBytes);
    auto re = std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
    if (!re->ok()) return core::Fail(core::ErrorCode::kInvalidArgument, re->error());
    return std::make_shared<const Re2Pattern>(std::move(re));
}

}  // namespace heed::patterns
