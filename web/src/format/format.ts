// Dates, durations, numbers and money formatted for the user's locale with Intl.
// Instants from the API are UTC; they are shown in the browser's time zone.

const kMinute = 60_000;
const kHour = 60 * kMinute;
const kDay = 24 * kHour;

// Building an Intl formatter costs far more than using one (a queue of 50 rows needs some 250 of them): each is
// made once per locale and options and kept.
const formatters = new Map<string, unknown>();
function cached<T>(kind: string, locale: string, options: object, make: () => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached('dt', locale, options, () => new Intl.DateTimeFormat(locale, options));
}
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached('n', locale, options, () => new Intl.NumberFormat(locale, options));
}
function relativeTimeFormat(locale: string): Intl.RelativeTimeFormat {
  return cached('rt', locale, {}, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
}

function parse(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

export function formatDateTime(iso: string | null | undefined, locale: string, timeZone?: string): string {
  const t = parse(iso);
  if (t === null) return '';
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(t);
}

export function formatDate(iso: string | null | undefined, locale: string, timeZone?: string): string {
  const t = parse(iso);
  if (t === null) return '';
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(t);
}

/** "3 hours ago", "in 2 days", "now" — the largest unit that fits. */
export function formatRelative(iso: string | null | undefined, now: number, locale: string): string {
  const t = parse(iso);
  if (t === null) return '';
  const diff = t - now;
  const abs = Math.abs(diff);
  const rtf = relativeTimeFormat(locale);
  if (abs < kMinute) return rtf.format(0, 'second');
  if (abs < kHour) return rtf.format(Math.round(diff / kMinute), 'minute');
  if (abs < kDay) return rtf.format(Math.round(diff / kHour), 'hour');
  if (abs < 30 * kDay) return rtf.format(Math.round(diff / kDay), 'day');
  if (abs < 365 * kDay) return rtf.format(Math.round(diff / (30 * kDay)), 'month');
  return rtf.format(Math.round(diff / (365 * kDay)), 'year');
}

/** A length of time in its largest whole unit: "3 hours", "2天". */
export function formatDuration(ms: number, locale: string): string {
  const abs = Math.abs(ms);
  let value: number;
  let unit: 'minute' | 'hour' | 'day';
  if (abs < kHour) {
    value = Math.max(1, Math.round(abs / kMinute));
    unit = 'minute';
  } else if (abs < kDay) {
    value = Math.round(abs / kHour);
    unit = 'hour';
  } else {
    value = Math.round(abs / kDay);
    unit = 'day';
  }
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

export function formatNumber(value: number | null | undefined, locale: string,
                             options: Intl.NumberFormatOptions = {}): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return numberFormat(locale, options).format(value);
}

export function formatMoney(amount: number | null | undefined, currency: string | null | undefined,
                            locale: string): string {
  if (amount === null || amount === undefined) return '';
  const code = (currency || 'CNY').toUpperCase();
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: code }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(amount)} ${code}`;
  }
}

/** Due state of a deadline: overdue by a duration, or due in a relative time. */
export function dueState(iso: string | null | undefined, now: number): { overdue: boolean; ms: number } | null {
  const t = parse(iso);
  if (t === null) return null;
  return { overdue: t < now, ms: t - now };
}
