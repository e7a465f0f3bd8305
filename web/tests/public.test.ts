import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { applyDocumentLocale, i18n, initialLocale, kLocaleStorageKey, setLocale } from '../src/i18n';
import { errorBody, scriptFetch, testI18n, testRouter } from './helpers';

const Root = defineComponent({ render: () => h(RouterView) });

async function mountAt(path: string, locale: 'en' | 'zh-CN') {
  const router = testRouter();
  await router.push(path);
  await router.isReady();
  const wrapper = mount(Root, { global: { plugins: [testI18n(locale), router] }, attachTo: document.body });
  await vi.dynamicImportSettled();
  await flushPromises();
  return { wrapper, router };
}

async function fillComplaint(wrapper: ReturnType<typeof mount>) {
  await wrapper.find('#pub-name').setValue('王小明');
  await wrapper.find('#pub-phone').setValue('13900001111');
  await wrapper.find('#pub-subject').setValue('快递丢了');
  await wrapper.find('#pub-description').setValue('等了十天还没到。');
  await wrapper.find('#pub-amount').setValue('88.5');
  await wrapper.find('form').trigger('submit');
  await flushPromises();
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('public complaint form', () => {
  it('files the complaint with the customer language and shows number and message', async () => {
    const calls = scriptFetch(() => ({
      status: 201,
      body: { number: 'TS202611000321', status: 'new',
              tracking: { number: 'TS202611000321', url: '/api/v1/track?number=TS202611000321',
                          message: 'Your complaint TS202611000321 has been received. / 您的投诉已受理' } },
    }));
    const { wrapper } = await mountAt('/complain', 'zh-CN');
    await fillComplaint(wrapper);
    expect(calls[0].url.pathname).toBe('/api/v1/public/complaints');
    expect(calls[0].body).toEqual({
      customer: { name: '王小明', phone: '13900001111' }, subject: '快递丢了', description: '等了十天还没到。',
      amount_in_dispute: 88.5, currency: 'CNY', language: 'zh',
    });
    expect(wrapper.find('[data-test=tracking-number]').text()).toBe('TS202611000321');
    expect(wrapper.find('[data-test=tracking-message]').text()).toContain('您的投诉已受理');
    expect(wrapper.find('a.button').attributes('href')).toBe('/track?number=TS202611000321');
  });

  it('needs a phone or an e-mail before sending', async () => {
    const calls = scriptFetch(() => ({ status: 500 }));
    const { wrapper } = await mountAt('/complain', 'en');
    await wrapper.find('#pub-name').setValue('Ann');
    await wrapper.find('#pub-subject').setValue('Late');
    await wrapper.find('#pub-description').setValue('Very late.');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls).toHaveLength(0);
    expect(wrapper.find('[data-test=public-error]').text()).toContain('phone number or an e-mail address');
  });

  it('tells the customer how long to wait on 429', async () => {
    scriptFetch(() => ({ status: 429, body: errorBody('resource_exhausted', 'too many requests; retry in 30 s'),
                         headers: { 'Retry-After': '30' } }));
    const { wrapper } = await mountAt('/complain', 'en');
    await fillComplaint(wrapper);
    expect(wrapper.find('[data-test=public-error]').text()).toContain('Please wait 1 minute');
  });
});

describe('tracking page', () => {
  it('shows status, resolution and the public messages', async () => {
    const calls = scriptFetch(() => ({
      body: { number: 'TS202611000321', status: 'resolved', subject: '快递丢了',
              received_at: '2026-11-20T08:00:00.000Z', updated_at: '2026-11-21T08:00:00.000Z',
              resolution_summary: '已补发', messages: [
                { direction: 'outbound', body: '已为您补发', at: '2026-11-21T07:00:00.000Z' },
                { direction: 'inbound', body: '谢谢', at: '2026-11-21T07:30:00.000Z' }] },
    }));
    const { wrapper } = await mountAt('/track?number=ts202611000321', 'zh-CN');
    await wrapper.find('#track-contact').setValue('13900001111');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls[0].url.searchParams.get('number')).toBe('TS202611000321');
    expect(calls[0].url.searchParams.get('contact')).toBe('13900001111');
    expect(wrapper.find('[data-test=track-status]').text()).toBe('已解决');
    expect(wrapper.find('[data-test=track-resolution]').text()).toBe('已补发');
    const items = wrapper.findAll('[data-test=track-messages] li');
    expect(items.map((li) => li.text())).toEqual([expect.stringContaining('已为您补发'), expect.stringContaining('谢谢')]);
    expect(items[0].text()).toContain('客服回复');
    expect(items[1].text()).toContain('您的留言');
  });

  it('passes the organisation named in the address to the API', async () => {
    const calls = scriptFetch(() => ({ status: 404, body: errorBody('not_found', 'no such tenant', { field: 'tenant' }) }));
    const { wrapper } = await mountAt('/track?number=TS202611000001&tenant=acme', 'en');
    await wrapper.find('#track-contact').setValue('a@example.com');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls[0].url.searchParams.get('tenant')).toBe('acme');
    expect(calls[0].url.searchParams.get('contact')).toBe('a@example.com');
    expect(wrapper.find('[data-test=track-error]').text()).toBe('no such tenant');
  });

  it('shows the API message when nothing matches', async () => {
    scriptFetch(() => ({ status: 404, body: errorBody('not_found', 'no complaint with this number and contact') }));
    const { wrapper } = await mountAt('/track?number=TS1', 'en');
    await wrapper.find('#track-contact').setValue('x');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=track-error]').text()).toBe('no complaint with this number and contact');
  });
});

describe('language choice', () => {
  it('is remembered and sets the page language', () => {
    setLocale('zh-CN');
    expect(localStorage.getItem(kLocaleStorageKey)).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(i18n.global.t('status.closed')).toBe('已关闭');
    expect(initialLocale()).toBe('zh-CN');
    setLocale('en');
    expect(initialLocale()).toBe('en');
    applyDocumentLocale('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('defaults to the browser language', () => {
    localStorage.clear();
    vi.stubGlobal('navigator', { language: 'zh-CN', languages: ['zh-CN', 'en'] });
    expect(initialLocale()).toBe('zh-CN');
    vi.stubGlobal('navigator', { language: 'en-US', languages: ['en-US'] });
    expect(initialLocale()).toBe('en');
  });
});
