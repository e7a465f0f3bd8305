import { describe, expect, it } from 'vitest';
import type { ParetoAnswer, TrendPoint, TrendsAnswer } from '../src/api/insights';
import { CsvRecordCounter, exportUrl } from '../src/api/insights';
import {
  alertFigures, changedTargets, parseRecipients, targetToForm, bucketLabel, busiest, heatMapOption, kpiDrill, lastHours, localDays, paretoOption, plotted, receivedDrill,
  trendOption, trendSample, trendValue, utcOffset,
} from '../src/insights/insights';

const point = (date: string, received: number, extra: Record<string, unknown> = {}): TrendPoint => ({
  date, from: `${date}T00:00:00.000Z`, to: `${date}T23:59:59.000Z`, received, ...extra,
} as TrendPoint);

describe('analysis helpers', () => {
  it('writes the browser offset as ±HH:MM', () => {
    const at = (minutes: number) => ({ getTimezoneOffset: () => minutes }) as Date;
    expect(utcOffset(at(-480))).toBe('+08:00');
    expect(utcOffset(at(330))).toBe('-05:30');
    expect(utcOffset(at(0))).toBe('+00:00');
    expect(utcOffset(new Date())).toMatch(/^[+-]\d{2}:\d{2}$/);
  });

  it('cuts the last N local days ending at the next local midnight', () => {
    const now = new Date(2026, 10, 23, 15, 30); // local time
    const r = localDays(30, now);
    expect(new Date(r.to).getTime()).toBe(new Date(2026, 10, 24).getTime());
    expect(new Date(r.from).getTime()).toBe(new Date(2026, 9, 25).getTime());
    const h = lastHours(24, new Date('2026-11-23T12:00:00Z'));
    expect(h).toEqual({ from: '2026-11-22T12:00:00.000Z', to: '2026-11-23T12:00:00.000Z' });
  });

  it('reads each kind of KPI figure from a trend point, null without data', () => {
    const p = point('2026-11-01', 10, {
      resolution_rate: { value: 0.9, numerator: 9, denominator: 10 },
      csat: { mean: 4.25, n: 4, share_4_5: 0.75 },
      first_response_time: { n: 3, median_hours: 1.5, p90_hours: 2 },
      nps: { value: null, n: 0 },
    });
    expect(trendValue(p, 'resolution_rate')).toBe(0.9);
    expect(trendSample(p, 'resolution_rate')).toBe(10);
    expect(trendValue(p, 'csat')).toBe(4.25);
    expect(trendSample(p, 'csat')).toBe(4);
    expect(trendValue(p, 'first_response_time')).toBe(1.5);
    expect(trendValue(p, 'nps')).toBeNull();
    expect(trendValue(p, 'repeat_rate')).toBeNull();
    expect(plotted(0.9123, 'percent')).toBe(91.2);
    expect(plotted(4.256, 'score')).toBe(4.26);
    expect(plotted(null, 'percent')).toBeNull();
  });

  it('links figures to the complaints behind them', () => {
    expect(receivedDrill('A', 'B', 'category', '物流配送')).toEqual({
      name: 'dashboard-drill', query: { kpi: 'received', from: 'A', to: 'B', back: 'analysis', group_by: 'category', group: '物流配送' },
    });
    // An empty group (complaints without a category) is a group too.
    expect((receivedDrill('A', 'B', 'category', '') as { query: Record<string, string> }).query.group).toBe('');
    const p = point('2026-11-01', 3);
    expect(kpiDrill('csat', p)).toEqual({ name: 'dashboard-drill', query: { kpi: 'csat', from: p.from, to: p.to, back: 'analysis' } });
    expect(kpiDrill('sla_compliance', p)).toBeNull();
  });

  it('labels buckets per day, week and month', () => {
    expect(bucketLabel('2026-11-02', 'day', 'en')).toBe('Nov 2');
    expect(bucketLabel('2026-11-01', 'month', 'en')).toBe('Nov 2026');
    expect(bucketLabel('2026-11-01', 'month', 'zh-CN')).toBe('2026年11月');
  });

  it('draws the Pareto as bars with the core problems marked and the cumulative share in percent', () => {
    const answer: ParetoAnswer = {
      from: '', to: '', by: 'category', filters: {}, total: 10,
      items: [
        { name: 'a', count: 6, share: 0.6, cumulative_share: 0.6, customers: 6, mean_severity: 2, priority: 12 },
        { name: 'b', count: 3, share: 0.3, cumulative_share: 0.9, customers: 1, mean_severity: 5, priority: 5 },
        { name: 'c', count: 1, share: 0.1, cumulative_share: 1, customers: 1, mean_severity: 0, priority: 1 },
      ],
      core_problems: [{ name: 'a', count: 6, share: 0.6, cumulative_share: 0.6, customers: 6, mean_severity: 2, priority: 12 }],
    };
    const option = paretoOption(answer, ['A', 'B', 'C'], { count: 'n', cumulative: 'cum', core: 'core' }, 'en');
    expect(option.xAxis.data).toEqual(['A', 'B', 'C']);
    const [bars, line] = option.series;
    expect(bars.type).toBe('bar');
    expect((bars.data as { value: number }[]).map((d) => d.value)).toEqual([6, 3, 1]);
    const colours = (bars.data as { itemStyle: { color: string } }[]).map((d) => d.itemStyle.color);
    expect(colours[0]).not.toBe(colours[1]);
    expect(colours[1]).toBe(colours[2]);
    expect(line.data).toEqual([60, 90, 100]);
    expect(line.yAxisIndex).toBe(1);
  });

  it('draws trends as volume bars and a line per KPI', () => {
    const answer: TrendsAnswer = {
      from: '', to: '', granularity: 'day', utc_offset: '+08:00', filters: {}, kpis: ['resolution_rate', 'csat'],
      series: [
        point('2026-11-01', 5, { resolution_rate: { value: 0.5, numerator: 1, denominator: 2 }, csat: { mean: null, n: 0 } }),
        point('2026-11-02', 7, { resolution_rate: { value: 1, numerator: 3, denominator: 3 }, csat: { mean: 4, n: 2 } }),
      ],
      heat_map: { weekdays: [], hours: 24, counts: [] },
    };
    const option = trendOption(answer, { resolution_rate: 'Resolution', csat: 'CSAT' }, 'Received', 'en');
    expect(option.legend.data).toEqual(['Received', 'Resolution', 'CSAT']);
    expect(option.series[0].data).toEqual([5, 7]);
    expect(option.series[1].data).toEqual([50, 100]);
    expect(option.series[2].data).toEqual([null, 4]);
    // Percent and the 1–5 score each get their own right-hand axis.
    expect(option.yAxis).toHaveLength(3);
    expect((option.series[1] as { yAxisIndex: number }).yAxisIndex).toBe(1);
    expect((option.series[2] as { yAxisIndex: number }).yAxisIndex).toBe(2);
    expect(option.yAxis[1]).toMatchObject({ name: '%', min: 0, max: 100 });
    expect(option.yAxis[2]).toMatchObject({ name: '1–5', min: 1, max: 5, offset: 52 });
  });

  it('lays the heat map out as hour × weekday cells and finds the busiest', () => {
    const counts = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
    counts[2][14] = 9;
    counts[0][9] = 3;
    const option = heatMapOption(counts, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], 'Received');
    const data = option.series[0].data;
    expect(data).toHaveLength(168);
    expect(data).toContainEqual([14, 2, 9]);
    expect(option.visualMap.max).toBe(9);
    expect(busiest(counts)).toEqual({ day: 2, hour: 14, count: 9 });
    expect(busiest(Array.from({ length: 7 }, () => Array<number>(24).fill(0)))).toBeNull();
  });

  it('states what an alert measured', () => {
    const f = alertFigures({ kind: 'surge', dimension: 'category', key: 'x', raised_at: '', window: { from: '', to: '' },
      observed: 14, expected: 0.56, p_value: 3.2e-12, complaints: [] }, 'en');
    expect(f).toMatchObject({ observed: '14', expected: '0.56', ratio: '25', pValue: '3.2e-12' });
    const d = alertFigures({ kind: 'sentiment_drift', dimension: 'category', key: 'x', raised_at: '', window: { from: '', to: '' },
      observed: 12, baseline_sentiment: 0.1, sentiment: -0.35, complaints: [] }, 'en');
    expect(d).toMatchObject({ baseline: '0.1', sentiment: '-0.35', expected: '' });
  });

  it('builds the export address with only what was chosen', () => {
    expect(exportUrl({ format: 'csv', lang: 'en' })).toBe('/api/v1/exports/feedback-form?format=csv&lang=en');
    expect(exportUrl({ format: 'xlsx', lang: 'zh', from: '2026-11-01T00:00:00Z' }))
      .toBe('/api/v1/exports/feedback-form?format=xlsx&lang=zh&from=2026-11-01T00%3A00%3A00Z');
  });

  it('counts CSV records across chunks, a quoted line break inside one record', () => {
    const counter = new CsvRecordCounter();
    const enc = new TextEncoder();
    counter.add(enc.encode('客户编号,问题描述\nC1,"第一行\n'));
    expect(counter.count).toBe(1);
    counter.add(enc.encode('第二行 ""引号"""\nC2,x\n'));
    expect(counter.count).toBe(3);
  });

  it('edits KPI targets in the form’s units and sends only what changed', () => {
    const current = { csat: 4.2, resolution_rate: 0.95, repeat_rate: 0.05, sla_compliance: 0.95, nps: 40 };
    const form = {
      csat: targetToForm('csat', 4.2), resolution_rate: targetToForm('resolution_rate', 0.95),
      repeat_rate: targetToForm('repeat_rate', 0.05), sla_compliance: targetToForm('sla_compliance', 0.955), nps: targetToForm('nps', 40),
    };
    expect(form).toEqual({ csat: '4.2', resolution_rate: '95', repeat_rate: '5', sla_compliance: '95.5', nps: '40' });
    expect(changedTargets(form, current)).toEqual({ changed: { sla_compliance: 0.955 } });
    expect(changedTargets({ ...form, repeat_rate: '3', nps: '-10' }, current))
      .toEqual({ changed: { repeat_rate: 0.03, sla_compliance: 0.955, nps: -10 } });
    expect(changedTargets({ ...form, csat: '6' }, current)).toEqual({ invalid: 'csat' });
    expect(changedTargets({ ...form, resolution_rate: '' }, current)).toEqual({ invalid: 'resolution_rate' });
    expect(changedTargets({ ...form, nps: 'abc' }, current)).toEqual({ invalid: 'nps' });
  });

  it('reads alert recipients one per line, by commas or spaces, without repeats', () => {
    expect(parseRecipients(' a@x.cn\nb@x.cn, c@x.cn；a@x.cn \n\n')).toEqual(['a@x.cn', 'b@x.cn', 'c@x.cn']);
    expect(parseRecipients('  ')).toEqual([]);
    expect(exportUrl({ format: 'csv', lang: 'zh', withContactDetails: true }))
      .toBe('/api/v1/exports/feedback-form?format=csv&lang=zh&with_contact_details=true');
  });
});
