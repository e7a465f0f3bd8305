#pragma once
// A streaming RFC 4180 CSV reader for the command-line importers, plus a header-name lookup.
//
// CsvReader pulls its input in large chunks and hands out one record at a time, so files larger than memory can be
// read. It borrows the stream: the caller owns it and must keep it alive, and must not read from it, while the reader is
// in use. CsvReader is not thread-safe; use one reader per thread.

#include <cstddef>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heed::cli {

// What went wrong with one record. `line` is the 1-based physical line on which the bad record starts.
struct CsvError {
    std::size_t line;
    std::string message;
};

// Reads records from a stream in the dialect of RFC 4180, with a few tolerances:
//  - a field in double quotes may hold the delimiter, `""` for one quote, and line breaks (\n or \r\n), kept verbatim;
//  - records end with \n or \r\n; a final record without a line break is still a record;
//  - empty lines between records are skipped, so a record is never a single empty unquoted field;
//  - a quote inside an unquoted field, and a lone \r not followed by \n, are ordinary data.
// Physical lines are counted by \n characters, including those inside quoted fields.
//
// A malformed record does not end the reading. Next() returns it with error() set, and the following call carries on:
//  - an unterminated quote swallows the rest of the input, so the bad record is the last one;
//  - a character after a closing quote that is neither the delimiter nor a line break makes the reader drop the rest of
//    that physical line; the fields before it (and the quoted field itself) are returned.
class CsvReader {
public:
    // `delimiter` must not be '"', '\r' or '\n'.
    explicit CsvReader(std::istream& input, char delimiter = ',');

    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // Reads the next record into `fields`, replacing its contents; the strings' capacity is reused across calls, so
    // pass the same vector each time. Returns true when a record was read (possibly malformed, see error()), false at
    // end of input, leaving `fields` empty. Stream read failures other than end of file also end the input.
    bool Next(std::vector<std::string>& fields);

    // The problem with the record last returned by Next(), if any; reset by every call to Next().
    const std::optional<CsvError>& error() const { return error_; }

    // The 1-based physical line on which the record last returned by Next() started; 0 before the first record.
    std::size_t line() const { return line_; }

private:
    enum class FieldEnd { kDelimiter, kRecordEnd };

    bool Fill();
    int Peek();
    FieldEnd ReadUnquoted(std::string& field);
    FieldEnd ReadQuoted(std::string& field);
    void SkipRestOfLine();
    void SetError(std::string message);

    std::istream& input_;
    char delimiter_;
    std::unique_ptr<char[]> buffer_;
    std::size_t pos_ = 0;         // next unread byte in buffer_
    std::size_t end_ = 0;         // one past the last valid byte in buffer_
    bool exhausted_ = false;      // the stream has nothing more to give
    std::size_t next_line_ = 1;   // physical line of buffer_[pos_]
    std::size_t line_ = 0;
    std::optional<CsvError> error_;
};

// Maps the names of a CSV header row to column indices. A UTF-8 byte order mark at the start of the first name is
// removed, since spreadsheet exports often begin with one. Names are matched exactly (case and spaces count); with
// duplicate names, Find() returns the first column. Immutable after construction, so concurrent reads are safe.
class CsvHeader {
public:
    explicit CsvHeader(std::vector<std::string> names);

    // The index of the column called `name`, or nullopt when there is none.
    std::optional<std::size_t> Find(std::string_view name) const;

    const std::vector<std::string>& names() const { return names_; }

private:
    std::vector<std::string> names_;
};

}  // namespace heed::cli
