import { describe, expect, it } from 'vitest';
import type { KpiSet } from '../src/api/analytics';
import {
  customPeriod, figureOf, formatKpiValue, formatTarget, lastDay, monthPeriod, previousMonth, reportUrl, targetState,
} from '../src/dashboard/kpi';

const target = (comparison: '>=' | '<=', value: number, met: boolean | null) => ({ target: value, comparison, met });

const kpiSet: KpiSet = {
  received: 120,
  first_response_time: { n: 80, median_hours: 1.25, p90_hours: 6.5 },
  handling_time: { n: 0, median_hours: null, p90_hours: null },
  first_response_time_business: { n: 80, median_hours: 0.75, p90_hours: 3 },
  handling_time_business: { n: 0, median_hours: null, p90_hours: null },
  sla_first_response: { value: 0.9, numerator: 72, denominator: 80 },
  sla_resolution: { value: 1, numerator: 40, denominator: 40 },
  sla_compliance: { value: 0.9333, numerator: 112, denominator: 120, target: target('>=', 0.95, false) },
  resolution_rate: { value: 0.97, numerator: 97, denominator: 100, target: target('>=', 0.95, true) },
  first_contact_resolution: { value: null, numerator: 0, denominator: 0 },
  repeat_rate: { value: 0.05, numerator: 6, denominator: 120, target: target('<=', 0.05, true) },
  escalation_rate: { value: 0.1, numerator: 12, denominator: 120 },
  reopen_rate: { value: 0.02, numerator: 2, denominator: 100 },
  csat: { mean: 4.1, share_4_5: 0.8, n: 30, surveys_sent: 60, response_rate: 0.5, target: target('>=', 4.2, false) },
  nps: { value: null, n: 0, promoters: 0, detractors: 0, interval95: null, target: target('>=', 40, null) },
  compensation: { complaints: 1, approved: 1, per_complaint: 1 / 120 },
};

describe('dashboard KPI figures', () => {
  it('reads rates with numerator and denominator, means with n and response rate, times with p90', () => {
    expect(figureOf(kpiSet, 'resolution_rate')).toMatchObject({ value: 0.97, n: 100, numerator: 97 });
    expect(figureOf(kpiSet, 'csat')).toMatchObject({ value: 4.1, n: 30, responseRate: 0.5 });
    expect(figureOf(kpiSet, 'first_response_time')).toMatchObject({ value: 1.25, n: 80, p90: 6.5 });
    expect(figureOf(kpiSet, 'first_response_time_business')).toMatchObject({ value: 0.75, n: 80, p90: 3 });
    expect(figureOf(kpiSet, 'handling_time_business')).toMatchObject({ value: null, n: 0 });
    expect(figureOf(kpiSet, 'nps')).toMatchObject({ value: null, n: 0, interval: null });
  });

  it('says met or not met against the target, and neither without data or without a target', () => {
    expect(targetState(figureOf(kpiSet, 'resolution_rate'))).toBe('met');
    expect(targetState(figureOf(kpiSet, 'sla_compliance'))).toBe('missed');
    expect(targetState(figureOf(kpiSet, 'csat'))).toBe('missed');
    expect(targetState(figureOf(kpiSet, 'nps'))).toBe('no-data');
    expect(targetState(figureOf(kpiSet, 'escalation_rate'))).toBe('no-target');
    expect(targetState(figureOf(kpiSet, 'first_contact_resolution'))).toBe('no-target');
  });

  it('works the target out from the comparison when the server gives no verdict; the boundary meets it', () => {
    expect(targetState({ value: 0.05, n: 10, target: target('<=', 0.05, null) })).toBe('met');
    expect(targetState({ value: 0.051, n: 10, target: target('<=', 0.05, null) })).toBe('missed');
    expect(targetState({ value: 40, n: 10, target: target('>=', 40, null) })).toBe('met');
    expect(targetState({ value: 39.9, n: 10, target: target('>=', 40, null) })).toBe('missed');
  });

  it('formats values per locale and unit; no data is a dash, never 0', () => {
    expect(formatKpiValue(0.9333, 'percent', 'en')).toBe('93.3%');
    expect(formatKpiValue(0.9333, 'percent', 'zh-CN')).toBe('93.3%');
    expect(formatKpiValue(1, 'percent', 'en')).toBe('100%');
    expect(formatKpiValue(4.1, 'score', 'en')).toBe('4.10');
    expect(formatKpiValue(1234.5, 'hours', 'en')).toBe('1,234.5 hr');
    expect(formatKpiValue(1.25, 'hours', 'zh-CN')).toMatch(/^1\.3\s?小时$/);
    expect(formatKpiValue(42.4, 'nps', 'en')).toBe('+42');
    expect(formatKpiValue(-7, 'nps', 'en')).toBe('-7');
    expect(formatKpiValue(0, 'nps', 'en')).toBe('0');
    expect(formatKpiValue(null, 'percent', 'en')).toBe('—');
    expect(formatKpiValue(undefined, 'score', 'zh-CN')).toBe('—');
  });

  it('formats targets with their direction', () => {
    expect(formatTarget(target('>=', 0.95, true), 'percent', 'en')).toBe('≥ 95%');
    expect(formatTarget(target('<=', 0.05, true), 'percent', 'zh-CN')).toBe('≤ 5%');
    expect(formatTarget(target('>=', 4.2, true), 'score', 'en')).toBe('≥ 4.20');
    expect(formatTarget(target('>=', 40, true), 'nps', 'en')).toBe('≥ +40');
  });
});

describe('dashboard periods and report links', () => {
  const now = new Date('2026-01-15T10:00:00Z');

  it('this month runs from its first day through today; last month is the whole previous month (UTC)', () => {
    expect(monthPeriod('this-month', now)).toEqual({ from: '2026-01-01', to: '2026-01-16' });
    expect(monthPeriod('last-month', now)).toEqual({ from: '2025-12-01', to: '2026-01-01' });
    expect(monthPeriod('this-month', new Date('2026-03-31T23:59:00Z'))).toEqual({ from: '2026-03-01', to: '2026-04-01' });
    expect(lastDay({ from: '2025-12-01', to: '2026-01-01' })).toBe('2025-12-31');
  });

  it('a custom period includes its last day and refuses a reversed or malformed range', () => {
    expect(customPeriod('2024-02-01', '2024-02-29')).toEqual({ from: '2024-02-01', to: '2024-03-01' });
    expect(customPeriod('2024-02-01', '2024-02-01')).toEqual({ from: '2024-02-01', to: '2024-02-02' });
    expect(customPeriod('2024-02-02', '2024-02-01')).toBeNull();
    expect(customPeriod('2024-2-1', '2024-02-10')).toBeNull();
    expect(customPeriod('', '')).toBeNull();
  });

  it('the report defaults to last month and is asked for in the interface language', () => {
    expect(previousMonth(now)).toBe('2025-12');
    expect(reportUrl('2025-12', 'html', 'zh-CN')).toBe('/api/v1/reports/monthly?month=2025-12&format=html&lang=zh');
    expect(reportUrl('2025-12', 'xlsx', 'en')).toBe('/api/v1/reports/monthly?month=2025-12&format=xlsx&lang=en');
  });
});
