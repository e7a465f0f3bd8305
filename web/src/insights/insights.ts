// The analysis pages' logic, kept apart from the components so it can be tested without a canvas: periods in the
// browser's local days, the browser's UTC offset, figures read from trend points, chart options, drill links.

import type { RouteLocationRaw } from 'vue-router';
import type { Alert, Granularity, ParetoAnswer, TrendFigure, TrendPoint, TrendsAnswer } from '../api/insights';
import { formatKpiValue, kKpis, type KpiName, type Unit } from '../dashboard/kpi';

/** The KPIs a trend can show next to the volume. */
export const kTrendKpis: KpiName[] = [
  'resolution_rate', 'sla_compliance', 'repeat_rate', 'csat', 'nps', 'escalation_rate', 'first_response_time',
];
export const kRangeDays = [30, 90, 365] as const;
export const kGranularities: Granularity[] = ['day', 'week', 'month'];

export function unitOf(kpi: string): Unit {
  return kKpis.find((d) => d.name === kpi)?.unit ?? 'percent';
}

/** ±HH:MM of a local time from UTC at that instant (the trends' utc_offset). */
export function utcOffset(at: Date): string {
  const minutes = -at.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The last `days` local calendar days including today: [local midnight days−1 ago, next local midnight). */
export function localDays(days: number, now: Date): { from: string; to: string } {
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1 - days);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The last `hours` hours up to now, for alerts. */
export function lastHours(hours: number, now: Date): { from: string; to: string } {
  return { from: new Date(now.getTime() - hours * 3_600_000).toISOString(), to: now.toISOString() };
}

/** One KPI's value in a trend point: a rate's value, CSAT's mean, NPS's value, a time's median hours; null without data. */
export function trendValue(point: TrendPoint, kpi: string): number | null {
  const figure = point[kpi] as TrendFigure | undefined;
  if (!figure || typeof figure !== 'object') return null;
  if ('mean' in figure) return figure.mean ?? null;
  if ('median_hours' in figure) return figure.median_hours ?? null;
  return figure.value ?? null;
}

/** The sample behind a KPI in a trend point (denominator of a rate, n of the others). */
export function trendSample(point: TrendPoint, kpi: string): number {
  const figure = point[kpi] as TrendFigure | undefined;
  if (!figure || typeof figure !== 'object') return 0;
  return figure.denominator ?? figure.n ?? 0;
}

/** A trend value as the chart plots it: rates in percent, the others as they are. */
export function plotted(value: number | null, unit: Unit): number | null {
  if (value === null) return null;
  return unit === 'percent' ? Math.round(value * 1000) / 10 : Math.round(value * 100) / 100;
}

/** The drill-down of the complaints received in a period (and group): the population of every intake figure. */
export function receivedDrill(from: string, to: string, groupBy?: string, group?: string): RouteLocationRaw {
  const query: Record<string, string> = { kpi: 'received', from, to, back: 'analysis' };
  if (groupBy !== undefined && group !== undefined) Object.assign(query, { group_by: groupBy, group });
  return { name: 'dashboard-drill', query };
}

export const kWeekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * The drill-down of the complaints received in one heat-map cell (weekday 0 = Monday, local hour, in the offset the
 * heat map was asked with) over the period, within the filter (the drill-down's group) if any.
 */
export function heatDrill(from: string, to: string, day: number, hour: number, offset: string,
                          filter?: { dimension: string; value: string } | null): RouteLocationRaw {
  const query: Record<string, string> = {
    kpi: 'received', from, to, weekday: kWeekdays[day], hour: String(hour), utc_offset: offset, back: 'analysis',
  };
  if (filter) Object.assign(query, { group_by: filter.dimension, group: filter.value });
  return { name: 'dashboard-drill', query };
}

/**
 * The drill-down of one KPI over one trend bucket, within the filter if any (the drill-down's group); null for a
 * figure without a population of its own.
 */
export function kpiDrill(kpi: string, point: TrendPoint, filter?: { dimension: string; value: string } | null): RouteLocationRaw | null {
  const def = kKpis.find((d) => d.name === kpi);
  if (!def?.drill) return null;
  const query: Record<string, string> = { kpi: def.drill, from: point.from, to: point.to, back: 'analysis' };
  if (filter) Object.assign(query, { group_by: filter.dimension, group: filter.value });
  return { name: 'dashboard-drill', query };
}

/** Formats a trend point's bucket for an axis: the day, the week's Monday or the month. */
export function bucketLabel(date: string, granularity: Granularity, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const at = Date.UTC(y, (m || 1) - 1, d || 1);
  const options: Intl.DateTimeFormatOptions = granularity === 'month'
    ? { year: 'numeric', month: 'short', timeZone: 'UTC' }
    : { month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(at);
}

export interface ParetoLabels { count: string; cumulative: string; core: string }

/** Bars of counts (the core problems in another colour) with the cumulative share as a line on a 0–100 % axis. */
export function paretoOption(answer: ParetoAnswer, names: string[], labels: ParetoLabels, locale: string) {
  const core = new Set(answer.core_problems.map((p) => p.name));
  const number = new Intl.NumberFormat(locale);
  return {
    animation: false,
    grid: { left: 48, right: 48, top: 36, bottom: 72 },
    legend: { top: 0, data: [labels.count, labels.cumulative] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => number.format(v) } },
      { type: 'value', min: 0, max: 100, splitLine: { show: false }, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: labels.count, type: 'bar', barMaxWidth: 48, cursor: 'pointer',
        data: answer.items.map((item) => ({
          value: item.count,
          itemStyle: { color: core.has(item.name) ? '#dc2626' : '#2563eb' },
        })) },
      { name: labels.cumulative, type: 'line', yAxisIndex: 1, symbol: 'circle', symbolSize: 6,
        lineStyle: { color: '#ea580c' }, itemStyle: { color: '#ea580c' },
        data: answer.items.map((item) => Math.round(item.cumulative_share * 1000) / 10) },
    ],
  };
}

const kAxisNames: Record<Unit, string> = { percent: '%', score: '1–5', nps: 'NPS', hours: 'h' };

/** Volume as bars (left axis) with each chosen KPI as a line on the right, one axis per unit (%, 1–5, NPS, hours). */
export function trendOption(answer: TrendsAnswer, kpiLabels: Record<string, string>, volumeLabel: string, locale: string) {
  const axis = answer.series.map((p) => bucketLabel(p.date, answer.granularity, locale));
  const kpis = answer.kpis;
  const units = [...new Set(kpis.map(unitOf))];
  const kAxisWidth = 52;
  return {
    animation: false,
    grid: { left: 48, right: 16 + kAxisWidth * units.length, top: 44, bottom: 28 },
    legend: { top: 0, data: [volumeLabel, ...kpis.map((k) => kpiLabels[k] ?? k)] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: axis },
    yAxis: [
      { type: 'value', minInterval: 1 },
      ...units.map((unit, i) => ({
        type: 'value', name: kAxisNames[unit], position: 'right', offset: i * kAxisWidth, splitLine: { show: false },
        ...(unit === 'percent' ? { min: 0, max: 100 } : unit === 'score' ? { min: 1, max: 5 } : { scale: true }),
      })),
    ],
    series: [
      { name: volumeLabel, type: 'bar', barMaxWidth: 24, itemStyle: { color: '#93c5fd' }, cursor: 'pointer',
        data: answer.series.map((p) => p.received) },
      ...kpis.map((k) => ({
        name: kpiLabels[k] ?? k, type: 'line', yAxisIndex: 1 + units.indexOf(unitOf(k)), connectNulls: false, symbolSize: 5,
        data: answer.series.map((p) => plotted(trendValue(p, k), unitOf(k))),
      })),
    ],
  };
}

/** The hour × weekday heat map: [hour, weekday, count] cells, Monday on top. */
export function heatMapOption(counts: number[][], weekdayNames: string[], label: string) {
  const data: [number, number, number][] = [];
  let max = 0;
  counts.forEach((row, day) => row.forEach((count, hour) => {
    data.push([hour, day, count]);
    max = Math.max(max, count);
  }));
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 8, bottom: 64 },
    tooltip: { position: 'top' },
    xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')), splitArea: { show: true } },
    yAxis: { type: 'category', data: weekdayNames, inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max: Math.max(1, max), calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
                 inRange: { color: ['#f8fafc', '#93c5fd', '#1d4ed8'] } },
    series: [{ name: label, type: 'heatmap', data, label: { show: false } }],
  };
}

