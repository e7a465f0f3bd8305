import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { setCsrfToken } from '../src/api/client';
import type { Role, User } from '../src/api/types';
import WorkflowPanel from '../src/components/WorkflowPanel.vue';
import { resetUsers } from '../src/composables/users';
import { session } from '../src/session/session';
import { complaint, errorBody, scriptFetch, testI18n, testRouter, type Call, type Reply } from './helpers';

const mounted: VueWrapper[] = [];
const Root = defineComponent({ render: () => h(RouterView) });

function user(username: string, role: Role, team = '', disabled = false): User {
  return { username, role, team, disabled, created_at: '2026-11-20T08:00:00.000Z' };
}
const kUsers = [
  user('admin', 'admin'), user('manager', 'manager'), user('agent', 'agent', '一线客服组'),
  user('lead', 'team_lead', '一线客服组'), user('zoe', 'agent', '', true), user('analyst', 'analyst'),
];

function signInAs(role: Role, username: string = role) {
  session.user = { username, role, team: '', tenant: 'default' };
  session.checked = true;
}

async function mountAt(path: string, locale: 'en' | 'zh-CN' = 'en') {
  const router = testRouter();
  await router.push(path);
  await router.isReady();
  const wrapper = mount(Root, { global: { plugins: [testI18n(locale), router] }, attachTo: document.body });
  mounted.push(wrapper);
  await vi.dynamicImportSettled();
  await flushPromises();
  return { wrapper, router };
}

