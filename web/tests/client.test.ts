import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, onUnauthorized, parseRetryAfter, request, setCsrfToken } from '../src/api/client';
import * as api from '../src/api/heed';
import { errorBody, scriptFetch } from './helpers';

beforeEach(() => {
  setCsrfToken(null);
  onUnauthorized(null);
});
afterEach(() => vi.unstubAllGlobals());

describe('API client', () => {
  it('sends the CSRF token on every unsafe method and never on GET', async () => {
    const calls = scriptFetch(() => ({ status: 200, body: {} }));
    setCsrfToken('tok-123');
    await request('GET', '/api/v1/complaints');
    await request('POST', '/api/v1/complaints/1/messages', { body: { direction: 'internal', body: 'x' } });
    await request('PATCH', '/api/v1/complaints/1', { body: { version: 1 } });
    await request('DELETE', '/api/v1/session');
    expect(calls.map((c) => [c.method, c.headers['x-csrf-token']])).toEqual([
      ['GET', undefined], ['POST', 'tok-123'], ['PATCH', 'tok-123'], ['DELETE', 'tok-123'],
    ]);
    expect(calls.every((c) => c.credentials === 'same-origin')).toBe(true);
    expect(calls[1].headers['content-type']).toBe('application/json');
  });

  it('takes the CSRF token from sign-in and uses it afterwards', async () => {
    const { signIn } = await import('../src/session/session');
    const calls = scriptFetch((call) => call.url.pathname === '/api/v1/session'
      ? { body: { user: { username: 'agent', role: 'agent', team: '', tenant: 'default' }, csrf_token: 'from-signin' } }
      : { body: {} });
    await signIn('default', 'agent', 'demo-password');
    await api.addMessage(7, 'outbound', 'hello');
    expect(calls[0].body).toEqual({ tenant: 'default', username: 'agent', password: 'demo-password' });
    expect(calls[1].headers['x-csrf-token']).toBe('from-signin');
  });

  it('reports a 401 to the handler so the app can go to the sign-in page', async () => {
    scriptFetch(() => ({ status: 401, body: errorBody('unauthenticated', 'sign in first') }));
    const handler = vi.fn();
    onUnauthorized(handler);
    await expect(api.getComplaint(1)).rejects.toMatchObject({ status: 401, message: 'sign in first' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('does not redirect when a wrong password answers 401', async () => {
    scriptFetch(() => ({ status: 401, body: errorBody('unauthenticated', 'wrong') }));
    const handler = vi.fn();
    onUnauthorized(handler);
    await expect(api.signIn('default', 'agent', 'nope')).rejects.toBeInstanceOf(ApiError);
    expect(handler).not.toHaveBeenCalled();
  });

  it('turns the error body into an ApiError with code, field and allowed', async () => {
    scriptFetch(() => ({
      status: 422,
      body: errorBody('illegal_transition', 'no transition from new to closed',
                      { field: 'status', allowed: ['triaged', 'assigned'] }),
    }));
    const error = await api.transition(1, { to: 'closed' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422, code: 'illegal_transition', message: 'no transition from new to closed',
      field: 'status', allowed: ['triaged', 'assigned'],
    });
  });

  it('reads Retry-After on 429', async () => {
    scriptFetch(() => ({ status: 429, body: errorBody('rate_limited', 'slow down'), headers: { 'Retry-After': '42' } }));
    await expect(api.signIn('default', 'agent', 'x')).rejects.toMatchObject({ status: 429, retryAfter: 42 });
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('survives a body that is not JSON', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(request('GET', '/x')).rejects.toMatchObject({ status: 502, message: 'Bad Gateway' });
  });

  it('marks network failures with status 0', async () => {
    vi.stubGlobal('fetch', async () => { throw new TypeError('Failed to fetch'); });
    await expect(request('GET', '/x')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('keeps an empty assignee (unassigned) but drops other empty filters', async () => {
    const calls = scriptFetch(() => ({ body: { items: [], next_cursor: null } }));
    await api.listComplaints({ assignee: '', q: '', status: 'new,triaged', limit: 50 });
    expect(calls[0].url.searchParams.has('assignee')).toBe(true);
    expect(calls[0].url.searchParams.get('assignee')).toBe('');
    expect(calls[0].url.searchParams.has('q')).toBe(false);
    expect(calls[0].url.searchParams.get('status')).toBe('new,triaged');
  });

  it('encodes query parameters, Chinese included', () => {
    expect(buildUrl('/api/v1/complaints', { q: '物流 慢', limit: 5, cursor: undefined }))
      .toBe('/api/v1/complaints?q=%E7%89%A9%E6%B5%81+%E6%85%A2&limit=5');
  });
});
