#include "xlsx/monthly_xlsx.hpp"

#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace heed::xlsx {
namespace {

namespace analytics = core::analytics;

// A target as the report shows it: "≥ 4.2", "≥ 95%", "≤ 5%".
std::string TargetText(const char* relation, double value, bool percent) {
    char text[32];
    std::snprintf(text, sizeof text, "%s %g%s", relation, percent ? value * 100 : value, percent ? "%" : "");
    return text;
}

// A workbook written to a private temporary file, read back and removed (libxlsxwriter writes files only).
class TempPath {
public:
    TempPath() {
        std::random_device device;
        path_ = std::filesystem::temp_directory_path() /
                ("heed-" + std::to_string(device()) + "-" + std::to_string(device()) + ".xlsx");
    }
    ~TempPath() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    std::string str() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

void Number(lxw_worksheet* sheet, int row, int col, const std::optional<double>& value, lxw_format* format) {
    if (value) worksheet_write_number(sheet, row, col, *value, format);
    else worksheet_write_string(sheet, row, col, "—", nullptr);
}

}  // namespace

core::Result<std::string> MonthlyReportXlsx(const analytics::MonthlyReport& r, analytics::Language language) {
    bool zh = language == analytics::Language::kZh;
    auto t = [zh](const char* chinese, const char* english) { return zh ? chinese : english; };
    TempPath path;
    lxw_workbook* book = workbook_new(path.str().c_str());
    if (!book) return core::Fail(core::ErrorCode::kInternal, "cannot create the workbook");
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format* header = workbook_add_format(book);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDEBF7);
    format_set_border(header, LXW_BORDER_THIN);
    lxw_format* percent = workbook_add_format(book);
    format_set_num_format(percent, "0.0%");
    lxw_format* decimal = workbook_add_format(book);
    format_set_num_format(decimal, "0.00");
    lxw_format* title = workbook_add_format(book);
    format_set_bold(title);
    format_set_font_size(title, 14);

    char period[32];
    if (zh) std::snprintf(period, sizeof period, "%d年%u月", r.year, r.month);
    else std::snprintf(period, sizeof period, "%04d-%02u", r.year, r.month);

    // Summary: template 4's columns as one row.
    lxw_worksheet* summary = workbook_add_worksheet(book, t("月度评估报告", "Monthly report"));
    worksheet_write_string(summary, 0, 0, t("客户满意度月度评估报告", "Monthly customer satisfaction evaluation report"), title);
    const char* columns[] = {t("评估周期", "Period"), t("样本量", "Sample size"),
                             t("平均满意度得分（5分制）", "Average satisfaction (of 5)"),
                             t("TOP3问题类型（出现频率）", "Top 3 problem types (frequency)"),
                             t("改进措施进展（完成/进行中/未开始）", "Measures (done / in progress / not started)"),
                             t("下月优化重点", "Next month's focus"), t("报告人", "Reporter"), t("日期", "Date")};
    for (int c = 0; c < 8; ++c) worksheet_write_string(summary, 2, c, columns[c], header);
    worksheet_write_string(summary, 3, 0, period, nullptr);
    worksheet_write_number(summary, 3, 1, static_cast<double>(r.kpis.received), nullptr);
    Number(summary, 3, 2, r.kpis.csat.mean(), decimal);
    std::string top, focus;
    for (std::size_t i = 0; i < r.problems.size() && i < 3; ++i) {
        char line[64];
        std::snprintf(line, sizeof line, " (%.0f%%)", r.problems[i].share * 100);
        top += std::to_string(i + 1) + ". " + (r.problems[i].category.empty() ? t("未分类", "uncategorised") : r.problems[i].category) + line + "\n";
    }
    for (std::size_t i = 0; i < r.focus.size(); ++i) focus += std::to_string(i + 1) + ". " + r.focus[i] + "\n";
    lxw_format* wrap = workbook_add_format(book);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    worksheet_write_string(summary, 3, 3, top.c_str(), wrap);
    worksheet_write_string(summary, 3, 4, t("尚无改进措施记录", "No measures recorded yet"), wrap);
    worksheet_write_string(summary, 3, 5, focus.c_str(), wrap);
    worksheet_write_string(summary, 3, 6, r.reporter.c_str(), nullptr);
    worksheet_write_string(summary, 3, 7, core::FormatIso8601(r.generated_at).substr(0, 10).c_str(), nullptr);
    worksheet_set_column(summary, 0, 2, 16, nullptr);
    worksheet_set_column(summary, 3, 5, 40, nullptr);
    worksheet_set_column(summary, 6, 7, 14, nullptr);