beforeEach(() => {
  signInAs('admin');
  setCsrfToken('csrf-9');
  resetUsers();
});
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('Users page', () => {
  function server(override?: (call: Call) => Reply | undefined) {
    const users = kUsers.map((u) => ({ ...u }));
    return scriptFetch((call) => {
      const custom = override?.(call);
      if (custom) return custom;
      if (call.method === 'GET') return { body: { items: users } };
      if (call.method === 'POST') {
        const b = call.body as { username: string; role: Role; team: string };
        const created = user(b.username, b.role, b.team);
        users.push(created);
        return { status: 201, body: created };
      }
      const name = decodeURIComponent(call.url.pathname.split('/').pop() ?? '');
      const target = users.find((u) => u.username === name)!;
      Object.assign(target, call.body as object);
      delete (target as { password?: string }).password;
      return { body: target };
    });
  }

  it('lists users with role, team and status; the own row cannot be disabled', async () => {
    server();
    const { wrapper } = await mountAt('/admin/users');
    await vi.waitFor(() => expect(wrapper.find('[data-test=users]').exists()).toBe(true));
    const rows = wrapper.findAll('tr[data-user]');
    expect(rows.map((r) => r.attributes('data-user'))).toEqual(['admin', 'agent', 'analyst', 'lead', 'manager', 'zoe']);
    const lead = wrapper.find('tr[data-user=lead]');
    expect(lead.find('[data-test=role]').text()).toBe('Team lead');
    expect(lead.text()).toContain('一线客服组');
    expect(wrapper.find('tr[data-user=zoe] [data-test=status]').text()).toBe('Disabled');
    expect(wrapper.find('tr[data-user=admin] [data-test=toggle]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('tr[data-user=agent] [data-test=toggle]').attributes('disabled')).toBeUndefined();
    // Own role cannot be changed either.
    await wrapper.find('tr[data-user=admin] [data-test=edit]').trigger('click');
    expect(wrapper.find('#role-admin').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('You cannot change your own role');
  });

  it('adds a user with the CSRF token', async () => {
    const calls = server();
    const { wrapper } = await mountAt('/admin/users');
    await vi.waitFor(() => expect(wrapper.find('[data-test=add-user]').exists()).toBe(true));
    await wrapper.find('#new-username').setValue('bob');
    await wrapper.find('#new-role').setValue('team_lead');
    await wrapper.find('#new-team').setValue('二线');
    await wrapper.find('#new-password').setValue('correct-horse-1');
    await wrapper.find('[data-test=add-user] form').trigger('submit');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url.pathname).toBe('/api/v1/users');
    expect(post?.body).toEqual({ username: 'bob', password: 'correct-horse-1', role: 'team_lead', team: '二线' });
    expect(post?.headers['x-csrf-token']).toBe('csrf-9');
    expect(wrapper.find('[data-test=notice]').text()).toBe('User bob added.');
    expect(wrapper.find('tr[data-user=bob]').exists()).toBe(true);
  });

  it('disables a user only after confirmation, and shows the API error as given', async () => {
    let refuse = false;
    const calls = server((call) => (call.method === 'PATCH' && refuse
      ? { status: 400, body: errorBody('invalid_argument', 'no such user', { field: 'username' }) } : undefined));
    const { wrapper } = await mountAt('/admin/users');
    await vi.waitFor(() => expect(wrapper.find('tr[data-user=agent]').exists()).toBe(true));
    await wrapper.find('tr[data-user=agent] [data-test=toggle]').trigger('click');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    expect(wrapper.find('[data-test=confirm]').text()).toContain('Disable agent?');
    await wrapper.find('[data-test=confirm-toggle]').trigger('click');
    await flushPromises();
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.url.pathname).toBe('/api/v1/users/agent');
    expect(patch?.body).toEqual({ disabled: true });
    expect(wrapper.find('tr[data-user=agent] [data-test=status]').text()).toBe('Disabled');
    expect(wrapper.find('tr[data-user=agent] [data-test=toggle]').text()).toBe('Enable');

    refuse = true;
    await wrapper.find('tr[data-user=lead] [data-test=password]').trigger('click');
    await wrapper.find('#password-lead').setValue('new-password-42');
    await wrapper.find('[data-test=password-form]').trigger('submit');
    await flushPromises();
    expect(calls.filter((c) => c.method === 'PATCH').pop()?.body).toEqual({ password: 'new-password-42' });
    expect(wrapper.find('[data-test=error]').text()).toBe('no such user');
  });

  it('is read-only for a manager, in Chinese', async () => {
    signInAs('manager');
    server();
    const { wrapper } = await mountAt('/admin/users', 'zh-CN');
    await vi.waitFor(() => expect(wrapper.find('[data-test=users]').exists()).toBe(true));
    expect(wrapper.find('[data-test=read-only]').text()).toContain('只有管理员可以修改');
    expect(wrapper.find('[data-test=add-user]').exists()).toBe(false);
    expect(wrapper.find('[data-test=toggle]').exists()).toBe(false);
    expect(wrapper.find('tr[data-user=lead] [data-test=role]').text()).toBe('客服组长');
  });

  it('is not offered to an agent: the address goes to the queue', async () => {
    signInAs('agent');
    scriptFetch(() => ({ body: { items: [], next_cursor: null } }));
    const { router } = await mountAt('/admin/users');
    expect(router.currentRoute.value.fullPath).toBe('/queue/mine');
  });
});

describe('Data protection page', () => {
  function server(policy = { years: 3, action: 'anonymise', enabled: true }) {
    return scriptFetch((call) => {
      const path = call.url.pathname;
      if (path === '/api/v1/settings/retention' && call.method === 'GET') return { body: policy };
      if (path === '/api/v1/settings/retention') {
        Object.assign(policy, call.body as object, { enabled: (call.body as { years: number }).years > 0 });
        return { body: policy };
      }
      const dry = (call.body as { dry_run: boolean }).dry_run;
      const complaints = ['TS202611000007', 'TS202611000009'];
      return { body: { dry_run: dry, complaints, matched: 2, changed: dry ? 0 : 2 } };
    });
  }

  it('shows the policy, saves a change, previews and applies it after confirmation', async () => {
    const calls = server();
    const { wrapper } = await mountAt('/admin/data-protection');
    await vi.waitFor(() => expect(wrapper.find('[data-test=policy]').exists()).toBe(true));
    expect(wrapper.find('[data-test=policy]').text()).toBe('Closed complaints are kept for 3 years, then: Anonymise.');
    await wrapper.find('#retention-years').setValue('5');
    await wrapper.find('#retention-action').setValue('delete');
    await wrapper.find('[data-test=retention] form').trigger('submit');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({ years: 5, action: 'delete' });
    expect(put?.headers['x-csrf-token']).toBe('csrf-9');
    expect(wrapper.find('[data-test=policy]').text()).toBe('Closed complaints are kept for 5 years, then: Delete.');

    await wrapper.find('[data-test=retention-preview]').trigger('click');
    await flushPromises();
    expect(calls.filter((c) => c.url.pathname === '/api/v1/retention/run').map((c) => c.body)).toEqual([{ dry_run: true }]);
    expect(wrapper.find('[data-test=retention-result]').text()).toContain('TS202611000009');
    await wrapper.find('[data-test=retention-apply]').trigger('click');
    expect(wrapper.find('[data-test=retention-result]').text()).toContain('Apply the retention policy to these complaints (2) now?');
    await wrapper.find('[data-test=retention-confirm]').trigger('click');
    await flushPromises();
    expect(calls.filter((c) => c.url.pathname === '/api/v1/retention/run').pop()?.body).toEqual({ dry_run: false });
    expect(wrapper.find('[data-test=retention-notice]').text()).toBe('Complaints changed: 2');
  });

  it('previews an erasure request, then erases after confirmation', async () => {
    const calls = server();
    const { wrapper } = await mountAt('/admin/data-protection');
    await vi.waitFor(() => expect(wrapper.find('#erasure-contact').exists()).toBe(true));
    await wrapper.find('#erasure-contact').setValue(' 13912345678 ');
    await wrapper.find('#erasure-reason').setValue('customer asked by phone');
    await wrapper.find('[data-test=erasure] form').trigger('submit');
    await flushPromises();
    const erasures = () => calls.filter((c) => c.url.pathname === '/api/v1/erasures');
    expect(erasures().map((c) => c.body)).toEqual([
      { contact: '13912345678', reason: 'customer asked by phone', dry_run: true }]);
    const result = wrapper.find('[data-test=erasure-result]');
    expect(result.findAll('li').map((li) => li.text())).toEqual(['TS202611000007', 'TS202611000009']);
    expect(result.text()).toContain('Erase the personal data in these complaints (2)?');
    await wrapper.find('[data-test=erasure-confirm]').trigger('click');
    await flushPromises();
    expect(erasures()[1].body).toEqual({ contact: '13912345678', reason: 'customer asked by phone', dry_run: false });
    expect(erasures()[1].headers['x-csrf-token']).toBe('csrf-9');
    expect(wrapper.find('[data-test=erasure-notice]').text()).toBe('Personal data erased. Complaints changed: 2');
  });

  it('managers see the policy but cannot change it or make erasure requests', async () => {
    signInAs('manager');
    server({ years: 0, action: 'anonymise', enabled: false });
    const { wrapper } = await mountAt('/admin/data-protection', 'zh-CN');
    await vi.waitFor(() => expect(wrapper.find('[data-test=policy]').exists()).toBe(true));
    expect(wrapper.find('[data-test=policy]').text()).toContain('未设置保留期限');
    expect(wrapper.find('#retention-years').exists()).toBe(false);
    expect(wrapper.find('#erasure-contact').exists()).toBe(false);
    expect(wrapper.find('[data-test=erasure]').text()).toContain('只有管理员');
  });
});

describe('Audit page', () => {
  it('shows an intact chain with its counts', async () => {
    scriptFetch(() => ({ body: { ok: true, records: 1234, complaints: 200, events: 3000, problem: '' } }));
    const { wrapper } = await mountAt('/admin/audit');
    await wrapper.find('[data-test=verify]').trigger('click');
    await flushPromises();
    const result = wrapper.find('[data-test=audit-result]');
    expect(result.attributes('data-ok')).toBe('true');
    expect(result.text()).toContain('The audit log is intact.');
    expect(wrapper.find('[data-test=audit-records]').text()).toBe('1,234');
  });

  it('shows a broken chain prominently with the problem (409)', async () => {
    scriptFetch(() => ({ status: 409, body: { ok: false, records: 10, complaints: 2, events: 5,
                                             problem: 'record 7: hash does not match' } }));
    const { wrapper } = await mountAt('/admin/audit', 'zh-CN');
    await wrapper.find('[data-test=verify]').trigger('click');
    await flushPromises();
    const result = wrapper.find('[data-test=audit-result]');
    expect(result.attributes('data-ok')).toBe('false');
    expect(result.find('[role=alert]').text()).toContain('审计日志校验未通过');
    expect(wrapper.find('[data-test=audit-problem]').text()).toContain('record 7: hash does not match');
  });

  it('shows an API refusal as its message', async () => {
    scriptFetch(() => ({ status: 403, body: errorBody('permission_denied', 'admins and managers only') }));
    const { wrapper } = await mountAt('/admin/audit');
    await wrapper.find('[data-test=verify]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test=audit-error]').text()).toBe('admins and managers only');
  });
});

