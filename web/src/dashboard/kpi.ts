// The dashboard's figures: which KPIs it shows, how each is formatted for the locale, whether it meets the
// tenant's target, the period chosen (UTC calendar months, like the monthly report) and the report's addresses.

import type { GroupBy, KpiSet, TargetJson } from '../api/analytics';
import { categoryKey } from '../domain';

export type Unit = 'percent' | 'hours' | 'score' | 'nps';
export type KpiName =
  | 'sla_compliance' | 'resolution_rate' | 'repeat_rate' | 'csat' | 'nps' | 'first_response_time'
  | 'handling_time' | 'sla_first_response' | 'sla_resolution' | 'first_contact_resolution' | 'escalation_rate'
  | 'reopen_rate' | 'first_response_time_business' | 'handling_time_business';

export interface KpiDef {
  name: KpiName;
  unit: Unit;
  /** The KPI name the drill-down API takes; null when the figure has no population of its own. */
  drill: KpiName | null;
}

/** Cards in display order: the ones with tenant targets first. */
export const kKpis: KpiDef[] = [
  { name: 'sla_compliance', unit: 'percent', drill: null },
  { name: 'resolution_rate', unit: 'percent', drill: 'resolution_rate' },
  { name: 'repeat_rate', unit: 'percent', drill: 'repeat_rate' },
  { name: 'csat', unit: 'score', drill: 'csat' },
  { name: 'nps', unit: 'nps', drill: 'nps' },
  { name: 'first_response_time', unit: 'hours', drill: 'first_response_time' },
  { name: 'handling_time', unit: 'hours', drill: 'handling_time' },
  // The same in working hours of the tenant's business calendar (the same complaints behind them).
  { name: 'first_response_time_business', unit: 'hours', drill: 'first_response_time' },
  { name: 'handling_time_business', unit: 'hours', drill: 'handling_time' },
  { name: 'sla_first_response', unit: 'percent', drill: 'sla_first_response' },
  { name: 'sla_resolution', unit: 'percent', drill: 'sla_resolution' },
  { name: 'first_contact_resolution', unit: 'percent', drill: 'first_contact_resolution' },
  { name: 'escalation_rate', unit: 'percent', drill: 'escalation_rate' },
  { name: 'reopen_rate', unit: 'percent', drill: 'reopen_rate' },
];

/** Columns of the breakdown table. */
export const kBreakdownKpis: KpiName[] = [
  'resolution_rate', 'sla_compliance', 'repeat_rate', 'csat', 'first_response_time', 'escalation_rate',
];

export const kGroupBys: GroupBy[] = ['category', 'channel', 'team', 'agent'];

/** What the figure of one KPI is, read from a KPI set of the API. */
export interface Figure {
  value: number | null;
  /** The sample: the denominator of a rate, the n of a time, a mean or NPS. */
  n: number;
  numerator?: number;
  target?: TargetJson;
  /** CSAT only: answers ÷ surveys sent. */
  responseRate?: number | null;
  /** NPS only: 95 % interval. */
  interval?: [number, number] | null;
  p90?: number | null;
}

export function figureOf(set: KpiSet, name: KpiName): Figure {
  switch (name) {
    case 'csat':
      return { value: set.csat.mean, n: set.csat.n, target: set.csat.target, responseRate: set.csat.response_rate };
    case 'nps':
      return { value: set.nps.value, n: set.nps.n, target: set.nps.target, interval: set.nps.interval95 };
    case 'first_response_time':
    case 'handling_time':
    case 'first_response_time_business':
    case 'handling_time_business': {
      const d = set[name];
      return { value: d.median_hours, n: d.n, p90: d.p90_hours };
    }
    default: {
      const r = set[name];
      return { value: r.value, n: r.denominator, numerator: r.numerator, target: r.target };
    }
  }
}

export type TargetState = 'met' | 'missed' | 'no-data' | 'no-target';

/**
 * Whether the figure meets its target. The server's `met` is used when given; otherwise it is worked out from the
 * value and the comparison, so a figure without data is never called met or missed.
 */
export function targetState(figure: Figure): TargetState {
  const target = figure.target;
  if (!target) return 'no-target';
  if (figure.value === null || figure.value === undefined) return 'no-data';
  if (target.met === true) return 'met';
  if (target.met === false) return 'missed';
  const ok = target.comparison === '>=' ? figure.value >= target.target : figure.value <= target.target;
  return ok ? 'met' : 'missed';
}

/** A KPI value for the locale: rates as percentages, times in hours, CSAT with two decimals, NPS signed. */
export function formatKpiValue(value: number | null | undefined, unit: Unit, locale: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  switch (unit) {
    case 'percent':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'hours':
      return new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 })
        .format(value);
    case 'score':
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
    case 'nps':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(value);
  }
}

/** The target as text: "≥ 95%", "≤ 5%", "≥ 4.20", "≥ +40". */
export function formatTarget(target: TargetJson, unit: Unit, locale: string): string {
  const sign = target.comparison === '>=' ? '≥' : '≤';
  return `${sign} ${formatKpiValue(target.target, unit, locale)}`;
}

export type PeriodKind = 'this-month' | 'last-month' | 'custom';

export interface Period {
  /** Inclusive start date, YYYY-MM-DD (UTC). */
  from: string;
  /** Exclusive end date, YYYY-MM-DD (UTC). */
  to: string;
}

function isoDate(t: Date): string {
  return t.toISOString().slice(0, 10);
}

/** This or last calendar month in UTC; this month ends tomorrow (so today counts). */
export function monthPeriod(kind: 'this-month' | 'last-month', now: Date): Period {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  if (kind === 'last-month') {
    return { from: isoDate(new Date(Date.UTC(y, m - 1, 1))), to: isoDate(new Date(Date.UTC(y, m, 1))) };
  }
  const tomorrow = new Date(Date.UTC(y, m, now.getUTCDate() + 1));
  return { from: isoDate(new Date(Date.UTC(y, m, 1))), to: isoDate(tomorrow) };
}

const kDateRe = /^\d{4}-\d{2}-\d{2}$/;

/** A custom period from two dates the user picked, both inclusive; null when they are not a valid range. */
export function customPeriod(first: string, last: string): Period | null {
  if (!kDateRe.test(first) || !kDateRe.test(last)) return null;
  const a = Date.parse(`${first}T00:00:00Z`);
  const b = Date.parse(`${last}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return null;
  return { from: first, to: isoDate(new Date(b + 86_400_000)) };
}

/** The last day of a period (its exclusive end minus one day), for showing it. */
export function lastDay(period: Period): string {
  return isoDate(new Date(Date.parse(`${period.to}T00:00:00Z`) - 86_400_000));
}

/** The previous calendar month as YYYY-MM: the default month of the report. */
export function previousMonth(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

export type ReportFormat = 'html' | 'xlsx';

/** Address of the monthly report in a format and the interface's language. */
export function reportUrl(month: string, format: ReportFormat, locale: string): string {
  const lang = locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const q = new URLSearchParams({ month, format, lang });
  return `/api/v1/reports/monthly?${q.toString()}`;
}

/** A group's name for the interface: categories and channels translated, an empty group named as such. */
export function groupLabel(groupBy: string, group: string, t: (key: string) => string,
                           te: (key: string) => boolean): string {
  if (!group) return t('dashboard.unassigned');
  if (groupBy === 'category') {
    const key = categoryKey(group);
    return key && te(`category.${key}`) ? t(`category.${key}`) : group;
  }
  if (groupBy === 'channel' && te(`channel.${group}`)) return t(`channel.${group}`);
  return group;
}
