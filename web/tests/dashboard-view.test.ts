import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import type { Role } from '../src/api/types';
import { session } from '../src/session/session';
import { errorBody, scriptFetch, testI18n, testRouter, type Call } from './helpers';

// The chart draws on a canvas, which happy-dom has not got; the page around it is what is tested here.
vi.mock('../src/dashboard/ForecastChart.vue', () => ({
  __esModule: true,
  default: defineComponent({
    props: ['data', 'locale', 'labels', 'label'],
    render() { return h('div', { 'data-test': 'forecast-chart', 'aria-label': this.label }); },
  }),
}));

const mounted: VueWrapper[] = [];
const Root = defineComponent({ render: () => h(RouterView) });

function signInAs(role: Role) {
  session.user = { username: role, role, team: '', tenant: 'default' };
  session.checked = true;
}

const target = (comparison: '>=' | '<=', value: number, met: boolean | null) => ({ target: value, comparison, met });
function kpiSet(scale = 1) {
  return {
    received: 120 * scale,
    first_response_time: { n: 80, median_hours: 1.5, p90_hours: 6 },
    handling_time: { n: 50, median_hours: 20, p90_hours: 70 },
    first_response_time_business: { n: 80, median_hours: 0.5, p90_hours: 4 },
    handling_time_business: { n: 50, median_hours: 9, p90_hours: 30 },
    sla_first_response: { value: 0.9, numerator: 72, denominator: 80 },
    sla_resolution: { value: 1, numerator: 40, denominator: 40 },
    sla_compliance: { value: 0.9, numerator: 108, denominator: 120, target: target('>=', 0.95, false) },
    resolution_rate: { value: 0.97, numerator: 97, denominator: 100, target: target('>=', 0.95, true) },
    first_contact_resolution: { value: 0.8, numerator: 80, denominator: 100 },
    repeat_rate: { value: 0.03, numerator: 4, denominator: 120, target: target('<=', 0.05, true) },
    escalation_rate: { value: 0.1, numerator: 12, denominator: 120 },
    reopen_rate: { value: 0.02, numerator: 2, denominator: 100 },
    csat: { mean: 4.5, share_4_5: 0.9, n: 30, surveys_sent: 60, response_rate: 0.5, target: target('>=', 4.2, true) },
    nps: { value: 42, n: 30, promoters: 18, detractors: 5, interval95: [20, 64], target: target('>=', 40, true) },
    compensation: { complaints: 1, approved: 1, per_complaint: 0.01 },
  };
}

function server() {
  return scriptFetch((call: Call) => {
    const path = call.url.pathname;
    if (path === '/api/v1/analytics/kpis') {
      return { body: { from: call.url.searchParams.get('from'), to: call.url.searchParams.get('to'), total: kpiSet(), business_calendar: 'office',
        group_by: call.url.searchParams.get('group_by'),
        groups: [{ ...kpiSet(), group: '产品质量' }, { ...kpiSet(), group: '' }] } };
    }
    if (path === '/api/v1/analytics/forecast') {
      return { body: { history: [{ date: '2026-01-14', count: 5 }], coverage: 0.8, weekday_factors: [1, 1, 1, 1, 1, 1, 1], level: 5,
        forecast: [{ date: '2026-01-15', forecast: 5.2, lower: 3, upper: 8, agents: 2 }] } };
    }
    if (path === '/api/v1/analytics/kpis/drill') {
      return { body: { kpi: call.url.searchParams.get('kpi'), total: 2,
        items: [{ id: 7, number: 'TS20260115000007', counted: true }, { id: 5, number: 'TS20260114000005', counted: false }] } };
    }
    return { status: 404, body: errorBody('not_found', 'no such thing') };
  });
}

async function mountAt(path: string, locale: 'en' | 'zh-CN' = 'en') {
  const router = testRouter();
  await router.push(path);
  await router.isReady();
  const wrapper = mount(Root, { global: { plugins: [testI18n(locale), router] }, attachTo: document.body });
  mounted.push(wrapper);
  await vi.dynamicImportSettled();
  await flushPromises();
  await vi.dynamicImportSettled();
  await flushPromises();
  return { wrapper, router };
}

