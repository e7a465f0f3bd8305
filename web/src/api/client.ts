// The one place that talks HTTP to the Heed API. Every call goes through `request`, which
//  - sends cookies same-origin (the session cookie is HttpOnly; the app never sees it),
//  - adds X-CSRF-Token to every unsafe method once a session gave us a token,
//  - turns every non-2xx answer into an ApiError carrying the API's error body,
//  - tells the registered handler about a 401 so the app can go to the sign-in page.

import type { ApiErrorBody } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly allowed?: string[];
  /** Seconds to wait, from Retry-After on a 429 (or 503). */
  readonly retryAfter?: number;

  constructor(status: number, code: string, message: string,
              extra: { field?: string; allowed?: string[]; retryAfter?: number } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = extra.field;
    this.allowed = extra.allowed;
    this.retryAfter = extra.retryAfter;
  }
}

const kSafeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Called on every 401 answer of a request that expects to be signed in. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** false for calls where 401 is an expected answer (signing in, session probe, public pages). */
  redirectOn401?: boolean;
  /** Non-2xx statuses whose body is an answer rather than an error (GET /audit/verify answers 409 with a report). */
  answerStatuses?: number[];
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const when = Date.parse(trimmed);
  if (Number.isNaN(when)) return undefined;
  return Math.max(0, Math.ceil((when - now) / 1000));
}

async function errorFrom(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  let body: ApiErrorBody | null = null;
  try {
    body = (await response.json()) as ApiErrorBody;
  } catch {
    body = null;
  }
  const error = body?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(response.status, error.code ?? 'unknown', error.message,
                        { field: error.field, allowed: error.allowed, retryAfter });
  }
  return new ApiError(response.status, 'http_' + response.status,
                      response.statusText || `HTTP ${response.status}`, { retryAfter });
}

/**
 * The ApiError of a failed answer outside `request` (streamed downloads); null for a network failure. A 401 is
 * reported to the registered handler as in `request`.
 */
export async function errorFromResponse(response: Response | null): Promise<ApiError> {
  if (!response) return new ApiError(0, 'network', 'network');
  const error = await errorFrom(response);
  if (response.status === 401 && unauthorizedHandler) unauthorizedHandler();
  return error;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const upper = method.toUpperCase();
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (!kSafeMethods.has(upper) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: upper,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'network');
  }

  if (!response.ok && !(options.answerStatuses ?? []).includes(response.status)) {
    const error = await errorFrom(response);
    if (response.status === 401 && options.redirectOn401 !== false && unauthorizedHandler) unauthorizedHandler();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