describe('Text models page', () => {
  const kDefaults = [
    { field: 'category', source: 'default', language: 'en', labels: ['a', 'b', 'c'], memory_bytes: 5_380_000 },
    { field: 'category', source: 'default', language: 'zh', labels: ['物流', '质量'], memory_bytes: 2_000_000 },
  ];

  it('lists each field with the model intake uses for it', async () => {
    scriptFetch(() => ({ body: { items: kDefaults } }));
    const { wrapper } = await mountAt('/admin/text-models');
    const category = wrapper.find('[data-field=category]');
    expect(category.find('[data-test=model-source]').text()).toContain('Default (en)');
    expect(category.find('[data-test=model-source]').text()).toContain('Default (zh)');
    expect(category.text()).toContain('5.4 MB');
    expect(wrapper.find('[data-field=urgency] [data-test=model-source]').text()).toBe('None (lexicon and rules only)');
    expect(wrapper.findAll('tbody tr')).toHaveLength(5);
  });

  it('shows training as running, then the result, and the tenant model in use after it', async () => {
    let release: (() => void) | null = null;
    let trained = false;
    const calls = scriptFetch(async (call) => {
      if (call.method === 'POST') {
        await new Promise<void>((resolve) => { release = resolve; });
        trained = true;
        return { body: { field: 'urgency', examples: 240, labels: ['normal', 'urgent'],
                         holdout: { n: 24, accuracy: 0.875, macro_f1: 0.8 }, memory_bytes: 1_000_000, seconds: 1.25 } };
      }
      const tenant = { field: 'urgency', source: 'tenant', language: null, labels: ['normal', 'urgent'], memory_bytes: 1_000_000 };
      return { body: { items: trained ? [...kDefaults, tenant] : kDefaults } };
    });
    const { wrapper } = await mountAt('/admin/text-models');
    await wrapper.find('[data-test=train-urgency]').trigger('click');
    await flushPromises();
    const button = wrapper.find('[data-test=train-urgency]');
    expect(button.attributes('aria-busy')).toBe('true');
    expect(button.text()).toContain('Training…');
    expect(wrapper.find('[data-test=train-category]').attributes('disabled')).toBeDefined();
    release!();
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/triage/models/urgency/train');
    const result = wrapper.find('[data-test=trained-urgency]').text();
    expect(result).toContain('Trained on 240 complaints, 2 values, in 1.3 s.');
    expect(result).toContain('accuracy 87.5%, macro-F1 80%');
    expect(wrapper.find('[data-field=urgency] [data-test=model-source]').text()).toBe('This tenant’s own model');
    expect(wrapper.find('[data-test=train-urgency]').attributes('aria-busy')).toBe('false');
  });

  it('shows a refusal for that field with the server’s reason, in Chinese too', async () => {
    scriptFetch((call) => (call.method === 'POST'
      ? { status: 409, body: errorBody('conflict', 'a model for severity needs at least 50 complaints') }
      : { body: { items: kDefaults } }));
    const { wrapper } = await mountAt('/admin/text-models', 'zh-CN');
    expect(wrapper.find('[data-field=severity]').text()).toContain('严重程度');
    await wrapper.find('[data-test=train-severity]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test=train-error-severity]').text()).toBe('a model for severity needs at least 50 complaints');
    expect(wrapper.find('[data-test=train-severity]').text()).toBe('用更正数据训练');
  });
});

