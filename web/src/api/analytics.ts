// Typed calls of the analytics and report API (docs/metrics.md) used by the dashboard.

import { request, type Query } from './client';

const base = '/api/v1';

export interface TargetJson {
  target: number;
  comparison: '>=' | '<=';
  met: boolean | null;
}
export interface RateJson {
  value: number | null;
  numerator: number;
  denominator: number;
  target?: TargetJson;
}
export interface DurationsJson {
  n: number;
  median_hours: number | null;
  p90_hours: number | null;
}
export interface KpiSet {
  received: number;
  first_response_time: DurationsJson;
  handling_time: DurationsJson;
  /** The same in working hours of the business calendar named in the answer. */
  first_response_time_business: DurationsJson;
  handling_time_business: DurationsJson;
  sla_first_response: RateJson;
  sla_resolution: RateJson;
  sla_compliance: RateJson;
  resolution_rate: RateJson;
  first_contact_resolution: RateJson;
  repeat_rate: RateJson;
  escalation_rate: RateJson;
  reopen_rate: RateJson;
  csat: {
    mean: number | null; share_4_5: number | null; n: number; surveys_sent: number;
    response_rate: number | null; target: TargetJson;
  };
  nps: {
    value: number | null; n: number; promoters: number; detractors: number;
    interval95: [number, number] | null; target: TargetJson;
  };
  compensation: { complaints: number; approved: number; per_complaint: number | null };
}
export type GroupBy = 'category' | 'channel' | 'team' | 'agent' | 'product' | 'tier';
export interface KpiAnswer {
  from: string;
  to: string;
  team?: string;
  total: KpiSet;
  /** The business calendar of the *_business durations. */
  business_calendar: string;
  group_by?: GroupBy;
  groups?: (KpiSet & { group: string })[];
}
export interface DrillAnswer {
  kpi: string;
  total: number;
  items: { id: number; number: string; counted: boolean }[];
}
export interface ForecastPoint {
  date: string;
  forecast: number;
  lower: number;
  upper: number;
  agents?: number;
}
export interface ForecastAnswer {
  history: { date: string; count: number }[];
  forecast: ForecastPoint[];
  coverage: number;
  weekday_factors: number[];
  level: number;
}

export interface PeriodQuery {
  from: string;
  to: string;
}

export function getKpis(period: PeriodQuery, groupBy?: GroupBy, signal?: AbortSignal): Promise<KpiAnswer> {
  const query: Query = { from: period.from, to: period.to };
  if (groupBy) query.group_by = groupBy;
  return request<KpiAnswer>('GET', `${base}/analytics/kpis`, { query, signal });
}

export interface DrillQuery extends PeriodQuery {
  kpi: string;
  group_by?: string;
  group?: string;
  limit?: number;
  /** With hour: only the complaints received in that heat-map cell, local in utc_offset (±HH:MM). */
  weekday?: string;
  hour?: number;
  utc_offset?: string;
}

export function drillKpi(q: DrillQuery, signal?: AbortSignal): Promise<DrillAnswer> {
  const query: Query = {};
  for (const [key, value] of Object.entries(q)) if (value !== undefined && value !== '') query[key] = value;
  return request<DrillAnswer>('GET', `${base}/analytics/kpis/drill`, { query, signal });
}

export function getForecast(horizon: number, ahtMinutes?: number, signal?: AbortSignal): Promise<ForecastAnswer> {
  const query: Query = { horizon };
  if (ahtMinutes && ahtMinutes > 0) query.aht_minutes = ahtMinutes;
  return request<ForecastAnswer>('GET', `${base}/analytics/forecast`, { query, signal });
}
