#include "cli/csv_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace heed::cli {
namespace {

using Record = std::vector<std::string>;

// Reads every record, asserting none is malformed.
std::vector<Record> ReadAll(const std::string& text, char delimiter = ',') {
    std::istringstream input(text);
    CsvReader reader(input, delimiter);
    std::vector<Record> records;
    Record fields;
    while (reader.Next(fields)) {
        EXPECT_FALSE(reader.error().has_value()) << "record at line " << reader.line() << ": "
                                                 << reader.error()->message;
        records.push_back(fields);
    }
    return records;
}

TEST(CsvReader, ReadsSimpleRowsFieldByField) {
    EXPECT_EQ(ReadAll("id,name\n1,alice\n2,bob\n"),
              (std::vector<Record>{{"id", "name"}, {"1", "alice"}, {"2", "bob"}}));
}

TEST(CsvReader, ReturnsNothingForEmptyInputAndKeepsReturningFalseAtTheEnd) {
    EXPECT_TRUE(ReadAll("").empty());
    std::istringstream input("a\n");
    CsvReader reader(input);
    Record fields;
    ASSERT_TRUE(reader.Next(fields));
    EXPECT_FALSE(reader.Next(fields));
    EXPECT_TRUE(fields.empty());
    EXPECT_FALSE(reader.Next(fields));
}

TEST(CsvReader, KeepsDelimiterInsideQuotedField) {
    EXPECT_EQ(ReadAll("\"Smith, John\",42\n"), (std::vector<Record>{{"Smith, John", "42"}}));
}

TEST(CsvReader, TurnsDoubledQuoteIntoOneQuote) {
    EXPECT_EQ(ReadAll("\"she said \"\"no\"\"\",\"\"\"\"\n"), (std::vector<Record>{{"she said \"no\"", "\""}}));
}

TEST(CsvReader, KeepsLineBreaksInsideQuotedFieldVerbatim) {
    EXPECT_EQ(ReadAll("\"line one\nline two\",x\n\"dos\r\nstyle\",y\r\n"),
              (std::vector<Record>{{"line one\nline two", "x"}, {"dos\r\nstyle", "y"}}));
}

TEST(CsvReader, AcceptsCrlfLineEndsAfterPlainAndQuotedFields) {
    EXPECT_EQ(ReadAll("a,b\r\n\"c\",\"d\"\r\ne,f\r\n"), (std::vector<Record>{{"a", "b"}, {"c", "d"}, {"e", "f"}}));
}

TEST(CsvReader, KeepsEmptyFieldsIncludingTrailingOne) {
    EXPECT_EQ(ReadAll("a,b,\n,,\n\"\"\n,\"\"\n"),
              (std::vector<Record>{{"a", "b", ""}, {"", "", ""}, {""}, {"", ""}}));
}

TEST(CsvReader, ReadsFinalLineWithoutNewlineAsRecord) {
    EXPECT_EQ(ReadAll("a,b\nc,d"), (std::vector<Record>{{"a", "b"}, {"c", "d"}}));
    EXPECT_EQ(ReadAll("a,\"b\""), (std::vector<Record>{{"a", "b"}}));
}

TEST(CsvReader, SkipsEmptyLinesBetweenRecords) {
    EXPECT_EQ(ReadAll("\n\na\n\n\r\nb\n\n"), (std::vector<Record>{{"a"}, {"b"}}));
}

TEST(CsvReader, TreatsLoneCarriageReturnAndInnerQuoteAsData) {
    EXPECT_EQ(ReadAll("a\rb,c\"d\n\re\n"), (std::vector<Record>{{"a\rb", "c\"d"}, {"\re"}}));
}

TEST(CsvReader, KeepsUtf8ChineseTextIntact) {
    EXPECT_EQ(ReadAll("产品,投诉内容\n信用卡,\"银行多收了我的费用，\n至今未退还。\"\n"),
              (std::vector<Record>{{"产品", "投诉内容"}, {"信用卡", "银行多收了我的费用，\n至今未退还。"}}));
}

TEST(CsvReader, SplitsOnCustomDelimiter) {
    EXPECT_EQ(ReadAll("a;\"b;c\";d,e\n", ';'), (std::vector<Record>{{"a", "b;c", "d,e"}}));
}

TEST(CsvReader, DropsFieldsLeftOverFromLongerPreviousRecord) {
    std::istringstream input("a,b,c\nd\n");
    CsvReader reader(input);
    Record fields;
    ASSERT_TRUE(reader.Next(fields));
    ASSERT_TRUE(reader.Next(fields));
    EXPECT_EQ(fields, Record{"d"});
}

TEST(CsvReader, CountsPhysicalLinesAcrossMultiLineRecords) {
    std::istringstream input("h1,h2\n\"two\nlines\",x\r\n\n\"three\r\nlines\nhere\",y\nlast,z");
    CsvReader reader(input);
    Record fields;
    EXPECT_EQ(reader.line(), 0u);
    std::vector<std::size_t> lines;
    while (reader.Next(fields)) lines.push_back(reader.line());
    EXPECT_EQ(lines, (std::vector<std::size_t>{1, 2, 5, 8}));
}

TEST(CsvReader, ReportsUnterminatedQuoteAtStartLineAndThenStops) {
    std::istringstream input("a,b\nc,\"never\nclosed,d\n");
    CsvReader reader(input);
    Record fields;
    ASSERT_TRUE(reader.Next(fields));
    EXPECT_FALSE(reader.error().has_value());

    ASSERT_TRUE(reader.Next(fields));
    ASSERT_TRUE(reader.error().has_value());
    EXPECT_EQ(reader.error()->line, 2u);
    EXPECT_NE(reader.error()->message.find("unterminated"), std::string::npos);
    EXPECT_EQ(fields, (Record{"c", "never\nclosed,d\n"}));

    EXPECT_FALSE(reader.Next(fields));
    EXPECT_FALSE(reader.error().has_value());
}

TEST(CsvReader, ReportsGarbageAfterClosingQuoteAndReadsNextRecordCleanly) {
    std::istringstream input("x,y\n1,\"multi\nline\"oops,\"z\nfresh record\n2,\"ok\"\n");
    CsvReader reader(input);
    Record fields;
    ASSERT_TRUE(reader.Next(fields));

    ASSERT_TRUE(reader.Next(fields));
    ASSERT_TRUE(reader.error().has_value());
    EXPECT_EQ(reader.error()->line, 2u);
    EXPECT_NE(reader.error()->message.find("'o'"), std::string::npos) << reader.error()->message;
    EXPECT_EQ(fields, (Record{"1", "multi\nline"}));

    // The rest of physical line 3 is dropped; line 4 is an ordinary record again.
    ASSERT_TRUE(reader.Next(fields));
    EXPECT_FALSE(reader.error().has_value());
    EXPECT_EQ(reader.line(), 4u);
    EXPECT_EQ(fields, (Record{"fresh record"}));

    ASSERT_TRUE(reader.Next(fields));
    EXPECT_FALSE(reader.error().has_value());
    EXPECT_EQ(reader.line(), 5u);
    EXPECT_EQ(fields, (Record{"2", "ok"}));
    EXPECT_FALSE(reader.Next(fields));
}

TEST(CsvReader, ReportsLoneCarriageReturnAfterClosingQuote) {
    std::istringstream input("\"a\"\rb\nc\n");
    CsvReader reader(input);
    Record fields;
    ASSERT_TRUE(reader.Next(fields));
    ASSERT_TRUE(reader.error().has_value());
    EXPECT_EQ(reader.error()->line, 1u);
    ASSERT_TRUE(reader.Next(fields));
    EXPECT_EQ(fields, Record{"c"});
}

TEST(CsvReader, ReadsQuotedFieldLongerThanInternalBufferWhole) {
    std::string narrative;
    while (narrative.size() < 256 * 1024) {
        narrative += "The bank charged me twice, \"again\".\r\nI called; 银行 said no.\n";
    }
    std::string escaped;
    for (char c : narrative) {
        escaped += c;
        if (c == '"') escaped += '"';
    }
    const std::string text = "id,narrative,tail\n1,\"" + escaped + "\",end\n2,short,end\n";
    ASSERT_GT(text.size(), 200u * 1024);

    std::istringstream input(text);
    CsvReader reader(input);
    Record fields;
    ASSERT_TRUE(reader.Next(fields));
    ASSERT_TRUE(reader.Next(fields));
    ASSERT_FALSE(reader.error().has_value());
    ASSERT_EQ(fields.size(), 3u);
    EXPECT_EQ(fields[0], "1");
    EXPECT_TRUE(fields[1] == narrative) << "narrative differs; got " << fields[1].size() << " bytes";
    EXPECT_EQ(fields[2], "end");
    ASSERT_TRUE(reader.Next(fields));
    EXPECT_EQ(fields, (Record{"2", "short", "end"}));
    EXPECT_EQ(reader.line(), 3 + static_cast<std::size_t>(std::count(narrative.begin(), narrative.end(), '\n')));
    EXPECT_FALSE(reader.Next(fields));
}

TEST(CsvReader, ParsesRecordsWhateverTheirAlignmentWithInternalBuffer) {
    // Each record is 13 bytes; shifting the start by 0..12 bytes puts every byte of it, including the halves of "" and
    // of both kinds of \r\n, on some buffer boundary.
    const std::string record = "\"a\"\"b\r\nc\",d\r\n";
    ASSERT_EQ(record.size(), 13u);
    std::string body;
    while (body.size() < 200 * 1024) body += record;
    const std::size_t expected_records = body.size() / record.size();

    for (std::size_t shift = 0; shift < record.size(); ++shift) {
        SCOPED_TRACE("shift " + std::to_string(shift));
        std::istringstream input(std::string(shift, 'p') + "h\n" + body);
        CsvReader reader(input);
        Record fields;
        ASSERT_TRUE(reader.Next(fields));
        std::size_t count = 0;
        while (reader.Next(fields)) {
            ASSERT_FALSE(reader.error().has_value()) << reader.error()->message;
            ASSERT_EQ(fields, (Record{"a\"b\r\nc", "d"})) << "record " << count;
            ASSERT_EQ(reader.line(), 2 + 2 * count);
            ++count;
        }
        EXPECT_EQ(count, expected_records);
    }
}

TEST(CsvReader, ReadsCfpbTrainingFileWithNineteenFieldsInEveryRecord) {
    // Looked up from the working directory upwards, so the test runs from the repo root or from a build directory.
    std::filesystem::path path;
    for (std::filesystem::path dir = std::filesystem::current_path(); !dir.empty(); dir = dir.parent_path()) {
        if (std::filesystem::exists(dir / "shared/data/cfpb/complaints_train.csv")) {
            path = dir / "shared/data/cfpb/complaints_train.csv";
            break;
        }
        if (dir == dir.parent_path()) break;
    }
    if (path.empty()) GTEST_SKIP() << "needs ../shared/data (cfpb/complaints_train.csv) next to the repository";

    std::ifstream input(path, std::ios::binary);
    ASSERT_TRUE(input) << path;
    CsvReader reader(input);
    Record fields;
    ASSERT_TRUE(reader.Next(fields));
    const CsvHeader header(fields);
    ASSERT_EQ(header.names().size(), 19u);
    EXPECT_EQ(header.Find("Date received"), 0u);
    EXPECT_TRUE(header.Find("Consumer complaint narrative").has_value());

    std::size_t records = 0;
    while (reader.Next(fields)) {
        ASSERT_FALSE(reader.error().has_value()) << reader.error()->message << " at line " << reader.error()->line;
        ASSERT_EQ(fields.size(), 19u) << "record starting at line " << reader.line();
        ++records;
    }
    EXPECT_EQ(records, 14923u);
}

TEST(CsvHeader, StripsUtf8BomFromFirstName) {
    std::istringstream input("\xEF\xBB\xBFid,name\n");
    CsvReader reader(input);
    Record fields;
    ASSERT_TRUE(reader.Next(fields));
    const CsvHeader header(fields);
    EXPECT_EQ(header.names(), (Record{"id", "name"}));
    EXPECT_EQ(header.Find("id"), 0u);
}

TEST(CsvHeader, FindsColumnsByExactNameOnly) {
    const CsvHeader header({"Product", "Issue", "Issue"});
    EXPECT_EQ(header.Find("Product"), 0u);
    EXPECT_EQ(header.Find("Issue"), 1u);
    EXPECT_EQ(header.Find("product"), std::nullopt);
    EXPECT_EQ(header.Find("Missing"), std::nullopt);
    EXPECT_EQ(CsvHeader({}).Find("Product"), std::nullopt);
}

}  // namespace
}  // namespace heed::cli
