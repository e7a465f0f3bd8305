import { describe, expect, it } from 'vitest';
import {
  dateTimeFormat, dueState, formatDate, formatDateTime, formatDuration, formatMoney, formatNumber, formatRelative, numberFormat,
} from '../src/format/format';

const instant = '2026-11-23T08:05:00.000Z';
const now = Date.parse('2026-11-23T10:05:00.000Z');

describe('formatting per locale', () => {
  it('formats dates and times in each locale', () => {
    const en = formatDateTime(instant, 'en', 'UTC');
    const zh = formatDateTime(instant, 'zh-CN', 'UTC');
    expect(en).toMatch(/Nov 23, 2026/);
    expect(en).toMatch(/8:05/);
    expect(zh).toMatch(/2026年11月23日/);
    expect(zh).toMatch(/08:05/);
  });

  it('shows the local time zone it is given', () => {
    expect(formatDateTime(instant, 'zh-CN', 'Asia/Shanghai')).toMatch(/16:05/);
  });

  it('formats relative times', () => {
    expect(formatRelative(instant, now, 'en')).toBe('2 hours ago');
    expect(formatRelative(instant, now, 'zh-CN')).toBe('2小时前');
    expect(formatRelative('2026-11-25T10:05:00.000Z', now, 'en')).toBe('in 2 days');
    expect(formatRelative('2026-11-23T10:04:50.000Z', now, 'en')).toBe('now');
    expect(formatRelative(null, now, 'en')).toBe('');
  });

  it('formats durations in the largest unit', () => {
    expect(formatDuration(3 * 3600_000, 'en')).toBe('3 hours');
    expect(formatDuration(-3 * 3600_000, 'zh-CN')).toBe('3小时');
    expect(formatDuration(20_000, 'en')).toBe('1 minute');
    expect(formatDuration(49 * 3600_000, 'en')).toBe('2 days');
  });

  it('formats numbers and money', () => {
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber(1234567.5, 'zh-CN')).toBe('1,234,567.5');
    expect(formatMoney(4063, 'CNY', 'zh-CN')).toBe('¥4,063.00');
    expect(formatMoney(4063, 'CNY', 'en')).toBe('CN¥4,063.00');
    expect(formatMoney(19.9, 'USD', 'en')).toBe('$19.90');
    expect(formatMoney(19.9, 'USD', 'zh-CN')).toBe('US$19.90');
    expect(formatMoney(5, 'not a currency', 'en')).toBe('5.00 NOT A CURRENCY');
  });

  it('tells whether a deadline has passed', () => {
    expect(dueState('2026-11-23T09:05:00.000Z', now)).toEqual({ overdue: true, ms: -3600_000 });
    expect(dueState('2026-11-23T11:05:00.000Z', now)).toEqual({ overdue: false, ms: 3600_000 });
    expect(dueState(null, now)).toBeNull();
  });
});

describe('formatters', () => {
  it('are built once per locale and options, and a time zone or locale of its own gets its own', () => {
    const a = dateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'UTC' });
    expect(dateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'UTC' })).toBe(a);
    expect(dateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'Asia/Shanghai' })).not.toBe(a);
    expect(dateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' })).not.toBe(a);
    expect(formatDate('2026-11-23T20:00:00Z', 'zh-CN', 'UTC')).toBe('2026年11月23日');
    expect(formatDate('2026-11-23T20:00:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('2026年11月24日');
    expect(numberFormat('en', { style: 'unit', unit: 'hour', unitDisplay: 'narrow' }))
      .toBe(numberFormat('en', { style: 'unit', unit: 'hour', unitDisplay: 'narrow' }));
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'en', { maximumFractionDigits: 0 })).toBe('1,235');
  });
});