/** The busiest cell of a heat map, for the text next to it. */
export function busiest(counts: number[][]): { day: number; hour: number; count: number } | null {
  let best: { day: number; hour: number; count: number } | null = null;
  counts.forEach((row, day) => row.forEach((count, hour) => {
    if (count > 0 && (!best || count > best.count)) best = { day, hour, count };
  }));
  return best;
}

/** What an alert measured, as text parameters: observed against expected, or the sentiment drop. */
export function alertFigures(alert: Alert, locale: string) {
  const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const two = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return {
    observed: one.format(alert.observed),
    // A quiet key's expectation is a fraction of a complaint: two significant digits rather than a rounded 0.
    expected: alert.expected !== undefined
      ? (alert.expected < 1 ? new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }) : one).format(alert.expected)
      : '',
    ratio: alert.expected ? one.format(alert.observed / alert.expected) : '',
    pValue: alert.p_value !== undefined ? alert.p_value.toExponential(1) : '',
    baseline: alert.baseline_sentiment !== undefined ? two.format(alert.baseline_sentiment) : '',
    sentiment: alert.sentiment !== undefined ? two.format(alert.sentiment) : '',
  };
}

export { formatKpiValue };

/** How each KPI target is edited: rates as percentages, CSAT and NPS as they are; the API's range. */
export const kTargetFields = [
  { name: 'csat', unit: 'score', min: 1, max: 5, step: 0.1 },
  { name: 'resolution_rate', unit: 'percent', min: 0, max: 100, step: 0.1 },
  { name: 'repeat_rate', unit: 'percent', min: 0, max: 100, step: 0.1 },
  { name: 'sla_compliance', unit: 'percent', min: 0, max: 100, step: 0.1 },
  { name: 'nps', unit: 'nps', min: -100, max: 100, step: 1 },
] as const;
export type TargetName = (typeof kTargetFields)[number]['name'];

