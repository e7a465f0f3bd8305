import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { setCsrfToken } from '../src/api/client';
import type { SolutionTemplate } from '../src/api/resolution';
import LinksPanel from '../src/components/resolution/LinksPanel.vue';
import ResolutionPanel from '../src/components/resolution/ResolutionPanel.vue';
import SurveyPanel from '../src/components/resolution/SurveyPanel.vue';
import { parseComplaintId, parseComplaintRef, templateStats } from '../src/components/resolution/resolution';
import { complaint, errorBody, scriptFetch, testI18n, testRouter, type Call, type Reply } from './helpers';

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.unstubAllGlobals();
});
beforeEach(() => setCsrfToken('csrf-9'));

function template(overrides: Partial<SolutionTemplate> = {}): SolutionTemplate {
  return {
    id: 3, name: '物流延误致歉与加急', category: '物流配送', body_zh: '尊敬的{customer_name}：…', body_en: 'Dear {customer_name}, …',
    active: true, placeholders: ['customer_name'], version: 2, created_by: 'lead', created_at: '2026-11-01T00:00:00Z',
    updated_by: 'lead', updated_at: '2026-11-01T00:00:00Z',
    stats: { uses: 40, replies: 28, resolutions: 12, resolved_complaints: 12, csat: { mean: 4.5, n: 6 }, last_used_at: null },
    ...overrides,
  };
}

