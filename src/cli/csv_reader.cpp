#include "cli/csv_reader.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace heed::cli {
namespace {

// Big enough that the per-read stream overhead vanishes next to parsing, small enough to stay in cache.
constexpr std::size_t kBufferSize = 64 * 1024;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string DescribeChar(int c) {
    if (c == '\r') return "'\\r'";
    if (c >= 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
    return "byte " + std::to_string(c);
}

}  // namespace

CsvReader::CsvReader(std::istream& input, char delimiter)
    : input_(input), delimiter_(delimiter), buffer_(std::make_unique_for_overwrite<char[]>(kBufferSize)) {}

bool CsvReader::Fill() {
    if (exhausted_) return false;
    input_.read(buffer_.get(), kBufferSize);
    pos_ = 0;
    end_ = static_cast<std::size_t>(input_.gcount());
    // A short read sets failbit along with eofbit; the next read then yields nothing, which is how we notice the end.
    if (end_ == 0) exhausted_ = true;
    return !exhausted_;
}

int CsvReader::Peek() {
    if (pos_ == end_ && !Fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_]);
}

bool CsvReader::Next(std::vector<std::string>& fields) {
    error_.reset();
    bool leading_cr = false;
    for (;;) {
        const int c = Peek();
        if (c == -1) {
            fields.clear();
            return false;
        }
        if (c == '\n') {
            ++pos_;
            ++next_line_;
            continue;
        }
        if (c == '\r') {
            ++pos_;
            if (Peek() == '\n') {
                ++pos_;
                ++next_line_;
                continue;
            }
            // A lone \r is data, but it is already consumed (possibly in the previous buffer), so carry it over.
            leading_cr = true;
        }
        break;
    }
    line_ = next_line_;

    // Overwrite the caller's strings in place rather than clearing the vector, so their heap buffers are reused.
    std::size_t count = 0;
    for (;;) {
        std::string& field = count < fields.size() ? fields[count] : fields.emplace_back();
        ++count;
        field.clear();
        FieldEnd end;
        if (leading_cr) {
            field.push_back('\r');
            leading_cr = false;
            end = ReadUnquoted(field);
        } else if (Peek() == '"') {
            ++pos_;
            end = ReadQuoted(field);
        } else {
            end = ReadUnquoted(field);
        }
        if (end == FieldEnd::kRecordEnd) break;
    }
    fields.resize(count);
    return true;
}

CsvReader::FieldEnd CsvReader::ReadUnquoted(std::string& field) {
    for (;;) {
        if (pos_ == end_ && !Fill()) return FieldEnd::kRecordEnd;
        const char* begin = buffer_.get() + pos_;
        const char* stop = buffer_.get() + end_;
        const char* p = begin;
        while (p != stop && *p != delimiter_ && *p != '\n') ++p;
        field.append(begin, p);
        pos_ = static_cast<std::size_t>(p - buffer_.get());
        if (p == stop) continue;
        ++pos_;
        if (*p == delimiter_) return FieldEnd::kDelimiter;
        ++next_line_;
        // Checking the field rather than the buffer catches a \r\n split across two reads.
        if (!field.empty() && field.back() == '\r') field.pop_back();
        return FieldEnd::kRecordEnd;
    }
}

CsvReader::FieldEnd CsvReader::ReadQuoted(std::string& field) {
    for (;;) {
        if (pos_ == end_ && !Fill()) {
            SetError("unterminated quoted field");
            return FieldEnd::kRecordEnd;
        }
        const char* begin = buffer_.get() + pos_;
        const char* stop = buffer_.get() + end_;
        const auto* quote = static_cast<const char*>(std::memchr(begin, '"', static_cast<std::size_t>(stop - begin)));
        const char* p = quote != nullptr ? quote : stop;
        next_line_ += static_cast<std::size_t>(std::count(begin, p, '\n'));
        field.append(begin, p);
        pos_ = static_cast<std::size_t>(p - buffer_.get());
        if (quote == nullptr) continue;
        ++pos_;

        int c = Peek();
        if (c == '"') {
            field.push_back('"');
            ++pos_;
            continue;
        }
        if (c == -1) return FieldEnd::kRecordEnd;
        if (c == static_cast<unsigned char>(delimiter_)) {
            ++pos_;
            return FieldEnd::kDelimiter;
        }
        if (c == '\r') {
            ++pos_;
            c = Peek();
            if (c != '\n') {
                SetError("unexpected '\\r' after closing quote");
                SkipRestOfLine();
                return FieldEnd::kRecordEnd;
            }
        }
        if (c == '\n') {
            ++pos_;
            ++next_line_;
            return FieldEnd::kRecordEnd;
        }
        SetError("unexpected " + DescribeChar(c) + " after closing quote");
        SkipRestOfLine();
        return FieldEnd::kRecordEnd;
    }
}

// Resynchronising at the next physical line keeps one bad record from corrupting the ones after it; quotes in the
// skipped text are ignored because we no longer know whether they open or close anything.
void CsvReader::SkipRestOfLine() {
    for (;;) {
        if (pos_ == end_ && !Fill()) return;
        const char* begin = buffer_.get() + pos_;
        const void* newline = std::memchr(begin, '\n', end_ - pos_);
        if (newline == nullptr) {
            pos_ = end_;
            continue;
        }
        pos_ = static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.get()) + 1;
        ++next_line_;
        return;
    }
}

void CsvReader::SetError(std::string message) {
    if (!error_) error_ = CsvError{line_, std::move(message)};
}

CsvHeader::CsvHeader(std::vector<std::string> names) : names_(std::move(names)) {
    if (!names_.empty() && names_.front().starts_with(kUtf8Bom)) names_.front().erase(0, kUtf8Bom.size());
}

std::optional<std::size_t> CsvHeader::Find(std::string_view name) const {
    // Headers have a few dozen columns at most and are looked up once per import, so a scan beats a hash map.
    for (std::size_t i = 0; i < names_.size(); ++i) {
        if (names_[i] == name) return i;
    }
    return std::nullopt;
}

}  // namespace heed::cli
