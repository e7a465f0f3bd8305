#include "core/analytics/monthly_report.hpp"
#include "core/common/html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace heed::core::analytics {
namespace {

using std::chrono::days;

std::string Format(const char* pattern, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

std::string Day10(Instant instant) { return FormatIso8601(instant).substr(0, 10); }

std::string Percent(const std::optional<double>& v) { return v ? Format("%.1f %%", *v * 100) : "—"; }

}  // namespace

Result<Period> MonthPeriod(const std::string& month) {
    int year = 0;
    unsigned m = 0;
    if (month.size() != 7 || month[4] != '-' || std::sscanf(month.c_str(), "%4d-%2u", &year, &m) != 2 || m < 1 ||
        m > 12 || year < 1970 || year > 9999) {
        return Fail(ErrorCode::kInvalidArgument, "month must be YYYY-MM", "month");
    }
    std::chrono::year_month first{std::chrono::year(year), std::chrono::month(m)};
    auto from = std::chrono::sys_days(first / 1);
    auto to = std::chrono::sys_days((first + std::chrono::months(1)) / 1);
    return Period{std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::sys_time<days>(from)),
                  std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::sys_time<days>(to))};
}

MonthlyReport BuildMonthlyReport(const FactsRows& rows, const std::string& month_text,
                                 const Period& period, const std::string& reporter, Instant now, Language language,
                                 const Targets& targets, const sla::BusinessCalendar* calendar) {
    MonthlyReport r;
    r.targets = targets;
    std::sscanf(month_text.c_str(), "%4d-%2u", &r.year, &r.month);
    r.period = period;
    r.reporter = reporter;
    r.generated_at = now;
    r.kpis = ComputeKpis(rows, period, std::nullopt, calendar).total;
    if (calendar) r.business_calendar = calendar->name;
    auto previous_month = MonthPeriod([&] {
        std::chrono::year_month ym{std::chrono::year(r.year), std::chrono::month(r.month)};
        ym -= std::chrono::months(1);
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%04d-%02u", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
        return std::string(buffer);
    }());
    Period previous = *previous_month;
    r.previous = ComputeKpis(rows, previous, std::nullopt, calendar).total;

    struct Tally {
        std::int64_t count = 0, previous = 0, severity_sum = 0, severity_n = 0;
        std::set<std::uint64_t> customers;  // CustomerKey
    };
    std::map<std::string, Tally> tallies;
    auto day_count = static_cast<std::size_t>(std::chrono::floor<days>(period.to - period.from).count());
    std::vector<std::int64_t> per_day(day_count, 0);
    for (const auto* f : rows) {
        const auto& category = f->dimensions[static_cast<std::size_t>(Dimension::kCategory)];
        if (f->received >= previous.from && f->received < previous.to) ++tallies[category].previous;
        if (f->received < period.from || f->received >= period.to) continue;
        auto& t = tallies[category];
        ++t.count;
        t.customers.insert(f->customer);
        if (f->severity > 0) {
            t.severity_sum += f->severity;
            ++t.severity_n;
        }
        auto index = static_cast<std::size_t>(std::chrono::floor<days>(f->received - period.from).count());
        if (index < per_day.size()) ++per_day[index];
    }
    for (auto& [category, t] : tallies) {
        if (t.count == 0) continue;
        r.problems.push_back({category, t.count,
                              r.kpis.received ? static_cast<double>(t.count) / r.kpis.received : 0,
                              static_cast<std::int64_t>(t.customers.size()),
                              t.severity_n ? static_cast<double>(t.severity_sum) / t.severity_n : 0, t.previous});
    }
    std::sort(r.problems.begin(), r.problems.end(), [](const auto& a, const auto& b) {
        return a.count != b.count ? a.count > b.count : a.category < b.category;
    });
    for (std::size_t i = 0; i < per_day.size(); ++i) {
        r.daily.push_back({Day10(period.from + days(i)), per_day[i]});
    }

    // Next month's focus: the top problems (no improvement measures exist yet to exclude), then what rose most.
    bool zh = language == Language::kZh;
    for (std::size_t i = 0; i < r.problems.size() && i < 3; ++i) {
        const auto& p = r.problems[i];
        std::string name = p.category.empty() ? (zh ? "未分类" : "uncategorised") : p.category;
        r.focus.push_back((zh ? "降低「" + name + "」投诉（本月 " : "Reduce \"" + name + "\" complaints (") +
                          std::to_string(p.count) + (zh ? " 件，占 " : " this month, ") +
                          Format("%.0f", p.share * 100) + (zh ? "%，影响 " : "%, ") + std::to_string(p.customers) +
                          (zh ? " 位客户）" : " customers affected)"));
    }
    const ProblemShare* rose = nullptr;
    for (const auto& p : r.problems) {
        if (p.count > p.previous_count && (!rose || p.count - p.previous_count > rose->count - rose->previous_count)) {
            rose = &p;
        }
    }
    if (rose && rose->previous_count > 0) {
        std::string name = rose->category.empty() ? (zh ? "未分类" : "uncategorised") : rose->category;
        r.focus.push_back(zh ? "关注增长最快的「" + name + "」：" + std::to_string(rose->previous_count) + " → " +
                                   std::to_string(rose->count) + " 件"
                             : "Watch the fastest riser \"" + name + "\": " + std::to_string(rose->previous_count) +
                                   " → " + std::to_string(rose->count));
    }
    auto resolution = r.kpis.resolution.value();
    if (resolution && *resolution < r.targets.resolution_rate) {
        r.focus.push_back(zh ? "问题解决率 " + Percent(resolution) + " 低于目标 95 %"
                             : "Resolution rate " + Percent(resolution) + " is below the 95 % target");
    }
    auto csat = r.kpis.csat.mean();
    if (csat && *csat < r.targets.csat) {
        r.focus.push_back(zh ? "满意度 " + Format("%.2f", *csat) + " 低于目标 4.2"
                             : "CSAT " + Format("%.2f", *csat) + " is below the 4.2 target");
    }
    return r;
}