async function mountWith<T>(component: T, props: Record<string, unknown>, locale: 'en' | 'zh-CN' = 'en') {
  const router = testRouter();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const wrapper = mount(component as any, { props, global: { plugins: [testI18n(locale), router] } });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

describe('resolution helpers', () => {
  it('states a template’s use and satisfaction', () => {
    const t = (key: string, p: Record<string, unknown> = {}) => `${key}:${JSON.stringify(p)}`;
    expect(templateStats(template(), t, 'en'))
      .toBe('resolution.stats.used:{"uses":"40","resolutions":"12"} · resolution.stats.csat:{"mean":"4.50","n":"6"}');
    expect(templateStats(template({ stats: { uses: 0, replies: 0, resolutions: 0, resolved_complaints: 0,
      csat: { mean: null, n: 0 }, last_used_at: null } }), t, 'en')).toContain('resolution.stats.noCsat');
  });
  it('reads a complaint id as typed', () => {
    expect(parseComplaintId(' 42 ')).toBe(42);
    expect(parseComplaintId('#7')).toBe(7);
    expect(parseComplaintId('TS202611000042')).toBeNull();
    expect(parseComplaintId('0')).toBeNull();
    expect(parseComplaintId('')).toBeNull();
  });
  it('reads a complaint number or an id as typed', () => {
    expect(parseComplaintRef(' TS202611000123 ')).toEqual({ number: 'TS202611000123' });
    expect(parseComplaintRef('ts202611000123')).toEqual({ number: 'TS202611000123' });
    expect(parseComplaintRef('TS2026110001234')).toEqual({ number: 'TS2026110001234' });
    expect(parseComplaintRef('#42')).toEqual({ id: 42 });
    expect(parseComplaintRef('TS2026')).toBeNull();
    expect(parseComplaintRef('TS 202611000123')).toBeNull();
    expect(parseComplaintRef('XX202611000123')).toBeNull();
    expect(parseComplaintRef('')).toBeNull();
  });
});

describe('ResolutionPanel', () => {
  function server(apply: (call: Call) => Reply = (call) => ({ body: {
    use: { id: 1, template_id: 3, complaint_id: 7, as: (call.body as { as: string }).as, actor: 'agent', at: '' },
    text: (call.body as { text: string }).text, language: 'zh',
    complaint: complaint({ id: 7, version: 6, status: (call.body as { as: string }).as === 'resolution' ? 'resolved' : 'in_progress' }),
    message: null } }),
  ) {
    return scriptFetch((call) => {
      const path = call.url.pathname;
      if (path === '/api/v1/complaints/7/suggestions') {
        return { body: { complaint_id: 7, candidates_weighed: 120, templates: [{ ...template(), same_category: true }],
          similar: [{ id: 55, number: 'TS202610000055', status: 'closed', subject: '快递延误', category: '物流配送', product: 'P1',
            resolution_summary: '补发并赠送优惠券', resolved_at: '2026-10-10T00:00:00Z', csat: 5, customer_acceptance: 'accepted',
            similarity: 0.62, same_category: true, same_product: true, score: 0.72 }] } };
      }
      if (path === '/api/v1/templates/3/render') {
        const language = (call.body as { language?: string }).language ?? 'zh';
        return { body: { template_id: 3, complaint_id: 7, language, missing: ['order'],
          text: language === 'en' ? 'Dear Wang, about order {order} …' : '尊敬的王先生：关于订单{order}…' } };
      }
      if (path === '/api/v1/templates/3/apply') return apply(call);
      return { status: 404, body: errorBody('not_found', 'no') };
    });
  }

  it('shows the suggested templates with their statistics and the similar resolved complaints', async () => {
    server();
    const wrapper = await mountWith(ResolutionPanel, { complaint: complaint({ id: 7, version: 5 }) });
    const tpl = wrapper.find('[data-test=suggested-template]');
    expect(tpl.text()).toContain('物流延误致歉与加急');
    expect(tpl.find('[data-test=template-stats]').text()).toBe('Used 40 times (12 resolutions) · CSAT 4.50 from 6 answers');
    const similar = wrapper.find('[data-test=similar]');
    expect(similar.find('a').attributes('href')).toBe('/complaints/55');
    expect(similar.text()).toContain('62%');
    expect(similar.text()).toContain('Same product');
    expect(similar.find('[data-test=similar-resolution]').text()).toContain('补发并赠送优惠券');
  });

  it('renders a template in the customer’s language, warns of a missing value, and sends the edited text as a reply', async () => {
    const calls = server();
    const wrapper = await mountWith(ResolutionPanel, { complaint: complaint({ id: 7, version: 5 }) });
    await wrapper.find('[data-test=use-template]').trigger('click');
    await flushPromises();
    const render = calls.find((c) => c.url.pathname.endsWith('/render'))!;
    expect(render.body).toEqual({ complaint_id: 7 });
    expect(render.headers['x-csrf-token']).toBe('csrf-9');
    const box = wrapper.find<HTMLTextAreaElement>('[data-test=template-text]');
    expect(box.element.value).toBe('尊敬的王先生：关于订单{order}…');
    expect(wrapper.find('[data-test=missing]').text()).toContain('{order}');
    // Another language renders it again.
    await wrapper.find('[data-test=render-language]').setValue('en');
    await flushPromises();
    expect(calls.filter((c) => c.url.pathname.endsWith('/render')).slice(-1)[0].body).toEqual({ complaint_id: 7, language: 'en' });
    expect(box.element.value).toBe('Dear Wang, about order {order} …');
    await box.setValue('Dear Wang, about order DD1 …');
    expect(wrapper.find('[data-test=missing]').exists()).toBe(false);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const apply = calls.filter((c) => c.url.pathname.endsWith('/apply'));
    expect(apply).toHaveLength(1);
    expect(apply[0].body).toEqual({ complaint_id: 7, as: 'reply', text: 'Dear Wang, about order DD1 …', version: 5 });
    expect(wrapper.find('[data-test=resolution-notice]').text()).toBe('Reply sent with “物流延误致歉与加急”.');
    const changed = wrapper.emitted('changed') as unknown[][];
    expect(changed).toHaveLength(1);
    expect(wrapper.find('[data-test=template-text]').exists()).toBe(false);
  });

  it('resolves with the text, shows a refusal as given, and passes a 409 to the page', async () => {
    let answer: Reply = { status: 422, body: errorBody('invalid_transition', 'cannot go from new to resolved', { allowed: ['assigned'] }) };
    const calls = server(() => answer);
    const wrapper = await mountWith(ResolutionPanel, { complaint: complaint({ id: 7, version: 5, status: 'new' }) });
    await wrapper.find('[data-test=use-template]').trigger('click');
    await flushPromises();
    await wrapper.find('[data-test=apply-resolution]').trigger('click');
    await flushPromises();
    expect(calls.filter((c) => c.url.pathname.endsWith('/apply'))[0].body).toMatchObject({ as: 'resolution', version: 5 });
    expect(wrapper.find('[data-test=resolution-error]').text()).toBe('cannot go from new to resolved');
    answer = { status: 409, body: errorBody('conflict', 'changed') };
    await wrapper.find('[data-test=apply-resolution]').trigger('click');
    await flushPromises();
    expect(wrapper.emitted('conflict')).toHaveLength(1);
  });

  it('is in Chinese when the interface is', async () => {
    server();
    const wrapper = await mountWith(ResolutionPanel, { complaint: complaint({ id: 7 }) }, 'zh-CN');
    expect(wrapper.find('h2').text()).toBe('解决方案工作区');
    expect(wrapper.find('[data-test=template-stats]').text()).toBe('已使用 40 次（12 次用于解决） · 满意度 4.50（6 份回答）');
  });
});

describe('LinksPanel', () => {
  function server(extra: (call: Call) => Reply | null = () => null) {
    return scriptFetch((call) => {
      const special = extra(call);
      if (special) return special;
      if (call.url.pathname === '/api/v1/complaints/7/links' && call.method === 'GET') {
        return { body: { complaint_id: 7, merged_into: null,
          related: [{ id: 9, number: 'TS202611000009', status: 'in_progress', subject: '同一订单', category: '', received_at: '',
            reason: '同一订单 DD1', by: 'lead', at: '2026-11-20T08:00:00Z' }],
          merged_from: [{ id: 11, number: 'TS202611000011', status: 'merged', subject: '重复', category: '', received_at: '',
            customer_name: '李雷', messages: 2 }] } };
      }
      return { body: complaint({ id: 7, version: 6 }) };
    });
  }

  it('lists the related complaints and the duplicates merged in', async () => {
    server();
    const wrapper = await mountWith(LinksPanel, { complaint: complaint({ id: 7, version: 5 }), canEdit: true });
    const related = wrapper.find('[data-test=related]');
    expect(related.find('a').attributes('href')).toBe('/complaints/9');
    expect(related.text()).toContain('In progress');
    expect(related.text()).toContain('同一订单 DD1 — lead');
    expect(wrapper.find('[data-test=merged-from]').text()).toContain('李雷, 2 messages');
  });

  it('links another complaint by id with a reason, refusing what is neither an id nor a number, or no reason, first', async () => {
    const calls = server();
    const wrapper = await mountWith(LinksPanel, { complaint: complaint({ id: 7, version: 5 }), canEdit: true });
    await wrapper.find('[data-test=link-open]').trigger('click');
    await wrapper.find('[data-test=link-other]').setValue('TS2026-11');
    await wrapper.find('.link-form').trigger('submit');
    expect(wrapper.find('[data-test=links-error]').text()).toBe('Enter a complaint number (TS followed by digits) or id (digits).');
    await wrapper.find('[data-test=link-other]').setValue('#12');
    await wrapper.find('.link-form').trigger('submit');
    expect(wrapper.find('[data-test=links-error]').text()).toBe('A reason is required.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await wrapper.find('[data-test=link-reason]').setValue('同一批次');
    await wrapper.find('.link-form').trigger('submit');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/complaints/7/links');
    expect(post.body).toEqual({ complaint_id: 12, reason: '同一批次' });
    expect(post.headers['x-csrf-token']).toBe('csrf-9');
    expect(wrapper.find('[data-test=links-notice]').text()).toBe('Linked to #12.');
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('links and merges by complaint number, looked up in the list first', async () => {
    const calls = scriptFetch((call) => {
      if (call.url.pathname === '/api/v1/complaints' && call.method === 'GET') {
        const number = call.url.searchParams.get('number');
        return { body: { items: number === 'TS202611000012' ? [complaint({ id: 12 })] : [], next_cursor: null } };
      }
      if (call.url.pathname === '/api/v1/complaints/7/links' && call.method === 'GET') {
        return { body: { complaint_id: 7, merged_into: null, related: [], merged_from: [] } };
      }
      return { body: complaint({ id: 7, version: 6 }) };
    });
    const wrapper = await mountWith(LinksPanel, { complaint: complaint({ id: 7, version: 5, status: 'assigned' }), canEdit: true });
    await wrapper.find('[data-test=link-open]').trigger('click');
    await wrapper.find('[data-test=link-other]').setValue('ts202611000099');
    await wrapper.find('[data-test=link-reason]').setValue('同一订单');
    await wrapper.find('.link-form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=links-error]').text()).toBe('There is no complaint TS202611000099 that you can see.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await wrapper.find('[data-test=link-other]').setValue(' TS202611000012 ');
    await wrapper.find('.link-form').trigger('submit');
    await flushPromises();
    const lookups = calls.filter((c) => c.url.pathname === '/api/v1/complaints');
    expect(lookups.map((c) => c.url.searchParams.get('number'))).toEqual(['TS202611000099', 'TS202611000012']);
    expect(lookups[1].url.searchParams.get('limit')).toBe('1');
    const link = calls.find((c) => c.method === 'POST')!;
    expect(link.url.pathname).toBe('/api/v1/complaints/7/links');
    expect(link.body).toEqual({ complaint_id: 12, reason: '同一订单' });
    expect(wrapper.find('[data-test=links-notice]').text()).toBe('Linked to TS202611000012 (#12).');

    await wrapper.find('[data-test=merge-open]').trigger('click');
    await wrapper.find('[data-test=link-other]').setValue('TS202611000012');
    await wrapper.find('[data-test=link-reason]').setValue('重复提交');
    await wrapper.find('.link-form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=merge-confirm]').text()).toContain('TS202611000012 (#12)');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    await wrapper.find('.link-form').trigger('submit');
    await flushPromises();
    const merge = calls.filter((c) => c.method === 'POST')[1];
    expect(merge.url.pathname).toBe('/api/v1/complaints/7/merge');
    expect(merge.body).toEqual({ into: 12, reason: '重复提交', version: 5 });
    expect(wrapper.find('[data-test=links-notice]').text()).toBe('Merged into TS202611000012 (#12).');
  });

  it('unlinks with a reason', async () => {
    const calls = server();
    const wrapper = await mountWith(LinksPanel, { complaint: complaint({ id: 7 }), canEdit: true });
    await wrapper.find('[data-test=unlink]').trigger('click');
    await wrapper.find('[data-test=unlink-reason]').setValue('不是同一订单');
    await wrapper.find('[data-test=related] form').trigger('submit');
    await flushPromises();
    const del = calls.filter((c) => c.method === 'DELETE');
    expect(del).toHaveLength(1);
    expect(del[0].url.pathname).toBe('/api/v1/complaints/7/links/9');
    expect(del[0].body).toEqual({ reason: '不是同一订单' });
  });

  it('merges only after confirming, with the version, and shows the server’s refusal', async () => {
    const calls = server((call) => (call.url.pathname.endsWith('/merge')
      ? { status: 400, body: errorBody('invalid_argument', 'the primary is merged itself', { field: 'into' }) } : null));
    const wrapper = await mountWith(LinksPanel, { complaint: complaint({ id: 7, version: 5, status: 'assigned' }), canEdit: true });
    await wrapper.find('[data-test=merge-open]').trigger('click');
    await wrapper.find('[data-test=link-other]').setValue('12');
    await wrapper.find('[data-test=link-reason]').setValue('重复提交');
    await wrapper.find('.link-form').trigger('submit');
    expect(wrapper.find('[data-test=merge-confirm]').text()).toContain('#12');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await wrapper.find('.link-form').trigger('submit');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/complaints/7/merge');
    expect(post.body).toEqual({ into: 12, reason: '重复提交', version: 5 });
    expect(wrapper.find('[data-test=links-error]').text()).toBe('the primary is merged itself');
  });

  it('offers no merge once resolved and no forms to those who may not edit', async () => {
    server();
    const resolved = await mountWith(LinksPanel, { complaint: complaint({ id: 7, status: 'resolved' }), canEdit: true });
    expect(resolved.find('[data-test=merge-open]').exists()).toBe(false);
    expect(resolved.find('[data-test=link-open]').exists()).toBe(true);
    const reader = await mountWith(LinksPanel, { complaint: complaint({ id: 7 }), canEdit: false });
    expect(reader.find('[data-test=link-open]').exists()).toBe(false);
    expect(reader.find('[data-test=unlink]').exists()).toBe(false);
  });
});

describe('SurveyPanel', () => {
  it('sends a survey and shows the customer’s link; lists answered surveys', async () => {
    let surveys: unknown[] = [{ id: 1, complaint_id: 7, number: 'TS1', language: 'zh', created_at: '2026-11-01T00:00:00Z',
      created_by: 'agent', expires_at: '2026-11-15T00:00:00Z', url: '', answered_at: '2026-11-02T00:00:00Z',
      answer: { csat: 4, nps: 8, effort: null, comment: '' } }];
    const calls = scriptFetch((call) => {
      if (call.method === 'POST') {
        const made = { id: 2, complaint_id: 7, number: 'TS1', language: 'en', created_at: '2026-11-23T00:00:00Z', created_by: 'lead',
          expires_at: '2026-12-07T00:00:00Z', url: '/s/default.2.123.abc', answered_at: null, answer: null };
        surveys = [...surveys, made];
        return { status: 201, body: made };
      }
      return { body: { items: surveys } };
    });
    const wrapper = await mountWith(SurveyPanel, { complaint: complaint({ id: 7 }), canSend: true });
    expect(calls[0].url.searchParams.get('complaint_id')).toBe('7');
    expect(wrapper.find('[data-test=survey-answer]').text()).toBe('answered, CSAT 4');
    await wrapper.find('[data-test=send-survey]').trigger('click');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ complaint_id: 7 });
    expect(post.headers['x-csrf-token']).toBe('csrf-9');
    const url = wrapper.find<HTMLInputElement>('[data-test=survey-url]').element.value;
    expect(url).toBe(new URL('/s/default.2.123.abc', window.location.origin).toString());
    expect(wrapper.find('[data-test=survey-sent]').text()).toContain('English');
    expect(wrapper.findAll('[data-test=survey]')).toHaveLength(2);
  });

  it('shows the server’s refusal', async () => {
    scriptFetch((call) => (call.method === 'POST'
      ? { status: 403, body: errorBody('forbidden', 'analysts do not send surveys') } : { body: { items: [] } }));
    const wrapper = await mountWith(SurveyPanel, { complaint: complaint({ id: 7 }), canSend: true });
    await wrapper.find('[data-test=send-survey]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test=survey-error]').text()).toBe('analysts do not send surveys');
  });
});

