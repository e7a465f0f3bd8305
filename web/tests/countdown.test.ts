import { describe, expect, it } from 'vitest';
import { countdown, formatCountdown, splitDuration } from '../src/format/countdown';
import { fromMinutes, toMinutes } from '../src/views/admin/slaForm';

const kMin = 60_000;
const kHour = 60 * kMin;
const now = Date.parse('2026-11-23T10:00:00.000Z');
const at = (ms: number) => new Date(now + ms).toISOString();

describe('countdown formatting', () => {
  it('splits a duration into whole units, ignoring the sign', () => {
    expect(splitDuration(26 * kHour + 5 * kMin + 59_999)).toEqual({ days: 1, hours: 2, minutes: 5, seconds: 59 });
    expect(splitDuration(-(90 * 1000))).toEqual({ days: 0, hours: 0, minutes: 1, seconds: 30 });
    expect(splitDuration(0)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it('shows the two largest units in English and Chinese', () => {
    expect(formatCountdown(2 * 24 * kHour + 3 * kHour + 10 * kMin, 'en')).toBe('2d 3h');
    expect(formatCountdown(2 * 24 * kHour, 'en')).toBe('2d');
    expect(formatCountdown(kHour + 5 * kMin + 30_000, 'en')).toBe('1h 5m');
    expect(formatCountdown(4 * kMin + 30_000, 'en')).toBe('4m 30s');
    expect(formatCountdown(45_000, 'en')).toBe('45s');
    expect(formatCountdown(-(3 * kHour + 20 * kMin), 'en')).toBe('3h 20m');
    expect(formatCountdown(2 * 24 * kHour + 3 * kHour, 'zh-CN')).toBe('2天3小时');
    expect(formatCountdown(kHour + 5 * kMin, 'zh-CN')).toBe('1小时5分钟');
  });

  it('leaves seconds out when asked (lists that refresh every few seconds)', () => {
    expect(formatCountdown(4 * kMin + 30_000, 'en', { seconds: false })).toBe('4m');
    expect(formatCountdown(30_000, 'en', { seconds: false })).toBe('0m');
    expect(formatCountdown(kHour + 30_000, 'en', { seconds: false })).toBe('1h 0m');
  });
});

describe('countdown state', () => {
  it('counts down a running clock, in warning tone once past the warning instant', () => {
    expect(countdown('running', at(2 * kHour), now)).toEqual({ kind: 'left', ms: 2 * kHour, tone: 'ok' });
    expect(countdown('running', at(2 * kHour), now, at(-kMin)).tone).toBe('warning');
    expect(countdown('warning', at(kHour), now).tone).toBe('warning');
  });

  it('is overdue past the due instant, even before the server marked the breach', () => {
    expect(countdown('running', at(-5 * kMin), now)).toEqual({ kind: 'overdue', ms: -5 * kMin, tone: 'breached' });
    expect(countdown('breached', at(-kHour), now).kind).toBe('overdue');
  });

  it('keeps the breached tone for a later due time when another clock breached', () => {
    expect(countdown('breached', at(kHour), now)).toEqual({ kind: 'left', ms: kHour, tone: 'breached' });
  });

  it('does not count paused, met, inactive or undated clocks', () => {
    expect(countdown('paused', null, now).kind).toBe('paused');
    expect(countdown('met', at(-kHour), now).kind).toBe('met');
    expect(countdown('inactive', at(kHour), now).kind).toBe('none');
    expect(countdown('running', null, now).kind).toBe('none');
    expect(countdown('running', 'not a date', now).kind).toBe('none');
  });
});

describe('SLA targets in hours', () => {
  it('converts hours to minutes and back; empty is no target', () => {
    expect(toMinutes('1.5')).toBe(90);
    expect(toMinutes('24')).toBe(1440);
    expect(toMinutes('0,25')).toBe(15);
    expect(toMinutes('')).toBeNull();
    expect(toMinutes('abc')).toBeNaN();
    expect(fromMinutes(90)).toBe('1.5');
    expect(fromMinutes(null)).toBe('');
  });
});
