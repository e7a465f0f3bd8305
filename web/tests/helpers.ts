// Test helpers: a scripted fetch, and a mounted app context (i18n + memory router).
import { vi } from 'vitest';
import { createMemoryHistory, type Router } from 'vue-router';
import { makeI18n, type Locale } from '../src/i18n';
import { makeRouter } from '../src/router';
import type { Complaint } from '../src/api/types';

export interface Call {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
  credentials?: RequestCredentials;
}

export type Reply = { status?: number; body?: unknown; headers?: Record<string, string> };

/** Replaces fetch; `handler` answers each call. Returns the list of calls made. */
export function scriptFetch(handler: (call: Call) => Reply | Promise<Reply>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
    const call: Call = {
      method: (init.method ?? 'GET').toUpperCase(),
      url: new URL(input, 'http://heed.test'),
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
    };
    calls.push(call);
    const reply = await handler(call);
    const status = reply.status ?? 200;
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    return new Response(status === 204 ? null : text, {
      status,
      headers: { 'Content-Type': 'application/json', ...(reply.headers ?? {}) },
    });
  });
  return calls;
}

export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

export function testI18n(locale: Locale = 'en') {
  return makeI18n(locale);
}

export function testRouter(): Router {
  return makeRouter(createMemoryHistory());
}

let nextId = 1;
export function complaint(overrides: Partial<Complaint> = {}): Complaint {
  const id = overrides.id ?? nextId++;
  return {
    id,
    number: `TS202611${String(id).padStart(6, '0')}`,
    status: 'in_progress',
    channel: 'phone',
    service_type: 'complaint',
    subject: `Subject ${id}`,
    description: `Description ${id}`,
    customer: { name: `Customer ${id}`, phone: '13800001111', email: '', external_id: '', tier: 'regular' },
    occurred_at: null,
    location: '',
    order_ref: '',
    product_ref: '',
    people_involved: '',
    amount_in_dispute: null,
    remedy_sought: '',
    attachments: [],
    category: '物流配送',
    subcategory: '',
    tags: [],
    nature: '',
    urgency: 'general',
    difficulty: null,
    severity: null,
    service_stage: null,
    sentiment_score: null,
    emotion_intensity: null,
    risk_flags: [],
    confidence: null,
    field_sources: {},
    assignee: 'agent',
    team: '',
    department: '',
    received_at: '2026-11-20T08:00:00.000Z',
    acknowledged_at: '2026-11-20T08:00:00.000Z',
    first_response_at: null,
    first_response_due: '2026-11-21T08:00:00.000Z',
    resolution_due: '2026-11-22T08:00:00.000Z',
    resolved_at: null,
    closed_at: null,
    updated_at: '2026-11-20T08:00:00.000Z',
    resolution_summary: '',
    rejection_reason: '',
    compensation: '',
    customer_acceptance: null,
    links: { duplicate_of: null, merged_into: null, repeat_of: null, incident_cluster: '' },
    source_ref: '',
    attributes: {},
    version: 1,
    ...overrides,
  };
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
