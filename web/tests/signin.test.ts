import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { getCsrfToken, setCsrfToken } from '../src/api/client';
import { clearSession, session } from '../src/session/session';
import { errorBody, scriptFetch, testI18n, testRouter } from './helpers';

const Root = defineComponent({ render: () => h(RouterView) });

async function mountSignIn(locale: 'en' | 'zh-CN' = 'en', path = '/signin') {
  const router = testRouter();
  await router.push(path);
  await router.isReady();
  const wrapper = mount(Root, { global: { plugins: [testI18n(locale), router] }, attachTo: document.body });
  await vi.dynamicImportSettled();
  await flushPromises();
  return { wrapper, router };
}

async function submit(wrapper: ReturnType<typeof mount>, password = 'secret-password') {
  await wrapper.find('#signin-username').setValue('agent');
  await wrapper.find('#signin-password').setValue(password);
  await wrapper.find('form').trigger('submit');
  await flushPromises();
}

beforeEach(() => {
  clearSession();
  setCsrfToken(null);
  localStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('SignInView', () => {
  it('shows one generic message on 401', async () => {
    scriptFetch(() => ({ status: 401, body: errorBody('unauthenticated', 'wrong tenant, username or password') }));
    const { wrapper, router } = await mountSignIn();
    await submit(wrapper);
    expect(wrapper.find('[data-test=signin-error]').text()).toBe('The organisation, username or password is not correct.');
    expect(router.currentRoute.value.name).toBe('signin');
    expect((wrapper.find('#signin-password').element as HTMLInputElement).value).toBe('');
  });

  it('shows the wait from Retry-After on 429, in the chosen language', async () => {
    scriptFetch(() => ({ status: 429, body: errorBody('resource_exhausted', 'too many'), headers: { 'Retry-After': '120' } }));
    const { wrapper } = await mountSignIn('zh-CN');
    await submit(wrapper);
    expect(wrapper.find('[data-test=signin-error]').text()).toBe('登录尝试次数过多，请等待 2分钟 后重试。');
  });

  it('signs in, keeps the CSRF token and goes where the user was headed', async () => {
    const calls = scriptFetch((call) => (call.url.pathname === '/api/v1/session'
      ? { body: { user: { username: 'agent', role: 'agent', team: '', tenant: 'default' }, csrf_token: 'csrf-xyz' } }
      : { status: 404, body: errorBody('not_found', 'complaint not found') }));
    const { wrapper, router } = await mountSignIn('en', '/signin?next=/complaints/42');
    await submit(wrapper, 'demo-password');
    expect(calls[0]).toMatchObject({ method: 'POST', body: { tenant: 'default', username: 'agent', password: 'demo-password' } });
    expect(getCsrfToken()).toBe('csrf-xyz');
    expect(session.user?.username).toBe('agent');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/complaints/42'));
  });

  it('sends a visitor without a session from a staff page to sign-in', async () => {
    scriptFetch(() => ({ status: 401, body: errorBody('unauthenticated', 'missing, invalid or expired credentials') }));
    const router = testRouter();
    await router.push('/queue/open');
    expect(router.currentRoute.value.name).toBe('signin');
    expect(router.currentRoute.value.query.next).toBe('/queue/open');
  });
});
