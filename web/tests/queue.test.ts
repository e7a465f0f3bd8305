import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { session } from '../src/session/session';
import { complaint, scriptFetch, testI18n, testRouter } from './helpers';

const Root = defineComponent({ render: () => h(RouterView) });

async function mountAt(path: string, locale: 'en' | 'zh-CN' = 'en') {
  const router = testRouter();
  await router.push(path);
  await router.isReady();
  const wrapper = mount(Root, { global: { plugins: [testI18n(locale), router] }, attachTo: document.body });
  await flushPromises();
  await vi.dynamicImportSettled();
  await flushPromises();
  return { wrapper, router };
}

beforeEach(() => {
  session.user = { username: 'agent', role: 'agent', team: '', tenant: 'default' };
  session.checked = true;
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('QueueView', () => {
  it('renders the first page and appends the next one on "Load more"', async () => {
    const first = [complaint({ id: 101, subject: '快递一直没到' }), complaint({ id: 102, subject: 'Charged twice' })];
    const second = [complaint({ id: 103, subject: 'Rude driver' })];
    const calls = scriptFetch((call) => (call.url.searchParams.get('cursor') === 'c2'
      ? { body: { items: second, next_cursor: null } }
      : { body: { items: first, next_cursor: 'c2' } }));

    const { wrapper } = await mountAt('/queue/open');
    let rows = wrapper.findAll('tbody tr');
    expect(rows.map((r) => r.attributes('data-id'))).toEqual(['101', '102']);
    expect(rows[0].text()).toContain('快递一直没到');
    expect(rows[0].text()).toContain('In progress');
    expect(wrapper.find('[data-test=count]').text()).toBe('2 shown');

    await wrapper.find('[data-test=load-more]').trigger('click');
    await flushPromises();
    rows = wrapper.findAll('tbody tr');
    expect(rows.map((r) => r.attributes('data-id'))).toEqual(['101', '102', '103']);
    expect(wrapper.find('[data-test=load-more]').exists()).toBe(false);
    expect(calls).toHaveLength(2);
    expect(calls[1].url.searchParams.get('cursor')).toBe('c2');
    // The next page keeps the same filters.
    expect(calls[1].url.searchParams.get('status')).toBe(calls[0].url.searchParams.get('status'));
  });

  it('asks for my open complaints in "Mine" and unassigned ones in "Unassigned"', async () => {
    const calls = scriptFetch(() => ({ body: { items: [], next_cursor: null } }));
    const { router } = await mountAt('/queue/mine');
    expect(calls[0].url.searchParams.get('assignee')).toBe('agent');
    expect(calls[0].url.searchParams.get('status')?.split(',')).toContain('waiting_customer');
    expect(calls[0].url.searchParams.get('status')?.split(',')).not.toContain('closed');
    await router.push('/queue/unassigned');
    await flushPromises();
    const last = calls[calls.length - 1];
    expect(last.url.searchParams.has('assignee')).toBe(true);
    expect(last.url.searchParams.get('assignee')).toBe('');
    await router.push('/queue/due');
    await flushPromises();
    expect(calls[calls.length - 1].url.searchParams.get('sort')).toBe('due_asc');
  });

  it('sends filters and the search text from the URL', async () => {
    const calls = scriptFetch(() => ({ body: { items: [], next_cursor: null } }));
    const { wrapper } = await mountAt('/queue/open?status=any&channel=phone&category=%E7%89%A9%E6%B5%81%E9%85%8D%E9%80%81&q=%E7%89%A9%E6%B5%81');
    const params = calls[0].url.searchParams;
    expect(params.has('status')).toBe(false);
    expect(params.get('channel')).toBe('phone');
    expect(params.get('category')).toBe('物流配送');
    expect(params.get('q')).toBe('物流');
    expect(wrapper.find('[data-test=empty]').exists()).toBe(true);
  });

  it('shows the API error message', async () => {
    scriptFetch(() => ({ status: 400, body: { error: { code: 'invalid_argument', message: 'unknown parameter foo', field: 'foo' } } }));
    const { wrapper } = await mountAt('/queue/open');
    expect(wrapper.find('[role=alert]').text()).toContain('unknown parameter foo');
  });

  it('moves with j and k and opens with Enter', async () => {
    const items = [complaint({ id: 201 }), complaint({ id: 202 }), complaint({ id: 203 })];
    scriptFetch((call) => {
      if (call.url.pathname === '/api/v1/complaints') return { body: { items, next_cursor: null } };
      if (/\/(messages|events)$/.test(call.url.pathname)) return { body: { items: [] } };
      return { body: items[1] };
    });
    const { installShortcuts } = await import('../src/composables/shortcuts');
    installShortcuts(document);
    const { wrapper, router } = await mountAt('/queue/open');
    const press = (key: string) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    press('j');
    press('j');
    press('k');
    press('j');
    await flushPromises();
    expect(wrapper.find('tr.selected').attributes('data-id')).toBe('202');
    (document.activeElement as HTMLElement)?.blur();
    press('Enter');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/complaints/202'));
    await vi.dynamicImportSettled();
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.find('[data-test=number]').text()).toBe(items[1].number));
  });

  it('speaks Chinese', async () => {
    scriptFetch(() => ({ body: { items: [complaint({ id: 301, status: 'waiting_customer', channel: 'wechat' })], next_cursor: null } }));
    const { wrapper } = await mountAt('/queue/open', 'zh-CN');
    const row = wrapper.find('tbody tr');
    expect(row.text()).toContain('等待客户');
    expect(row.text()).toContain('微信/社交媒体');
    expect(row.text()).toContain('物流配送');
    expect(wrapper.find('[data-test=count]').text()).toBe('已显示 1 条');
  });
});