describe('Linking a similar complaint', () => {
  it('offers each similar complaint for linking, and the links form opens with its id', async () => {
    scriptFetch((call) => {
      if (call.url.pathname.endsWith('/suggestions')) {
        return { body: { complaint_id: 7, candidates_weighed: 1, templates: [], similar: [{ id: 55, number: 'TS202610000055',
          status: 'closed', subject: 's', category: '', product: '', resolution_summary: 'r', resolved_at: null, csat: null,
          customer_acceptance: null, similarity: 0.3, same_category: true, same_product: false, score: 0.3 }] } };
      }
      return { body: { complaint_id: 7, related: [], merged_from: [], merged_into: null } };
    });
    const panel = await mountWith(ResolutionPanel, { complaint: complaint({ id: 7 }) });
    await panel.find('[data-test=similar-link]').trigger('click');
    expect(panel.emitted('link')).toEqual([[55]]);
    const links = await mountWith(LinksPanel, { complaint: complaint({ id: 7 }), canEdit: true, prefill: null });
    expect(links.find('[data-test=link-other]').exists()).toBe(false);
    await links.setProps({ prefill: { id: 55 } });
    await flushPromises();
    expect(links.find<HTMLInputElement>('[data-test=link-other]').element.value).toBe('55');
  });
});
