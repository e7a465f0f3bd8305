// Small pieces of the resolution workspace that are plain functions.
import type { SolutionTemplate } from '../../api/resolution';
import { formatNumber } from '../../format/format';

/** "Used 12 times (8 resolutions) · CSAT 4.5 from 6 answers", or that it has no answers yet. */
export function templateStats(tpl: SolutionTemplate, t: (key: string, params?: Record<string, unknown>) => string,
                              locale: string): string {
  const s = tpl.stats;
  if (!s) return '';
  const n = (v: number) => formatNumber(v, locale);
  const used = t('resolution.stats.used', { uses: n(s.uses), resolutions: n(s.resolutions) });
  const csat = s.csat.mean === null
    ? t('resolution.stats.noCsat')
    : t('resolution.stats.csat', { mean: formatNumber(s.csat.mean, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }), n: n(s.csat.n) });
  return `${used} · ${csat}`;
}

/** A complaint id typed by a person: digits, optionally after '#'; null otherwise. */
export function parseComplaintId(text: string): number | null {
  const m = text.trim().match(/^#?(\d{1,15})$/);
  if (!m) return null;
  const id = Number(m[1]);
  return id > 0 ? id : null;
}

/** What a person typed to name another complaint: its id (digits, optionally after '#') or its number (TS…). */
export type ComplaintRef = { id: number } | { number: string };

/** A complaint number is TS, the year and month of intake and a sequence (TS202611000123); case does not matter. */
export function parseComplaintRef(text: string): ComplaintRef | null {
  const trimmed = text.trim();
  if (/^ts\d{12,}$/i.test(trimmed)) return { number: trimmed.toUpperCase() };
  const id = parseComplaintId(trimmed);
  return id === null ? null : { id };
}
