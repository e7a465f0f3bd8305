#include "xlsx/table_xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>

namespace heed::xlsx {
namespace {

constexpr lxw_row_t kRowsPerSheet = LXW_ROW_MAX;  // 1 048 576 including the header

class TableXlsx final : public core::analytics::TableWriter {
public:
    TableXlsx(lxw_workbook* book, std::vector<std::string> header, std::string sheet_name)
        : book_(book), header_(std::move(header)), sheet_name_(std::move(sheet_name)) {
        bold_ = workbook_add_format(book_);
        format_set_bold(bold_);
        format_set_bg_color(bold_, 0xDDEBF7);
        format_set_border(bold_, LXW_BORDER_THIN);
    }
    ~TableXlsx() override {
        if (book_) workbook_close(book_);  // an abandoned export: the caller removes the file
    }

    bool Row(const std::vector<std::string>& cells) override {
        if (!sheet_ || next_row_ >= kRowsPerSheet) {
            if (!NewSheet()) return false;
        }
        for (std::size_t col = 0; col < cells.size(); ++col) {
            if (cells[col].empty()) continue;
            if (worksheet_write_string(sheet_, next_row_, static_cast<lxw_col_t>(col), cells[col].c_str(), nullptr) !=
                LXW_NO_ERROR) {
                return false;
            }
        }
        ++next_row_;
        return true;
    }

    core::Result<void> Finish() override {
        if (!sheet_ && !NewSheet()) return core::Fail(core::ErrorCode::kInternal, "cannot add a worksheet");
        lxw_error error = workbook_close(book_);
        book_ = nullptr;
        if (error != LXW_NO_ERROR) {
            return core::Fail(core::ErrorCode::kInternal, std::string("cannot write the workbook: ") + lxw_strerror(error));
        }
        return {};
    }

private:
    bool NewSheet() {
        ++sheets_;
        std::string name = sheets_ == 1 ? sheet_name_ : sheet_name_ + " " + std::to_string(sheets_);
        sheet_ = workbook_add_worksheet(book_, name.c_str());
        if (!sheet_) return false;
        for (std::size_t col = 0; col < header_.size(); ++col) {
            worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(col), header_[col].c_str(), bold_);
            // Wide enough for the heading; the customer's words get more room.
            double width = std::clamp(static_cast<double>(header_[col].size()) * 0.9, 12.0, 40.0);
            worksheet_set_column(sheet_, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), width, nullptr);
        }
        worksheet_freeze_panes(sheet_, 1, 0);
        next_row_ = 1;
        return true;
    }

    lxw_workbook* book_;
    lxw_format* bold_ = nullptr;
    lxw_worksheet* sheet_ = nullptr;
    std::vector<std::string> header_;
    std::string sheet_name_;
    int sheets_ = 0;
    lxw_row_t next_row_ = 0;
};

}  // namespace

core::Result<std::unique_ptr<core::analytics::TableWriter>> OpenTableXlsx(const std::string& path,
                                                                          const std::string& sheet_name,
                                                                          const std::vector<std::string>& header) {
    std::string tmpdir = std::filesystem::temp_directory_path().string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir.data();
    lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
    if (!book) return core::Fail(core::ErrorCode::kInternal, "cannot create the workbook " + path);
    return std::unique_ptr<core::analytics::TableWriter>(std::make_unique<TableXlsx>(book, header, sheet_name));
}

}  // namespace heed::xlsx