    // KPIs against targets.
    lxw_worksheet* kpis = workbook_add_worksheet(book, t("核心指标", "KPIs"));
    const char* kpi_columns[] = {t("指标", "KPI"), t("本月", "This month"), t("上月", "Last month"), t("目标", "Target"),
                                 t("样本量", "Sample")};
    for (int c = 0; c < 5; ++c) worksheet_write_string(kpis, 0, c, kpi_columns[c], header);
    int row = 1;
    auto rate_row = [&](const char* name, const analytics::Rate& now, const analytics::Rate& before,
                        const std::string& target) {
        worksheet_write_string(kpis, row, 0, name, nullptr);
        Number(kpis, row, 1, now.value(), percent);
        Number(kpis, row, 2, before.value(), percent);
        worksheet_write_string(kpis, row, 3, target.c_str(), nullptr);
        worksheet_write_number(kpis, row, 4, static_cast<double>(now.denominator), nullptr);
        ++row;
    };
    worksheet_write_string(kpis, row, 0, t("平均满意度", "CSAT"), nullptr);
    Number(kpis, row, 1, r.kpis.csat.mean(), decimal);
    Number(kpis, row, 2, r.previous.csat.mean(), decimal);
    worksheet_write_string(kpis, row, 3, TargetText("≥", r.targets.csat, false).c_str(), nullptr);
    worksheet_write_number(kpis, row++, 4, static_cast<double>(r.kpis.csat.n), nullptr);
    rate_row(t("问题解决率", "Resolution rate"), r.kpis.resolution, r.previous.resolution,
             TargetText("≥", r.targets.resolution_rate, true));
    rate_row(t("重复投诉率", "Repeat rate"), r.kpis.repeat, r.previous.repeat, TargetText("≤", r.targets.repeat_rate, true));
    worksheet_write_string(kpis, row, 0, "NPS", nullptr);
    Number(kpis, row, 1, r.kpis.nps.value(), decimal);
    Number(kpis, row, 2, r.previous.nps.value(), decimal);
    worksheet_write_string(kpis, row, 3, TargetText("≥", r.targets.nps, false).c_str(), nullptr);
    worksheet_write_number(kpis, row++, 4, static_cast<double>(r.kpis.nps.n), nullptr);
    rate_row(t("SLA首次响应达标率", "SLA first response"), r.kpis.sla_first_response, r.previous.sla_first_response,
             TargetText("≥", r.targets.sla_compliance, true));
    rate_row(t("SLA解决达标率", "SLA resolution"), r.kpis.sla_resolution, r.previous.sla_resolution,
             TargetText("≥", r.targets.sla_compliance, true));
    rate_row(t("一次解决率", "First-contact resolution"), r.kpis.first_contact_resolution, r.previous.first_contact_resolution, "—");
    rate_row(t("升级率", "Escalation rate"), r.kpis.escalation, r.previous.escalation, "—");
    rate_row(t("重开率", "Reopen rate"), r.kpis.reopen, r.previous.reopen, "—");
    for (auto [name, now, before] : {std::tuple{t("首次响应时间中位数（小时）", "First response, median hours"), r.kpis.first_response, r.previous.first_response},
                                     std::tuple{t("处理时长中位数（小时）", "Handling time, median hours"), r.kpis.handling, r.previous.handling}}) {
        worksheet_write_string(kpis, row, 0, name, nullptr);
        Number(kpis, row, 1, now.median_hours, decimal);
        Number(kpis, row, 2, before.median_hours, decimal);
        worksheet_write_string(kpis, row, 3, "—", nullptr);
        worksheet_write_number(kpis, row++, 4, static_cast<double>(now.n), nullptr);
    }
    if (!r.business_calendar.empty()) {  // the same in working time on the tenant's business calendar
        std::string calendar = std::string(t("日历 ", "calendar ")) + r.business_calendar;
        for (auto [name, now, before] :
             {std::tuple{t("首次响应时间中位数（工作小时）", "First response, median business hours"),
                         r.kpis.first_response_business, r.previous.first_response_business},
              std::tuple{t("处理时长中位数（工作小时）", "Handling time, median business hours"), r.kpis.handling_business,
                         r.previous.handling_business}}) {
            worksheet_write_string(kpis, row, 0, name, nullptr);
            Number(kpis, row, 1, now.median_hours, decimal);
            Number(kpis, row, 2, before.median_hours, decimal);
            worksheet_write_string(kpis, row, 3, calendar.c_str(), nullptr);
            worksheet_write_number(kpis, row++, 4, static_cast<double>(now.n), nullptr);
        }
    }
    worksheet_set_column(kpis, 0, 0, 30, nullptr);
    worksheet_set_column(kpis, 1, 4, 14, nullptr);