/** A target as the form shows it (a rate of 0.95 is 95). */
export function targetToForm(name: TargetName, value: number): string {
  const field = kTargetFields.find((f) => f.name === name)!;
  return String(field.unit === 'percent' ? Math.round(value * 10000) / 100 : value);
}

/**
 * The targets the form changed, in the API's units; or the first field out of range / not a number. Unchanged
 * fields are left out so a concurrent change of another target is kept.
 */
export function changedTargets(form: Record<TargetName, string | number>, current: Record<TargetName, number>):
    { changed: Partial<Record<TargetName, number>> } | { invalid: TargetName } {
  const changed: Partial<Record<TargetName, number>> = {};
  for (const field of kTargetFields) {
    const text = String(form[field.name]).trim(); // a number input's v-model gives numbers
    const value = Number(text);
    if (!text || !Number.isFinite(value) || value < field.min || value > field.max) return { invalid: field.name };
    const api = field.unit === 'percent' ? Math.round(value * 100) / 10000 : value;
    if (Math.abs(api - current[field.name]) > 1e-9) changed[field.name] = api;
  }
  return { changed };
}

/** Addresses typed one per line (or separated by commas or spaces), blanks and repeats dropped. */
export function parseRecipients(text: string): string[] {
  return [...new Set(text.split(/[\s,;，；]+/).map((a) => a.trim()).filter(Boolean))];
}
