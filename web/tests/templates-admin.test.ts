import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { setCsrfToken } from '../src/api/client';
import type { Role } from '../src/api/types';
import StaffLayout from '../src/components/StaffLayout.vue';
import { session } from '../src/session/session';
import { errorBody, scriptFetch, testI18n, testRouter, type Call, type Reply } from './helpers';

const mounted: VueWrapper[] = [];
const Root = defineComponent({ render: () => h(RouterView) });
function signInAs(role: Role) {
  session.user = { username: role, role, team: '', tenant: 'default' };
  session.checked = true;
}
const stats = (uses: number, mean: number | null, n: number) =>
  ({ uses, replies: uses - 1, resolutions: 1, resolved_complaints: 1, csat: { mean, n }, last_used_at: uses ? '2026-11-20T08:00:00Z' : null });
let items: Record<string, unknown>[] = [];
function reset() {
  items = [
    { id: 1, name: '丢件补发', category: '物流配送', body_zh: '尊敬的{customer_name}：…', body_en: '', active: true, version: 3,
      placeholders: ['customer_name'], created_by: 'lead', created_at: '', updated_by: 'lead', updated_at: '', stats: stats(17, 4.667, 6) },
    { id: 2, name: '通用致歉', category: '', body_zh: '', body_en: 'Dear {customer_name}', active: true, version: 1,
      placeholders: ['customer_name'], created_by: 'lead', created_at: '', updated_by: 'lead', updated_at: '', stats: stats(0, null, 0) },
  ];
}

function server(special: (call: Call) => Reply | null = () => null) {
  return scriptFetch((call) => {
    const s = special(call);
    if (s) return s;
    const path = call.url.pathname;
    if (path === '/api/v1/templates' && call.method === 'GET') {
      return { body: { items, placeholders: ['customer_name', 'number', 'order'] } };
    }
    if (path === '/api/v1/templates' && call.method === 'POST') {
      const made = { ...(call.body as object), id: 3, version: 1, placeholders: [], stats: stats(0, null, 0) };
      items = [...items, made];
      return { status: 201, body: made };
    }
    const m = path.match(/^\/api\/v1\/templates\/(\d+)$/);
    if (m && call.method === 'PUT') {
      const id = Number(m[1]);
      items = items.map((x) => (x.id === id ? { ...x, ...(call.body as object), version: (x.version as number) + 1 } : x));
      return { body: items.find((x) => x.id === id) };
    }
    if (m && call.method === 'DELETE') {
      items = items.filter((x) => x.id !== Number(m[1]));
      return { status: 204 };
    }
    return { status: 404, body: errorBody('not_found', 'no') };
  });
}

async function mountAt(path: string, locale: 'en' | 'zh-CN' = 'en') {
  const router = testRouter();
  await router.push(path);
  await router.isReady();
  const wrapper = mount(Root, { global: { plugins: [testI18n(locale), router] }, attachTo: document.body });
  mounted.push(wrapper);
  for (let i = 0; i < 3; i++) {
    await vi.dynamicImportSettled();
    await flushPromises();
  }
  return { wrapper, router };
}