namespace {

std::string BarChart(const std::vector<ProblemShare>& problems, bool zh) {
    const std::size_t n = std::min<std::size_t>(problems.size(), 10);
    if (n == 0) return "<p>" + std::string(zh ? "本月无投诉。" : "No complaints this month.") + "</p>";
    const int width = 640, bar_area = 420, left = 180, row = 26;
    const int height = static_cast<int>(n) * row + 30;
    double max = static_cast<double>(problems.front().count);
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + std::to_string(width) +
                      "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
                      std::to_string(height) + "\"><title>" + (zh ? "问题类型帕累托图" : "Problem types (Pareto)") +
                      "</title>";
    double cumulative = 0;
    std::string line;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& p = problems[i];
        int y = static_cast<int>(i) * row + 10;
        int w = static_cast<int>(std::lround(bar_area * static_cast<double>(p.count) / max));
        std::string name = p.category.empty() ? (zh ? "未分类" : "uncategorised") : p.category;
        svg += "<text x=\"" + std::to_string(left - 6) + "\" y=\"" + std::to_string(y + 16) +
               "\" text-anchor=\"end\" font-size=\"12\">" + EscapeHtml(name) + "</text>";
        svg += "<rect x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
               std::to_string(std::max(w, 1)) + "\" height=\"20\" fill=\"" + (i < 3 ? "#c0392b" : "#7f8c8d") + "\"/>";
        cumulative += p.share;
        svg += "<text x=\"" + std::to_string(left + w + 4) + "\" y=\"" + std::to_string(y + 15) +
               "\" font-size=\"11\">" + std::to_string(p.count) + " (" + Format("%.0f", p.share * 100) + "%, Σ " +
               Format("%.0f", cumulative * 100) + "%)</text>";
    }
    return svg + "</svg>";
}

std::string LineChart(const std::vector<DailyVolume>& daily, bool zh) {
    const int width = 640, height = 160, left = 40, bottom = 20;
    std::int64_t max = 1;
    for (const auto& d : daily) max = std::max(max, d.count);
    std::string points;
    for (std::size_t i = 0; i < daily.size(); ++i) {
        double x = left + (width - left - 10) * (daily.size() > 1 ? static_cast<double>(i) / (daily.size() - 1) : 0.5);
        double y = (height - bottom) - (height - bottom - 10) * static_cast<double>(daily[i].count) / max;
        points += Format("%.1f", x) + "," + Format("%.1f", y) + " ";
    }
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + std::to_string(width) +
                      "\" height=\"" + std::to_string(height) + "\"><title>" + (zh ? "每日投诉量" : "Daily volume") +
                      "</title>";
    svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(height - bottom) + "\" x2=\"" +
           std::to_string(width - 10) + "\" y2=\"" + std::to_string(height - bottom) + "\" stroke=\"#999\"/>";
    svg += "<text x=\"2\" y=\"14\" font-size=\"11\">" + std::to_string(max) + "</text>";
    svg += "<polyline fill=\"none\" stroke=\"#2c3e50\" stroke-width=\"2\" points=\"" + points + "\"/>";
    if (!daily.empty()) {
        svg += "<text x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(height - 4) + "\" font-size=\"11\">" +
               daily.front().date + "</text><text x=\"" + std::to_string(width - 80) + "\" y=\"" +
               std::to_string(height - 4) + "\" font-size=\"11\">" + daily.back().date + "</text>";
    }
    return svg + "</svg>";
}

}  // namespace

