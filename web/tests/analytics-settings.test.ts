import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { setCsrfToken } from '../src/api/client';
import type { Role } from '../src/api/types';
import FeedbackExport from '../src/insights/FeedbackExport.vue';
import { session } from '../src/session/session';
import { errorBody, scriptFetch, testI18n, testRouter, type Call, type Reply } from './helpers';

const mounted: VueWrapper[] = [];
const Root = defineComponent({ render: () => h(RouterView) });
function signInAs(role: Role) {
  session.user = { username: role, role, team: '', tenant: 'default' };
  session.checked = true;
}
let targets = { csat: 4.2, resolution_rate: 0.95, repeat_rate: 0.05, nps: 40, sla_compliance: 0.95 };
let recipients = ['manager@example.com'];

function server(special: (call: Call) => Reply | null = () => null) {
  return scriptFetch((call) => {
    const s = special(call);
    if (s) return s;
    if (call.url.pathname === '/api/v1/settings/kpi-targets') {
      if (call.method === 'PUT') targets = { ...targets, ...(call.body as object) };
      return { body: targets };
    }
    if (call.url.pathname === '/api/v1/settings/alert-recipients') {
      if (call.method === 'PUT') recipients = (call.body as { recipients: string[] }).recipients;
      return { body: { recipients } };
    }
    return { status: 404, body: errorBody('not_found', 'no') };
  });
}

async function mountAt(path: string, locale: 'en' | 'zh-CN' = 'en') {
  const router = testRouter();
  await router.push(path);
  await router.isReady();
  const i18n = testI18n(locale);
  const wrapper = mount(Root, { global: { plugins: [i18n, router] }, attachTo: document.body });
  mounted.push(wrapper);
  for (let i = 0; i < 3; i++) {
    await vi.dynamicImportSettled();
    await flushPromises();
  }
  return { wrapper, router, i18n };
}

beforeEach(() => {
  targets = { csat: 4.2, resolution_rate: 0.95, repeat_rate: 0.05, nps: 40, sla_compliance: 0.95 };
  recipients = ['manager@example.com'];
  setCsrfToken('csrf-a');
  signInAs('manager');
});
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('Analytics settings', () => {
  it('shows the targets in percent and saves only the changed one with the CSRF token', async () => {
    const calls = server();
    const { wrapper, i18n } = await mountAt('/admin/analytics');
    const input = (name: string) => wrapper.find<HTMLInputElement>(`input[data-target=${name}]`);
    expect(input('resolution_rate').element.value).toBe('95');
    expect(input('repeat_rate').element.value).toBe('5');
    expect(input('csat').element.value).toBe('4.2');
    await input('repeat_rate').setValue('3');
    await wrapper.find('[data-test=targets-form]').trigger('submit');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.url.pathname).toBe('/api/v1/settings/kpi-targets');
    expect(put.body).toEqual({ repeat_rate: 0.03 });
    expect(put.headers['x-csrf-token']).toBe('csrf-a');
    expect(wrapper.find('[data-test=targets-notice]').text()).toBe('KPI targets saved.');
    expect(input('repeat_rate').element.value).toBe('3');
    // The notice follows a language switch made after it was shown.
    i18n.global.locale.value = 'zh-CN';
    await flushPromises();
    expect(wrapper.find('[data-test=targets-notice]').text()).toBe('已保存关键指标目标。');
  });

  it('refuses a target out of range before any call, and shows the server’s refusal', async () => {
    const calls = server((call) => (call.method === 'PUT'
      ? { status: 403, body: errorBody('forbidden', 'only managers, directors and admins change targets') } : null));
    const { wrapper } = await mountAt('/admin/analytics');
    await wrapper.find('input[data-target=nps]').setValue('150');
    await wrapper.find('[data-test=targets-form]').trigger('submit');
    expect(wrapper.find('[data-test=targets-error]').text()).toBe('NPS at least (−100 to 100): enter a number from -100 to 100.');
    expect(wrapper.find('input[data-target=nps]').attributes('aria-invalid')).toBe('true');
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    await wrapper.find('input[data-target=nps]').setValue('45');
    await wrapper.find('[data-test=targets-form]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=targets-error]').text()).toBe('only managers, directors and admins change targets');
  });

  it('saves the alert recipients as a list and shows a bad address as the server names it', async () => {
    let refuse = true;
    const calls = server((call) => (call.method === 'PUT' && call.url.pathname.endsWith('alert-recipients') && refuse
      ? { status: 400, body: errorBody('invalid_argument', 'not a plain e-mail address: boss', { field: 'recipients' }) } : null));
    const { wrapper } = await mountAt('/admin/analytics', 'zh-CN');
    const box = wrapper.find<HTMLTextAreaElement>('[data-test=recipients]');
    expect(box.element.value).toBe('manager@example.com');
    await box.setValue('manager@example.com\nboss');
    await wrapper.find('[data-test=recipients-form]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=recipients-error]').text()).toBe('not a plain e-mail address: boss');
    refuse = false;
    await box.setValue('manager@example.com\nboss@example.com, manager@example.com');
    await wrapper.find('[data-test=recipients-form]').trigger('submit');
    await flushPromises();
    expect(calls.filter((c) => c.method === 'PUT').slice(-1)[0].body).toEqual({ recipients: ['manager@example.com', 'boss@example.com'] });
    expect(wrapper.find('[data-test=recipients-notice]').text()).toBe('预警将发送到 2 个地址。');
  });

  it('is closed to team leads and agents', async () => {
    server();
    for (const role of ['team_lead', 'agent'] as Role[]) {
      signInAs(role);
      const { router } = await mountAt('/admin/analytics');
      expect(router.currentRoute.value.fullPath).toBe('/queue/mine');
    }
  });
});

describe('Feedback-form export with contact details', () => {
  it('asks for unmasked ids only when ticked, and offers it only to roles that may reveal them', async () => {
    const calls = scriptFetch(() => ({ status: 403, body: errorBody('forbidden', 'no') }));
    const wrapper = mount(FeedbackExport, { global: { plugins: [testI18n('en')] } });
    mounted.push(wrapper);
    await wrapper.find('[data-test=export-contact]').setValue(true);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls[0].url.searchParams.get('with_contact_details')).toBe('true');
    signInAs('analyst');
    const analyst = mount(FeedbackExport, { global: { plugins: [testI18n('en')] } });
    mounted.push(analyst);
    expect(analyst.find('[data-test=export-contact]').exists()).toBe(false);
  });
});