beforeEach(() => signInAs('manager'));
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('Dashboard page', () => {
  it('shows KPI cards against targets for this month, with samples and the response rate', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-15T10:00:00Z') });
    const calls = server();
    const { wrapper } = await mountAt('/dashboard');
    const kpiCall = calls.find((c) => c.url.pathname === '/api/v1/analytics/kpis')!;
    expect(kpiCall.url.searchParams.get('from')).toBe('2026-01-01');
    expect(kpiCall.url.searchParams.get('to')).toBe('2026-01-16');
    expect(kpiCall.url.searchParams.get('group_by')).toBe('category');
    const sla = wrapper.find('[data-kpi=sla_compliance]');
    expect(sla.find('[data-test=kpi-value]').text()).toBe('90%');
    expect(sla.find('[data-test=kpi-state]').text()).toBe('Not met');
    expect(sla.text()).toContain('Target ≥ 95%');
    const csat = wrapper.find('[data-kpi=csat]');
    expect(csat.find('[data-test=kpi-state]').text()).toBe('Met');
    expect(csat.text()).toContain('n = 30');
    expect(csat.text()).toContain('Response rate 50%');
    expect(wrapper.find('[data-kpi=nps]').text()).toContain('95% interval +20 to +64');
    expect(wrapper.find('[data-kpi=resolution_rate]').text()).toContain('97 of 100');
    // The combined SLA figure has no population of its own, so it is not a link; the others are.
    expect(sla.find('a').exists()).toBe(false);
    const href = wrapper.find('[data-kpi=resolution_rate] a').attributes('href')!;
    expect(href).toMatch(/^\/dashboard\/drill\?/);
    expect(new URLSearchParams(href.split('?')[1]).get('kpi')).toBe('resolution_rate');
  });

  it('breaks down by group with each figure linking to its complaints, and names the empty group', async () => {
    server();
    const { wrapper } = await mountAt('/dashboard?period=last-month&group_by=category');
    const rows = wrapper.findAll('[data-test=breakdown] tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].find('th').text()).toBe('Product quality');
    expect(rows[1].find('th').text()).toBe('(none)');
    const link = rows[0].find('a[data-kpi=repeat_rate]');
    const q = new URLSearchParams(link.attributes('href')!.split('?')[1]);
    expect(q.get('group_by')).toBe('category');
    expect(q.get('group')).toBe('产品质量');
    expect(q.get('kpi')).toBe('repeat_rate');
  });

  it('offers the monthly report of last month in the interface language', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-15T10:00:00Z') });
    server();
    const { wrapper } = await mountAt('/dashboard', 'zh-CN');
    const view = wrapper.find('[data-test=report-view]');
    expect(view.attributes('href')).toBe('/api/v1/reports/monthly?month=2025-12&format=html&lang=zh');
    expect(view.attributes('target')).toBe('_blank');
    expect(wrapper.find('[data-test=report-xlsx]').attributes('href')).toContain('format=xlsx');
    expect(wrapper.find('[data-test=report-xlsx]').attributes('download')).toBe('report-2025-12.xlsx');
    expect(wrapper.find('[data-kpi=sla_compliance] [data-test=kpi-state]').text()).toBe('未达标');
  });

  it('asks for the forecast with the handling time so it can show the agents needed', async () => {
    const calls = server();
    const { wrapper } = await mountAt('/dashboard');
    const call = calls.find((c) => c.url.pathname === '/api/v1/analytics/forecast')!;
    expect(call.url.searchParams.get('horizon')).toBe('28');
    expect(call.url.searchParams.get('aht_minutes')).toBe('20');
    expect(wrapper.find('[data-test=forecast-table]').text()).toContain('5.2');
    expect(wrapper.find('[data-test=forecast-chart]').attributes('aria-label')).toContain('80%');
  });

  it('asks for a custom period including its last day, and refuses a reversed one', async () => {
    const calls = server();
    const { wrapper, router } = await mountAt('/dashboard');
    await wrapper.find('[data-test=period-custom]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test=period-custom]').attributes('aria-pressed')).toBe('true');
    await wrapper.find('[data-test=custom-from]').setValue('2025-11-03');
    await wrapper.find('[data-test=custom-to]').setValue('2025-11-09');
    await wrapper.find('form.inline-form').trigger('submit');
    await flushPromises();
    expect(router.currentRoute.value.query).toMatchObject({ period: 'custom', from: '2025-11-03', to: '2025-11-09' });
    const last = calls.filter((c) => c.url.pathname === '/api/v1/analytics/kpis').pop()!;
    expect(last.url.searchParams.get('from')).toBe('2025-11-03');
    expect(last.url.searchParams.get('to')).toBe('2025-11-10');
    await wrapper.find('[data-test=custom-to]').setValue('2025-11-01');
    await wrapper.find('form.inline-form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role=alert]').text()).toBe('Choose a start date on or before the end date.');
    expect(router.currentRoute.value.query.to).toBe('2025-11-09');
  });

  it('is closed to agents', async () => {
    signInAs('agent');
    server();
    const { router } = await mountAt('/dashboard');
    expect(router.currentRoute.value.path).toBe('/queue/mine');
  });
});

describe('Drill-down page', () => {
  it('lists the complaints behind a figure, each linking to the complaint', async () => {
    const calls = server();
    const { wrapper } = await mountAt('/dashboard/drill?kpi=repeat_rate&from=2025-12-01&to=2026-01-01&group_by=category&group=产品质量');
    const call = calls.find((c) => c.url.pathname === '/api/v1/analytics/kpis/drill')!;
    expect(call.url.searchParams.get('group')).toBe('产品质量');
    expect(call.url.searchParams.get('from')).toBe('2025-12-01');
    expect(wrapper.find('h1').text()).toBe('Complaints behind Repeat complaints');
    expect(wrapper.find('[data-test=drill-total]').text()).toContain('Complaints in the figure: 2');
    const links = wrapper.findAll('[data-test=drill-table] a');
    expect(links.map((a) => a.attributes('href'))).toEqual(['/complaints/7', '/complaints/5']);
    expect(wrapper.find('[data-counted=true]').text()).toContain('Yes');
    expect(wrapper.find('[data-test=drill-group]').text()).toBe('Category: Product quality');
    expect(wrapper.find('[data-test=drill-back]').attributes('href')).toBe('/dashboard?period=custom&from=2025-12-01&to=2025-12-31&group_by=category');
  });

  it('goes back to the period it came from', async () => {
    server();
    const { wrapper } = await mountAt('/dashboard/drill?kpi=csat&from=2025-12-01&to=2026-01-01&period=last-month');
    expect(wrapper.find('[data-test=drill-back]').attributes('href')).toBe('/dashboard?period=last-month');
  });

  it('shows the API’s error', async () => {
    scriptFetch(() => ({ status: 400, body: errorBody('bad_request', 'kpi must be one of the names in docs/metrics.md') }));
    const { wrapper } = await mountAt('/dashboard/drill?kpi=nope&from=2025-12-01&to=2026-01-01');
    expect(wrapper.find('[data-test=drill-error]').text()).toContain('kpi must be one of the names');
  });
});
