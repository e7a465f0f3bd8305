import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { setCsrfToken } from '../src/api/client';
import type { Complaint } from '../src/api/types';
import WorkflowPanel from '../src/components/WorkflowPanel.vue';
import { session } from '../src/session/session';
import { complaint, errorBody, scriptFetch, testI18n, testRouter, type Call, type Reply } from './helpers';

const Root = defineComponent({ render: () => h(RouterView) });

async function mountComplaint(id: number, locale: 'en' | 'zh-CN' = 'en') {
  const router = testRouter();
  await router.push(`/complaints/${id}`);
  await router.isReady();
  const wrapper = mount(Root, { global: { plugins: [testI18n(locale), router] }, attachTo: document.body });
  await vi.dynamicImportSettled();
  await flushPromises();
  await vi.waitFor(() => expect(wrapper.find('[data-test=number]').exists()).toBe(true));
  return wrapper;
}

/** A small in-memory server for one complaint. */
function fakeServer(record: Complaint, override?: (call: Call) => Reply | undefined) {
  const messages = [{ id: 1, complaint_id: record.id, direction: 'inbound', body: '东西坏了', author: 'customer',
                      author_role: 'customer', created_at: '2026-11-20T09:00:00.000Z' }];
  const events = [
    { id: 1, complaint_id: record.id, kind: 'created', field: '', before: '', after: record.number, note: '',
      actor: 'customer:web', actor_role: 'customer', at: '2026-11-20T08:00:00.000Z' },
    { id: 2, complaint_id: record.id, kind: 'status_changed', field: 'status', before: 'assigned', after: 'in_progress',
      note: '', actor: 'agent', actor_role: 'agent', at: '2026-11-20T10:00:00.000Z' },
  ];
  return scriptFetch((call) => {
    const custom = override?.(call);
    if (custom) return custom;
    const path = call.url.pathname;
    if (path.endsWith('/messages') && call.method === 'GET') return { body: { items: messages } };
    if (path.endsWith('/messages')) {
      const body = call.body as { direction: string; body: string };
      const m = { id: messages.length + 1, complaint_id: record.id, ...body, author: 'agent', author_role: 'agent',
                  created_at: '2026-11-20T11:00:00.000Z' };
      messages.push(m as (typeof messages)[number]);
      return { status: 201, body: m };
    }
    if (path.endsWith('/events')) return { body: { items: events } };
    return { body: record };
  });
}

