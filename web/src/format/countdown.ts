// Live SLA countdowns: "1 h 05 min left", "overdue by 2 d 3 h", formatted per locale with Intl.
// The numbers come from the due instant and the current time; the words from the message catalogue.

import { numberFormat } from './format';

const kSecond = 1000;
const kMinute = 60 * kSecond;
const kHour = 60 * kMinute;
const kDay = 24 * kHour;

export interface CountdownParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Splits a length of time (its absolute value) into whole days, hours, minutes and seconds. */
export function splitDuration(ms: number): CountdownParts {
  let rest = Math.floor(Math.abs(ms) / kSecond) * kSecond;
  const days = Math.floor(rest / kDay);
  rest -= days * kDay;
  const hours = Math.floor(rest / kHour);
  rest -= hours * kHour;
  const minutes = Math.floor(rest / kMinute);
  rest -= minutes * kMinute;
  return { days, hours, minutes, seconds: Math.floor(rest / kSecond) };
}

function unit(value: number, name: 'day' | 'hour' | 'minute' | 'second', locale: string): string {
  return numberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);
}

/**
 * A compact countdown with the two largest units that matter: "2d 3h", "1h 5m", "4m 30s", "45s" (narrow units of
 * the locale: "2天 3小时" in Chinese). With `seconds: false`, below an hour it shows minutes only (rounded down,
 * at least "0m"), which suits lists that refresh every few seconds.
 */
export function formatCountdown(ms: number, locale: string, options: { seconds?: boolean } = {}): string {
  const showSeconds = options.seconds ?? true;
  const p = splitDuration(ms);
  const sep = locale.toLowerCase().startsWith('zh') ? '' : ' ';
  if (p.days > 0) return p.hours > 0 ? `${unit(p.days, 'day', locale)}${sep}${unit(p.hours, 'hour', locale)}` : unit(p.days, 'day', locale);
  if (p.hours > 0) return `${unit(p.hours, 'hour', locale)}${sep}${unit(p.minutes, 'minute', locale)}`;
  if (!showSeconds) return unit(p.minutes, 'minute', locale);
  if (p.minutes > 0) return `${unit(p.minutes, 'minute', locale)}${sep}${unit(p.seconds, 'second', locale)}`;
  return unit(p.seconds, 'second', locale);
}

export type CountdownTone = 'ok' | 'warning' | 'breached' | 'paused' | 'done' | 'none';

export interface Countdown {
  /** 'left' (counting down), 'overdue' (past due), 'paused', 'met', or 'none'. */
  kind: 'left' | 'overdue' | 'paused' | 'met' | 'none';
  /** Milliseconds left (negative when overdue); 0 when not counting. */
  ms: number;
  tone: CountdownTone;
}

/**
 * Where a clock stands at `now`: from its state and due instant. A running clock whose due time has passed shows
 * overdue even before the server's sweeper has marked it breached; a warning clock keeps its warning tone.
 */
export function countdown(state: string | null | undefined, due: string | null | undefined, now: number,
                          warningAt?: string | null): Countdown {
  if (state === 'paused') return { kind: 'paused', ms: 0, tone: 'paused' };
  if (state === 'met') return { kind: 'met', ms: 0, tone: 'done' };
  const dueAt = due ? Date.parse(due) : NaN;
  const counting = state === 'running' || state === 'warning' || state === 'breached' || !state;
  if (!counting || Number.isNaN(dueAt)) {
    return { kind: 'none', ms: 0, tone: state === 'breached' ? 'breached' : 'none' };
  }
  const ms = dueAt - now;
  if (ms < 0) return { kind: 'overdue', ms, tone: 'breached' };
  // Still before this due time; a clock (or, for a summary, another clock) that already breached keeps that tone.
  if (state === 'breached') return { kind: 'left', ms, tone: 'breached' };
  const warnAt = warningAt ? Date.parse(warningAt) : NaN;
  const warning = state === 'warning' || (!Number.isNaN(warnAt) && now >= warnAt);
  return { kind: 'left', ms, tone: warning ? 'warning' : 'ok' };
}