    // Pareto of problem types with a bar chart.
    lxw_worksheet* pareto = workbook_add_worksheet(book, t("问题类型", "Problem types"));
    const char* pareto_columns[] = {t("问题类型", "Problem type"), t("数量", "Count"), t("占比", "Share"),
                                    t("累计占比", "Cumulative"), t("影响客户数", "Customers"), t("上月数量", "Last month")};
    for (int c = 0; c < 6; ++c) worksheet_write_string(pareto, 0, c, pareto_columns[c], header);
    double cumulative = 0;
    for (std::size_t i = 0; i < r.problems.size(); ++i) {
        const auto& p = r.problems[i];
        int line = static_cast<int>(i) + 1;
        cumulative += p.share;
        worksheet_write_string(pareto, line, 0, p.category.empty() ? t("未分类", "uncategorised") : p.category.c_str(), nullptr);
        worksheet_write_number(pareto, line, 1, static_cast<double>(p.count), nullptr);
        worksheet_write_number(pareto, line, 2, p.share, percent);
        worksheet_write_number(pareto, line, 3, cumulative, percent);
        worksheet_write_number(pareto, line, 4, static_cast<double>(p.customers), nullptr);
        worksheet_write_number(pareto, line, 5, static_cast<double>(p.previous_count), nullptr);
    }
    worksheet_set_column(pareto, 0, 0, 24, nullptr);
    if (!r.problems.empty()) {
        lxw_chart* bars = workbook_add_chart(book, LXW_CHART_COLUMN);
        int last = static_cast<int>(std::min<std::size_t>(r.problems.size(), 10));
        lxw_chart_series* series = chart_add_series(bars, nullptr, nullptr);
        chart_series_set_categories(series, t("问题类型", "Problem types"), 1, 0, last, 0);
        chart_series_set_values(series, t("问题类型", "Problem types"), 1, 1, last, 1);
        chart_series_set_name(series, t("数量", "Count"));
        chart_title_set_name(bars, t("问题类型帕累托图", "Problem types (Pareto)"));
        worksheet_insert_chart(pareto, 1, 7, bars);
    }

    // Daily volume with a line chart.
    lxw_worksheet* daily = workbook_add_worksheet(book, t("每日投诉量", "Daily volume"));
    worksheet_write_string(daily, 0, 0, t("日期", "Date"), header);
    worksheet_write_string(daily, 0, 1, t("投诉量", "Complaints"), header);
    for (std::size_t i = 0; i < r.daily.size(); ++i) {
        worksheet_write_string(daily, static_cast<int>(i) + 1, 0, r.daily[i].date.c_str(), nullptr);
        worksheet_write_number(daily, static_cast<int>(i) + 1, 1, static_cast<double>(r.daily[i].count), nullptr);
    }
    worksheet_set_column(daily, 0, 0, 12, nullptr);
    if (!r.daily.empty()) {
        lxw_chart* line = workbook_add_chart(book, LXW_CHART_LINE);
        lxw_chart_series* series = chart_add_series(line, nullptr, nullptr);
        int last = static_cast<int>(r.daily.size());
        chart_series_set_categories(series, t("每日投诉量", "Daily volume"), 1, 0, last, 0);
        chart_series_set_values(series, t("每日投诉量", "Daily volume"), 1, 1, last, 1);
        chart_series_set_name(series, t("投诉量", "Complaints"));
        chart_title_set_name(line, t("每日投诉量", "Daily volume"));
        worksheet_insert_chart(daily, 1, 3, line);
    }

    lxw_error closed = workbook_close(book);
    if (closed != LXW_NO_ERROR) {
        return core::Fail(core::ErrorCode::kInternal, std::string("writing the workbook failed: ") + lxw_strerror(closed));
    }
    std::ifstream in(path.str(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace heed::xlsx