std::string RenderMonthlyHtml(const MonthlyReport& r, Language language) {
    bool zh = language == Language::kZh;
    auto t = [zh](const char* chinese, const char* english) { return std::string(zh ? chinese : english); };
    std::string period = zh ? std::to_string(r.year) + "年" + std::to_string(r.month) + "月"
                            : Format("%04.0f", r.year) + "-" + Format("%02.0f", r.month);
    std::string h = "<!DOCTYPE html>\n<html lang=\"" + t("zh-CN", "en") +
                    "\"><head><meta charset=\"utf-8\"><title>" + t("客户满意度月度评估报告", "Monthly customer satisfaction evaluation report") +
                    " " + period + "</title><style>body{font-family:sans-serif;max-width:900px;margin:2em auto;color:#222}"
                    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
                    ".met{color:#1e8449}.missed{color:#c0392b}.none{color:#888}</style></head><body>";
    h += "<h1>" + t("客户满意度月度评估报告", "Monthly customer satisfaction evaluation report") + "</h1>";
    auto csat = r.kpis.csat.mean();
    h += "<table><tr><th>" + t("评估周期", "Period") + "</th><td>" + period + "</td></tr><tr><th>" +
         t("样本量", "Sample size") + "</th><td>" + std::to_string(r.kpis.received) + t(" 条投诉", " complaints") +
         "; " + std::to_string(r.kpis.csat.n) + t(" 份满意度答卷", " survey answers") + "</td></tr><tr><th>" +
         t("平均满意度得分（5分制）", "Average satisfaction (of 5)") + "</th><td>" +
         (csat ? Format("%.2f", *csat) : std::string("—")) + " (n = " + std::to_string(r.kpis.csat.n) + ")</td></tr>";
    if (!r.team_scope.empty()) h += "<tr><th>" + t("班组", "Team") + "</th><td>" + EscapeHtml(r.team_scope) + "</td></tr>";
    h += "</table>";

    h += "<h2>" + t("TOP3 问题类型（出现频率）", "Top 3 problem types (frequency)") + "</h2><ol>";
    for (std::size_t i = 0; i < r.problems.size() && i < 3; ++i) {
        const auto& p = r.problems[i];
        h += "<li>" + EscapeHtml(p.category.empty() ? t("未分类", "uncategorised") : p.category) + " (" +
             Format("%.0f", p.share * 100) + "%, " + std::to_string(p.count) + ")</li>";
    }
    h += "</ol>" + BarChart(r.problems, zh);

    h += "<h2>" + t("核心指标与目标", "KPIs against targets") + "</h2><table><tr><th>" + t("指标", "KPI") + "</th><th>" +
         t("本月", "This month") + "</th><th>" + t("上月", "Last month") + "</th><th>" + t("目标", "Target") +
         "</th><th>" + t("样本", "Sample") + "</th></tr>";
    auto row = [&](const std::string& name, const std::string& now, const std::string& before,
                   const std::string& target, std::optional<bool> met, const std::string& sample) {
        std::string cls = !met ? "none" : *met ? "met" : "missed";
        h += "<tr><td>" + name + "</td><td class=\"" + cls + "\">" + now + "</td><td>" + before + "</td><td>" +
             target + "</td><td>" + sample + "</td></tr>";
    };
    auto ge = [](const std::optional<double>& v, double target) {
        return v ? std::optional<bool>(*v >= target) : std::nullopt;
    };
    auto hours = [](const Durations& d) { return d.median_hours ? Format("%.1f h", *d.median_hours) : "—"; };
    auto rate = [](const Rate& x) { return std::to_string(x.numerator) + "/" + std::to_string(x.denominator); };
    row(t("平均满意度", "CSAT"), csat ? Format("%.2f", *csat) : "—",
        r.previous.csat.mean() ? Format("%.2f", *r.previous.csat.mean()) : "—", "≥ " + Format("%g", r.targets.csat), ge(csat, r.targets.csat),
        "n = " + std::to_string(r.kpis.csat.n) + ", " + t("回收率 ", "response rate ") +
            Percent(r.kpis.csat.sent ? std::optional<double>(static_cast<double>(r.kpis.csat.n) / r.kpis.csat.sent)
                                     : std::nullopt));
    row(t("问题解决率", "Resolution rate"), Percent(r.kpis.resolution.value()), Percent(r.previous.resolution.value()),
        "≥ " + Format("%g", r.targets.resolution_rate * 100) + " %", ge(r.kpis.resolution.value(), r.targets.resolution_rate), rate(r.kpis.resolution));
    auto repeat = r.kpis.repeat.value();
    row(t("重复投诉率", "Repeat rate"), Percent(repeat), Percent(r.previous.repeat.value()), "≤ " + Format("%g", r.targets.repeat_rate * 100) + " %",
        repeat ? std::optional<bool>(*repeat <= r.targets.repeat_rate) : std::nullopt, rate(r.kpis.repeat));
    auto nps = r.kpis.nps.value();
    auto interval = r.kpis.nps.interval95();
    row("NPS", nps ? Format("%.0f", *nps) : "—", r.previous.nps.value() ? Format("%.0f", *r.previous.nps.value()) : "—",
        "≥ " + Format("%g", r.targets.nps), ge(nps, r.targets.nps),
        "n = " + std::to_string(r.kpis.nps.n) +
            (interval ? ", 95 %: " + Format("%.0f", interval->first) + " … " + Format("%.0f", interval->second) : ""));
    Rate sla{r.kpis.sla_first_response.numerator + r.kpis.sla_resolution.numerator,
             r.kpis.sla_first_response.denominator + r.kpis.sla_resolution.denominator};
    Rate sla_before{r.previous.sla_first_response.numerator + r.previous.sla_resolution.numerator,
                    r.previous.sla_first_response.denominator + r.previous.sla_resolution.denominator};
    row(t("SLA 达标率", "SLA compliance"), Percent(sla.value()), Percent(sla_before.value()), "≥ " + Format("%g", r.targets.sla_compliance * 100) + " %",
        ge(sla.value(), r.targets.sla_compliance), rate(sla));
    row(t("首次响应时间（中位数）", "First response time (median)"), hours(r.kpis.first_response),
        hours(r.previous.first_response), "—", std::nullopt, "n = " + std::to_string(r.kpis.first_response.n));
    row(t("处理时长（中位数）", "Handling time (median)"), hours(r.kpis.handling), hours(r.previous.handling), "—",
        std::nullopt, "n = " + std::to_string(r.kpis.handling.n));
    if (!r.business_calendar.empty()) {
        const std::string on = " · " + t("日历 ", "calendar ") + EscapeHtml(r.business_calendar);
        row(t("首次响应时间（中位数，工作时间）", "First response time (median, business hours)"),
            hours(r.kpis.first_response_business), hours(r.previous.first_response_business), "—", std::nullopt,
            "n = " + std::to_string(r.kpis.first_response_business.n) + on);
        row(t("处理时长（中位数，工作时间）", "Handling time (median, business hours)"), hours(r.kpis.handling_business),
            hours(r.previous.handling_business), "—", std::nullopt,
            "n = " + std::to_string(r.kpis.handling_business.n) + on);
    }
    row(t("一次解决率", "First-contact resolution"), Percent(r.kpis.first_contact_resolution.value()),
        Percent(r.previous.first_contact_resolution.value()), "—", std::nullopt, rate(r.kpis.first_contact_resolution));
    row(t("升级率", "Escalation rate"), Percent(r.kpis.escalation.value()), Percent(r.previous.escalation.value()), "—",
        std::nullopt, rate(r.kpis.escalation));
    row(t("重开率", "Reopen rate"), Percent(r.kpis.reopen.value()), Percent(r.previous.reopen.value()), "—",
        std::nullopt, rate(r.kpis.reopen));
    h += "</table>";

    h += "<h2>" + t("每日投诉量", "Daily volume") + "</h2>" + LineChart(r.daily, zh);
    h += "<h2>" + t("改进措施进展（完成/进行中/未开始）", "Progress of improvement measures (done / in progress / not started)") +
         "</h2><p>" + t("尚无改进措施记录。", "No improvement measures are recorded yet.") + "</p>";
    h += "<h2>" + t("下月优化重点", "Next month's focus") + "</h2><ol>";
    for (const auto& item : r.focus) h += "<li>" + EscapeHtml(item) + "</li>";
    h += "</ol><p>" + t("报告人", "Reporter") + ": " + EscapeHtml(r.reporter) + " · " + t("日期", "Date") + ": " +
         Day10(r.generated_at) + "</p></body></html>\n";
    return h;
}

}  // namespace heed::core::analytics
