// Typed calls of the Pareto, trends, early-warning and export API (docs/metrics.md) used by the analysis pages.

import { errorFromResponse, request, type Query } from './client';

const base = '/api/v1';

export type Dimension = 'category' | 'channel' | 'team' | 'agent' | 'product' | 'tier';
export type Granularity = 'day' | 'week' | 'month';

export interface ParetoItem {
  name: string;
  count: number;
  share: number;
  cumulative_share: number;
  customers: number;
  mean_severity: number;
  priority: number;
}
export interface ParetoAnswer {
  from: string;
  to: string;
  by: Dimension;
  filters: Record<string, string>;
  total: number;
  items: ParetoItem[];
  core_problems: ParetoItem[];
  team?: string;
}

/** A KPI figure inside a trend point, as the KPI API gives it (rates, times, CSAT or NPS). */
export interface TrendFigure {
  value?: number | null;
  numerator?: number;
  denominator?: number;
  mean?: number | null;
  n?: number;
  median_hours?: number | null;
}
export interface TrendPoint {
  date: string;
  from: string;
  to: string;
  received: number;
  [kpi: string]: string | number | TrendFigure;
}
export interface TrendsAnswer {
  from: string;
  to: string;
  granularity: Granularity;
  utc_offset: string;
  filters: Record<string, string>;
  kpis: string[];
  series: TrendPoint[];
  heat_map: { weekdays: string[]; hours: number; counts: number[][] };
  team?: string;
}

export type AlertKind = 'surge' | 'sentiment_drift' | 'duplicate_cluster';
export interface Alert {
  kind: AlertKind;
  dimension: string;
  key: string;
  raised_at: string;
  window: { from: string; to: string };
  observed: number;
  expected?: number;
  p_value?: number;
  baseline_sentiment?: number;
  sentiment?: number;
  complaints: { id: number; number: string }[];
}
export interface AlertsAnswer {
  from: string;
  to: string;
  step_minutes: number;
  alerts: Alert[];
  team?: string;
}

export interface RangeQuery {
  from: string;
  to: string;
  /** Only the complaints whose dimension has this value (an empty value: those without one). */
  filter?: { dimension: Dimension; value: string } | null;
}

function rangeQuery(range: RangeQuery): Query {
  const query: Query = { from: range.from, to: range.to };
  if (range.filter) query[range.filter.dimension] = range.filter.value;
  return query;
}

export function getPareto(range: RangeQuery, by: Dimension, signal?: AbortSignal): Promise<ParetoAnswer> {
  return request<ParetoAnswer>('GET', `${base}/analytics/pareto`, { query: { ...rangeQuery(range), by }, signal });
}

export function getTrends(range: RangeQuery & { granularity: Granularity; kpis: string[]; utc_offset: string },
                          signal?: AbortSignal): Promise<TrendsAnswer> {
  const query: Query = { ...rangeQuery(range), granularity: range.granularity, utc_offset: range.utc_offset };
  if (range.kpis.length) query.kpis = range.kpis.join(',');
  return request<TrendsAnswer>('GET', `${base}/analytics/trends`, { query, signal });
}

export function getAlerts(range: RangeQuery & { kind?: AlertKind }, signal?: AbortSignal): Promise<AlertsAnswer> {
  const query: Query = { from: range.from, to: range.to };
  if (range.kind) query.kind = range.kind;
  return request<AlertsAnswer>('GET', `${base}/analytics/alerts`, { query, signal });
}

export type ExportFormat = 'csv' | 'xlsx';
export interface ExportQuery {
  format: ExportFormat;
  lang: 'zh' | 'en';
  from?: string;
  to?: string;
  /** Customer ids unmasked (roles that may reveal contact details; audited). */
  withContactDetails?: boolean;
}
export interface ExportProgress {
  /** Bytes received so far. */
  bytes: number;
  /** Bytes expected, when the server says (a chunked answer does not). */
  total: number | null;
  /** CSV only: rows received so far (lines after the heading). */
  rows: number | null;
}

export function exportUrl(q: ExportQuery): string {
  const params = new URLSearchParams({ format: q.format, lang: q.lang });
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  if (q.withContactDetails) params.set('with_contact_details', 'true');
  return `${base}/exports/feedback-form?${params.toString()}`;
}

/**
 * Counts the records of RFC 4180 CSV bytes as they arrive, chunk by chunk: a line break ends a record unless it is
 * inside a quoted field (a description with line breaks is one row). UTF-8 never has a quote or a line feed inside a
 * multi-byte character, so bytes can be scanned directly.
 */
export class CsvRecordCounter {
  count = 0;
  private quoted = false;
  add(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (b === 0x22) this.quoted = !this.quoted;
      else if (b === 0x0a && !this.quoted) this.count += 1;
    }
  }
}

function filenameOf(disposition: string | null, fallback: string): string {
  const m = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return m ? decodeURIComponent(m[1]) : fallback;
}

/**
 * Downloads the feedback-capture form (template 1) as the server streams it, reporting progress after every chunk;
 * answers the file as a Blob with its name. An error answer becomes an ApiError with the API's message.
 */
export async function downloadFeedbackForm(q: ExportQuery, onProgress: (p: ExportProgress) => void,
                                           signal?: AbortSignal): Promise<{ blob: Blob; filename: string }> {
  let response: Response;
  try {
    response = await fetch(exportUrl(q), { credentials: 'same-origin', signal, headers: { Accept: '*/*' } });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw await errorFromResponse(null);
  }
  if (!response.ok) throw await errorFromResponse(response);
  const length = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const csv = q.format === 'csv';
  const records = new CsvRecordCounter();
  const take = (value: Uint8Array) => {
    chunks.push(value);
    bytes += value.byteLength;
    if (csv) records.add(value);
    onProgress({ bytes, total, rows: csv ? Math.max(0, records.count - 1) : null });
  };
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      take(value);
    }
  } else {
    take(new Uint8Array(await response.arrayBuffer()));
  }
  const type = response.headers.get('Content-Type') ?? (csv ? 'text/csv' : 'application/octet-stream');
  return {
    blob: new Blob(chunks as BlobPart[], { type }),
    filename: filenameOf(response.headers.get('Content-Disposition'), `feedback-form.${q.format}`),
  };
}

/** The tenant's KPI targets (docs/metrics.md): CSAT 1–5, rates 0–1, NPS −100–100. */
export interface KpiTargets {
  csat: number;
  resolution_rate: number;
  repeat_rate: number;
  nps: number;
  sla_compliance: number;
}

export function getKpiTargets(signal?: AbortSignal): Promise<KpiTargets> {
  return request<KpiTargets>('GET', `${base}/settings/kpi-targets`, { signal });
}
export function putKpiTargets(changed: Partial<KpiTargets>): Promise<KpiTargets> {
  return request<KpiTargets>('PUT', `${base}/settings/kpi-targets`, { body: changed });
}
export async function getAlertRecipients(signal?: AbortSignal): Promise<string[]> {
  return (await request<{ recipients: string[] }>('GET', `${base}/settings/alert-recipients`, { signal })).recipients;
}
export async function putAlertRecipients(recipients: string[]): Promise<string[]> {
  return (await request<{ recipients: string[] }>('PUT', `${base}/settings/alert-recipients`, { body: { recipients } })).recipients;
}