beforeEach(() => {
  reset();
  setCsrfToken('csrf-t');
  signInAs('team_lead');
});
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('Solution templates administration', () => {
  it('lists the templates with use and CSAT', async () => {
    server();
    const { wrapper } = await mountAt('/admin/templates');
    const rows = wrapper.findAll('[data-test=templates-table] tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].text()).toContain('丢件补发');
    expect(rows[0].text()).toContain('Delivery');
    expect(rows[0].find('[data-test=uses]').text()).toBe('17');
    expect(rows[0].find('[data-test=csat]').text()).toBe('4.67 (n = 6)');
    expect(rows[1].text()).toContain('Any category');
    expect(rows[1].find('[data-test=csat]').text()).toBe('—');
    expect(rows[1].text()).toContain('never');
  });

  it('adds a template, showing the 422 reason at the body it concerns and keeping the form', async () => {
    let refuse = true;
    const calls = server((call) => (call.method === 'POST' && refuse
      ? { status: 422, body: errorBody('invalid_argument', 'unknown placeholder {customer}; known: {customer_name} {number} {order}', { field: 'body_zh' }) }
      : null));
    const { wrapper } = await mountAt('/admin/templates');
    await wrapper.find('[data-test=template-add]').trigger('click');
    expect(wrapper.find('[data-test=placeholder-help]').text()).toBe('Placeholders: {customer_name} {number} {order}; write {{ and }} for literal braces.');
    await wrapper.find('[data-test=template-form]').trigger('submit');
    expect(wrapper.find('[data-test=template-form-error]').text()).toBe('A name is required.');
    await wrapper.find('#tpl-name').setValue('价格差额退还');
    await wrapper.find('[data-test=template-form]').trigger('submit');
    expect(wrapper.find('[data-test=template-form-error]').text()).toBe('Write the Chinese text, the English text or both.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await wrapper.find('#tpl-category').setValue('价格争议');
    await wrapper.find('#tpl-zh').setValue('尊敬的{customer}：差价将退还。');
    await wrapper.find('[data-test=template-form]').trigger('submit');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ name: '价格差额退还', category: '价格争议', body_zh: '尊敬的{customer}：差价将退还。', body_en: '', active: true });
    expect(post.headers['x-csrf-token']).toBe('csrf-t');
    const error = wrapper.find('[data-test=template-form-error]');
    expect(error.attributes('data-field')).toBe('body_zh');
    expect(error.text()).toBe('Chinese text: unknown placeholder {customer}; known: {customer_name} {number} {order}');
    expect(wrapper.find('#tpl-zh').attributes('aria-invalid')).toBe('true');
    // Corrected, it is saved and listed.
    refuse = false;
    await wrapper.find('#tpl-zh').setValue('尊敬的{customer_name}：差价将退还。');
    await wrapper.find('[data-test=template-form]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=notice]').text()).toBe('Template “价格差额退还” saved.');
    expect(wrapper.find('[data-test=template-form]').exists()).toBe(false);
    expect(wrapper.findAll('[data-test=templates-table] tbody tr')).toHaveLength(3);
  });

  it('edits with the version; a 409 says so and takes the new version', async () => {
    let conflict = true;
    const calls = server((call) => {
      if (call.method !== 'PUT' || !conflict) return null;
      conflict = false;
      items = items.map((x) => (x.id === 1 ? { ...x, version: 4 } : x));
      return { status: 409, body: errorBody('conflict', 'stale') };
    });
    const { wrapper } = await mountAt('/admin/templates');
    await wrapper.find('tr[data-template="1"] [data-test=template-edit]').trigger('click');
    expect((wrapper.find('#tpl-name').element as HTMLInputElement).value).toBe('丢件补发');
    await wrapper.find('#tpl-en').setValue('Dear {customer_name}, we are sending it again.');
    await wrapper.find('[data-test=template-form]').trigger('submit');
    await flushPromises();
    expect(calls.filter((c) => c.method === 'PUT')[0].body).toMatchObject({ version: 3, body_en: 'Dear {customer_name}, we are sending it again.' });
    expect(wrapper.find('[data-test=template-form-error]').text()).toContain('Someone else changed');
    await wrapper.find('[data-test=template-form]').trigger('submit');
    await flushPromises();
    const second = calls.filter((c) => c.method === 'PUT')[1];
    expect(second.url.pathname).toBe('/api/v1/templates/1');
    expect(second.body).toMatchObject({ version: 4, name: '丢件补发', category: '物流配送', active: true });
    expect(wrapper.find('[data-test=notice]').text()).toBe('Template “丢件补发” saved.');
  });

  it('deletes only after confirming', async () => {
    const calls = server();
    const { wrapper } = await mountAt('/admin/templates');
    await wrapper.find('tr[data-template="2"] [data-test=template-delete]').trigger('click');
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);
    await wrapper.find('tr[data-template="2"] [data-test=template-delete-confirm]').trigger('click');
    await flushPromises();
    expect(calls.find((c) => c.method === 'DELETE')!.url.pathname).toBe('/api/v1/templates/2');
    expect(wrapper.findAll('[data-test=templates-table] tbody tr')).toHaveLength(1);
  });

  it('asks for inactive ones when shown, and is in Chinese', async () => {
    const calls = server();
    const { wrapper } = await mountAt('/admin/templates', 'zh-CN');
    expect(wrapper.find('h2#templates-title').text()).toBe('解决方案模板');
    await wrapper.find('[data-test=show-inactive]').setValue(true);
    await flushPromises();
    expect(calls.filter((c) => c.method === 'GET').slice(-1)[0].url.searchParams.get('include_inactive')).toBe('true');
  });

  it('is open to team leads (Administration opens on it) and closed to agents and analysts', async () => {
    server();
    const router = testRouter();
    await router.push('/admin/templates');
    await router.isReady();
    const layout = mount(StaffLayout, { global: { plugins: [testI18n('en'), router] } });
    mounted.push(layout);
    expect(layout.find('[data-test=nav-admin]').attributes('href')).toBe('/admin/templates');
    for (const role of ['agent', 'analyst'] as Role[]) {
      signInAs(role);
      const { router: r } = await mountAt('/admin/templates');
      expect(r.currentRoute.value.fullPath).toBe('/queue/mine');
    }
  });
});