describe('Assignee picker', () => {
  async function assignStep(reply: Reply) {
    scriptFetch(() => reply);
    const wrapper = mount(WorkflowPanel, {
      props: { complaint: complaint({ status: 'new', assignee: '' }), role: 'agent', username: 'agent' },
      global: { plugins: [testI18n('en')] },
    });
    await wrapper.find('[data-step=assigned]').trigger('click');
    await flushPromises();
    return wrapper;
  }

  it('offers active staff, agents and team leads first, with their team', async () => {
    const wrapper = await assignStep({ body: { items: kUsers } });
    const options = wrapper.findAll('[data-test=assignee-options] option');
    expect(options.map((o) => o.attributes('value'))).toEqual(['agent', 'lead', 'admin', 'analyst', 'manager']);
    expect(options[1].text()).toBe('lead — Team lead · 一线客服组');
    expect(options[2].text()).toBe('admin — Administrator');
    const input = wrapper.find('#step-assignee');
    expect(input.attributes('list')).toBe('step-assignee-users');
    expect((input.element as HTMLInputElement).value).toBe('agent');
  });

  it('still takes free text when the list cannot be loaded', async () => {
    const wrapper = await assignStep({ status: 500, body: errorBody('internal', 'internal error') });
    expect(wrapper.findAll('[data-test=assignee-options] option')).toHaveLength(0);
    expect(wrapper.text()).toContain('The list of users could not be loaded; type the username.');
    await wrapper.find('#step-assignee').setValue('someone');
    expect((wrapper.find('#step-assignee').element as HTMLInputElement).value).toBe('someone');
  });
});
