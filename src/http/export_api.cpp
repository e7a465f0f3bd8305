#include "http/export_api.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>

#include "http/analytics_api.hpp"
#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"

namespace heed::http {

namespace analytics = core::analytics;
using namespace analytics_query;

namespace {

// A private temporary file, removed when the last owner lets go (after the response is streamed).
class TempFile {
public:
    TempFile() {
        std::random_device device;
        path_ = std::filesystem::temp_directory_path() /
                ("heed-export-" + std::to_string(device()) + "-" + std::to_string(device()) + ".xlsx");
    }
    ~TempFile() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    std::string str() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

core::Result<std::optional<core::Instant>> InstantParam(const Request& request, const char* key) {
    auto text = Param(request, key);
    if (text.empty()) return std::optional<core::Instant>();
    auto parsed = core::ParseIso8601(text);
    if (!parsed) return tl::unexpected(Bad(std::string(key) + " must be ISO 8601", key));
    return std::optional<core::Instant>(*parsed);
}

}  // namespace

void AddExportApi(Router& router, ExportApiOptions options) {
    auto shared = std::make_shared<ExportApiOptions>(std::move(options));

    router.Add("GET", "/api/v1/exports/feedback-form", [shared](const Request& request) {
        const auto& o = *shared;
        auto actor = o.authenticate(request);
        if (!actor) return ErrorResponse(actor.error());
        if (auto ok = OnlyParams(request, {"format", "lang", "from", "to", "with_contact_details"}); !ok) {
            return ErrorResponse(ok.error());
        }
        analytics::FeedbackFormOptions form;
        form.format = Param(request, "format").empty() ? std::string("csv") : Param(request, "format");
        if (form.format != "csv" && !(form.format == "xlsx" && o.xlsx)) {
            return ErrorResponse(Bad(o.xlsx ? "format must be csv or xlsx" : "format must be csv", "format"));
        }
        auto lang = Param(request, "lang").empty() ? std::string("zh") : Param(request, "lang");
        if (lang != "zh" && lang != "en") return ErrorResponse(Bad("lang must be zh or en", "lang"));
        form.language = lang == "zh" ? analytics::Language::kZh : analytics::Language::kEn;
        auto from = InstantParam(request, "from");
        if (!from) return ErrorResponse(from.error());
        auto to = InstantParam(request, "to");
        if (!to) return ErrorResponse(to.error());
        form.from = *from;
        form.to = *to;
        auto contact = Param(request, "with_contact_details");
        if (contact != "" && contact != "true" && contact != "false") {
            return ErrorResponse(Bad("with_contact_details must be true or false", "with_contact_details"));
        }
        form.with_contact_details = contact == "true";
        form.destination = "http";
        // Permission and the audit record before the first byte.
        auto begun = analytics::BeginFeedbackFormExport(*o.audit, *actor, form);
        if (!begun) return ErrorResponse(begun.error());
        auto header = analytics::FeedbackFormHeader(form.language);
        std::string file_name = std::string(form.language == analytics::Language::kZh ? "feedback-form-zh" : "feedback-form-en") +
                                "." + form.format;

        Response response;
        response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
        if (form.format == "csv") {
            response.content_type = "text/csv; charset=utf-8";
            auto store = o.store;
            response.stream = [store, actor = *actor, form, header](const StreamWrite& write) {
                // A byte-order mark so that spreadsheet applications read the Chinese headings as UTF-8.
                if (!write("\xEF\xBB\xBF" + analytics::CsvLine(header))) return;
                        (void)analytics::WriteFeedbackForm(*store, actor, form, [&](const std::vector<std::string>& row) {
                    return write(analytics::CsvLine(row));
                });
            };
            return response;
        }
        auto file = std::make_shared<TempFile>();
        auto writer = o.xlsx(file->str(), analytics::FeedbackFormTitle(form.language), header);
        if (!writer) return ErrorResponse(writer.error());
        bool written = true;
        auto rows = analytics::WriteFeedbackForm(*o.store, *actor, form, [&](const std::vector<std::string>& row) {
            return written = (*writer)->Row(row);
        });
        if (!rows) return ErrorResponse(rows.error());
        if (!written) return ErrorResponse({core::ErrorCode::kInternal, "cannot write the workbook", "", {}});
        if (auto finished = (*writer)->Finish(); !finished) return ErrorResponse(finished.error());
        writer->reset();
        response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        response.stream = [file](const StreamWrite& write) {
            std::ifstream in(file->str(), std::ios::binary);
            std::string buffer(65536, '\0');
            while (in) {
                in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                auto got = in.gcount();
                if (got > 0 && !write(std::string_view(buffer.data(), static_cast<std::size_t>(got)))) return;
            }
        };
        return response;
    });
}

}  // namespace heed::http