beforeEach(() => {
  session.user = { username: 'agent', role: 'agent', team: '', tenant: 'default' };
  session.checked = true;
  setCsrfToken('csrf-1');
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('ComplaintView', () => {
  it('shows the record, the contact details as given, and the merged timeline', async () => {
    const record = complaint({ id: 5, subject: 'Broken kettle', amount_in_dispute: { amount: 199, currency: 'CNY' },
                               customer: { name: '李雷', phone: '138****1234', email: '', external_id: '', tier: 'vip' } });
    fakeServer(record);
    const wrapper = await mountComplaint(5);
    expect(wrapper.find('[data-test=subject]').text()).toBe('Broken kettle');
    expect(wrapper.find('[data-test=customer-phone]').text()).toBe('138****1234');
    expect(wrapper.find('[data-test=customer]').text()).toContain('VIP');
    expect(wrapper.find('[data-test=amount]').text()).toBe('CN¥199.00');
    const kinds = wrapper.findAll('.timeline li').map((li) => li.attributes('data-kind'));
    expect(kinds).toEqual(['created', 'inbound', 'status_changed']);
    expect(wrapper.find('[data-test=reveal]').exists()).toBe(true);
  });

  it('posts a reply with the CSRF token and shows it in the timeline', async () => {
    const calls = fakeServer(complaint({ id: 6 }));
    const wrapper = await mountComplaint(6);
    await wrapper.find('#compose-body').setValue('我们已安排换货');
    await wrapper.find('[data-test=compose]').trigger('submit');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ direction: 'outbound', body: '我们已安排换货' });
    expect(post?.headers['x-csrf-token']).toBe('csrf-1');
    await vi.waitFor(() => expect(wrapper.find('.timeline li[data-kind=outbound]').text()).toContain('我们已安排换货'));
  });

  it('tells the user about a 409 on edit and reloads the complaint', async () => {
    let version = 3;
    const record = () => complaint({ id: 7, version, location: version > 3 ? 'Changed by someone' : '' });
    const calls = scriptFetch((call) => {
      if (call.method === 'PATCH') {
        version = 4; // someone else saved first
        return { status: 409, body: errorBody('conflict', 'complaint was changed by someone else (version 4); reload and retry', { field: 'version' }) };
      }
      if (/\/(messages|events)$/.test(call.url.pathname)) return { body: { items: [] } };
      return { body: record() };
    });
    const wrapper = await mountComplaint(7);
    await wrapper.find('[data-test=edit]').trigger('click');
    await wrapper.find('#edit-subject').setValue('New subject');
    await wrapper.find('[data-test=edit-form] form').trigger('submit');
    await flushPromises();
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({ version: 3, subject: 'New subject' });
    expect(patch?.headers['x-csrf-token']).toBe('csrf-1');
    await vi.waitFor(() => expect(wrapper.find('[data-test=notice]').text()).toContain('Someone else changed this complaint'));
    await vi.waitFor(() => expect(wrapper.find('[data-test=version]').text()).toBe('4'));
    expect(wrapper.text()).toContain('Changed by someone');
    expect(wrapper.find('[data-test=edit-form]').exists()).toBe(false);
  });
});

describe('WorkflowPanel', () => {
  it('offers the steps of the table for the role', () => {
    const wrapper = mount(WorkflowPanel, {
      props: { complaint: complaint({ status: 'in_progress' }), role: 'agent', username: 'agent' },
      global: { plugins: [testI18n('en')] },
    });
    expect(wrapper.findAll('[data-step]').map((b) => b.attributes('data-step')))
      .toEqual(['merged', 'waiting_customer', 'waiting_department', 'resolved']);
  });

  it('asks for a resolution summary and sends the step with the version', async () => {
    const calls = scriptFetch(() => ({ body: complaint({ id: 9, status: 'resolved', version: 6 }) }));
    const wrapper = mount(WorkflowPanel, {
      props: { complaint: complaint({ id: 9, status: 'in_progress', version: 5 }), role: 'agent', username: 'agent' },
      global: { plugins: [testI18n('en')] },
    });
    await wrapper.find('[data-step=resolved]').trigger('click');
    await wrapper.find('#step-resolution').setValue('Refunded in full');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls[0].url.pathname).toBe('/api/v1/complaints/9/transitions');
    expect(calls[0].body).toEqual({ to: 'resolved', version: 5, resolution_summary: 'Refunded in full' });
    expect(wrapper.emitted('changed')?.[0]?.[0]).toMatchObject({ status: 'resolved' });
  });

  it('shows what the server allows after a 422', async () => {
    scriptFetch(() => ({
      status: 422,
      body: errorBody('illegal_transition', 'no transition from waiting_customer to resolved',
                      { field: 'status', allowed: ['in_progress'] }),
    }));
    const wrapper = mount(WorkflowPanel, {
      // The page still shows in_progress, but the complaint moved on meanwhile.
      props: { complaint: complaint({ status: 'in_progress', resolution_summary: 'done' }), role: 'agent', username: 'agent' },
      global: { plugins: [testI18n('en')] },
    });
    await wrapper.find('[data-step=waiting_customer]').trigger('click');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=workflow-error]').text()).toContain('no transition from waiting_customer to resolved');
    expect(wrapper.find('[data-test=workflow-error]').text()).toContain('Possible from here: In progress');
    expect(wrapper.findAll('[data-step]').map((b) => b.attributes('data-step'))).toEqual(['in_progress']);
  });
});
