import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import type { Role } from '../src/api/types';
import { setCsrfToken } from '../src/api/client';
import FeedbackExport from '../src/insights/FeedbackExport.vue';
import { session } from '../src/session/session';
import { receivedDrill } from '../src/insights/insights';
import { errorBody, scriptFetch, testI18n, testRouter, type Call } from './helpers';

// The charts draw on a canvas, which happy-dom has not got: a stand-in shows the option and lets a test click an item.
vi.mock('../src/insights/InsightChart.vue', () => ({
  __esModule: true,
  default: defineComponent({
    props: ['option', 'label', 'height', 'testId'],
    emits: ['select'],
    render() {
      return h('div', { 'data-test': this.testId, 'aria-label': this.label },
        h('button', { 'data-test': `${this.testId}-item`, onClick: () => this.$emit('select', { seriesIndex: 0, dataIndex: 1 }) }));
    },
  }),
}));

const mounted: VueWrapper[] = [];
const Root = defineComponent({ render: () => h(RouterView) });

function signInAs(role: Role) {
  session.user = { username: role, role, team: '', tenant: 'default' };
  session.checked = true;
}

const item = (name: string, count: number, cumulative: number, customers: number, severity: number) =>
  ({ name, count, share: count / 20, cumulative_share: cumulative, customers, mean_severity: severity, priority: customers * (severity || 1) });

function heat() {
  const counts = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  counts[1][10] = 4;
  counts[0][1] = 2; // the cell the chart stand-in clicks (data index 1: Monday 01h)
  return counts;
}

function server(overrides: (call: Call) => { status?: number; body?: unknown } | null = () => null) {
  return scriptFetch((call: Call) => {
    const special = overrides(call);
    if (special) return special;
    const path = call.url.pathname;
    const q = call.url.searchParams;
    if (path === '/api/v1/analytics/pareto') {
      return { body: { from: q.get('from'), to: q.get('to'), by: q.get('by'), filters: {}, total: 20,
        items: [item('物流配送', 12, 0.6, 10, 2), item('产品质量', 6, 0.9, 6, 4), item('', 2, 1, 2, 0)],
        core_problems: [item('产品质量', 6, 0.9, 6, 4), item('物流配送', 12, 0.6, 10, 2), item('', 2, 1, 2, 0)] } };
    }
    if (path === '/api/v1/analytics/trends') {
      const kpis = (q.get('kpis') ?? '').split(',').filter(Boolean);
      const fig = (i: number) => Object.fromEntries(kpis.map((k) => [k, k === 'csat'
        ? { mean: i ? 4.5 : null, n: i ? 2 : 0, share_4_5: null }
        : { value: i ? 0.75 : null, numerator: i ? 3 : 0, denominator: i ? 4 : 0 }]));
      return { body: { from: q.get('from'), to: q.get('to'), granularity: q.get('granularity'), utc_offset: q.get('utc_offset'),
        filters: {}, kpis, series: [
          { date: '2026-11-21', from: '2026-11-20T16:00:00.000Z', to: '2026-11-21T16:00:00.000Z', received: 0, ...fig(0) },
          { date: '2026-11-22', from: '2026-11-21T16:00:00.000Z', to: '2026-11-22T16:00:00.000Z', received: 4, ...fig(1) },
        ],
        heat_map: { weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], hours: 24, counts: heat() } } };
    }
    if (path === '/api/v1/analytics/alerts') {
      const complaints = Array.from({ length: 14 }, (_, i) => ({ id: 100 + i, number: `TS2026112300${String(100 + i)}` }));
      const alerts = [
        { kind: 'surge', dimension: 'category', key: '物流配送', raised_at: '2026-11-23T08:00:00.000Z',
          window: { from: '2026-11-23T06:00:00.000Z', to: '2026-11-23T08:00:00.000Z' }, observed: 14, expected: 0.5,
          p_value: 1.5e-13, complaints },
        { kind: 'sentiment_drift', dimension: 'category', key: '服务态度', raised_at: '2026-11-23T09:00:00.000Z',
          window: { from: '2026-11-22T09:00:00.000Z', to: '2026-11-23T09:00:00.000Z' }, observed: 11,
          baseline_sentiment: 0.1, sentiment: -0.4, complaints: complaints.slice(0, 2) },
      ];
      const kind = q.get('kind');
      return { body: { from: q.get('from'), to: q.get('to'), step_minutes: 5, alerts: alerts.filter((a) => !kind || a.kind === kind) } };
    }
    if (path === '/api/v1/analytics/kpis/drill') {
      return { body: { kpi: q.get('kpi'), total: 1, items: [{ id: 7, number: 'TS20261122000007', counted: false }] } };
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
  for (let i = 0; i < 3; i++) {
    await vi.dynamicImportSettled();
    await flushPromises();
  }
  return { wrapper, router };
}

beforeEach(() => signInAs('manager'));
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('Problems and trends page', () => {
  it('shows the Pareto with the core problems, each count opening the complaints received in its group', async () => {
    const calls = server();
    const { wrapper, router } = await mountAt('/dashboard/analysis');
    const pareto = calls.find((c) => c.url.pathname === '/api/v1/analytics/pareto')!;
    expect(pareto.url.searchParams.get('by')).toBe('category');
    const from = Date.parse(pareto.url.searchParams.get('from')!);
    const to = Date.parse(pareto.url.searchParams.get('to')!);
    expect(Math.round((to - from) / 86_400_000)).toBe(30);
    const core = wrapper.findAll('[data-test=core-problems] li');
    expect(core.map((li) => li.attributes('data-name'))).toEqual(['产品质量', '物流配送', '']);
    expect(core[0].text()).toContain('Product quality');
    expect(core[0].text()).toContain('6 customers, mean severity 4');
    expect(core[2].text()).toContain('(none)');
    const rows = wrapper.findAll('[data-test=pareto-table] tbody tr');
    expect(rows[0].text()).toContain('Delivery');
    expect(rows[0].text()).toContain('60%');
    const link = rows[0].find('a[data-test=pareto-count]');
    const query = new URLSearchParams(link.attributes('href')!.split('?')[1]);
    expect(query.get('kpi')).toBe('received');
    expect(query.get('group_by')).toBe('category');
    expect(query.get('group')).toBe('物流配送');
    expect(query.get('from')).toBe(pareto.url.searchParams.get('from'));
    // A click on a bar of the chart opens the same complaints (the stand-in clicks the second bar).
    await wrapper.find('[data-test=pareto-chart-item]').trigger('click');
    await vi.dynamicImportSettled();
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('dashboard-drill');
    expect(router.currentRoute.value.query.group).toBe('产品质量');
  });

  it('asks the Pareto by another dimension and for 90 days when chosen, kept in the address', async () => {
    const calls = server();
    const { wrapper, router } = await mountAt('/dashboard/analysis');
    await wrapper.find('[data-test=pareto-by]').setValue('channel');
    await flushPromises();
    expect(router.currentRoute.value.query.by).toBe('channel');
    expect(calls.filter((c) => c.url.pathname === '/api/v1/analytics/pareto').slice(-1)[0].url.searchParams.get('by')).toBe('channel');
    await wrapper.find('[data-test=days-90]').trigger('click');
    await flushPromises();
    // A drill-down from here comes back to the same choices.
    await router.push(receivedDrill('2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z'));
    await vi.dynamicImportSettled();
    await flushPromises();
    expect(wrapper.find('[data-test=drill-back]').attributes('href')).toBe('/dashboard/analysis?by=channel&days=90');
    await router.back();
    await flushPromises();
    const last = calls.filter((c) => c.url.pathname === '/api/v1/analytics/trends').slice(-1)[0];
    const days = (Date.parse(last.url.searchParams.get('to')!) - Date.parse(last.url.searchParams.get('from')!)) / 86_400_000;
    expect(Math.round(days)).toBe(90);
  });

  it('asks trends with the browser offset and the chosen KPIs; points open their complaints', async () => {
    const calls = server();
    const { wrapper, router } = await mountAt('/dashboard/analysis');
    const first = calls.find((c) => c.url.pathname === '/api/v1/analytics/trends')!;
    expect(first.url.searchParams.get('granularity')).toBe('day');
    expect(first.url.searchParams.get('kpis')).toBe('resolution_rate,csat');
    expect(first.url.searchParams.get('utc_offset')).toMatch(/^[+-]\d{2}:\d{2}$/);
    const rows = wrapper.findAll('[data-test=trend-table] tbody tr');
    // No complaints that day: no link; 4 received: a link to them, and the KPI cells link to their own drill-down.
    expect(rows[0].find('a').exists()).toBe(false);
    expect(rows[0].text()).toContain('—');
    const received = rows[1].find('a[data-test=trend-received]');
    expect(received.text()).toBe('4');
    expect(new URLSearchParams(received.attributes('href')!.split('?')[1]).get('from')).toBe('2026-11-21T16:00:00.000Z');
    const csat = rows[1].find('a[data-kpi=csat]');
    expect(csat.text()).toBe('4.50');
    expect(new URLSearchParams(csat.attributes('href')!.split('?')[1]).get('kpi')).toBe('csat');
    expect(rows[1].find('a[data-kpi=resolution_rate]').text()).toBe('75%');

    await wrapper.find('[data-test=granularity-week]').trigger('click');
    await flushPromises();
    await wrapper.find('input[data-kpi=repeat_rate]').setValue(true);
    await flushPromises();
    await wrapper.find('input[data-kpi=csat]').setValue(false);
    await flushPromises();
    expect(router.currentRoute.value.query.kpis).toBe('resolution_rate,repeat_rate');
    const last = calls.filter((c) => c.url.pathname === '/api/v1/analytics/trends').slice(-1)[0];
    expect(last.url.searchParams.get('granularity')).toBe('week');
    expect(last.url.searchParams.get('kpis')).toBe('resolution_rate,repeat_rate');

    await wrapper.find('[data-test=trend-chart-item]').trigger('click');
    await vi.dynamicImportSettled();
    await flushPromises();
    expect(router.currentRoute.value.query).toMatchObject({ kpi: 'received', from: '2026-11-21T16:00:00.000Z' });
  });

  it('shows the heat map with the busiest hour in Chinese', async () => {
    server();
    const { wrapper } = await mountAt('/dashboard/analysis', 'zh-CN');
    expect(wrapper.find('[data-test=heat-peak]').text()).toBe('最忙时段：周二 10:00–10:59，4 件');
    expect(wrapper.find('[data-test=heat-chart]').attributes('aria-label')).toContain('周二 10:00');
    expect(wrapper.findAll('[data-test=heat-table] tbody tr')).toHaveLength(7);
    expect(wrapper.find('h2#pareto-title').text()).toBe('问题类型帕累托分析');
  });

  it('opens the complaints received in a heat-map cell, from the table and from the chart', async () => {
    const calls = server();
    const { wrapper, router } = await mountAt('/dashboard/analysis?days=90');
    const trends = calls.find((c) => c.url.pathname === '/api/v1/analytics/trends')!;
    const links = wrapper.findAll('a[data-test=heat-cell]');
    expect(links.map((a) => [a.attributes('data-day'), a.attributes('data-hour'), a.text()])).toEqual([['0', '1', '2'], ['1', '10', '4']]);
    expect(wrapper.findAll('[data-test=heat-table] tbody td')).toHaveLength(7 * 24); // the empty cells are plain zeros
    expect(links[1].attributes('aria-label')).toBe('Complaints received on Tue 10:00–10:59: 4');
    const q = new URLSearchParams(links[1].attributes('href')!.split('?')[1]);
    expect(Object.fromEntries(q)).toEqual({
      kpi: 'received', from: trends.url.searchParams.get('from'), to: trends.url.searchParams.get('to'), weekday: 'tue', hour: '10',
      utc_offset: trends.url.searchParams.get('utc_offset'), back: 'analysis',
    });
    await wrapper.find('[data-test=heat-chart-item]').trigger('click');
    await vi.dynamicImportSettled();
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('dashboard-drill');
    expect(router.currentRoute.value.query).toMatchObject({ kpi: 'received', weekday: 'mon', hour: '1' });
  });

  it('keeps the filter in a heat-map cell’s drill-down', async () => {
    server();
    const { wrapper } = await mountAt('/dashboard/analysis?fdim=channel&fval=phone');
    const q = new URLSearchParams(wrapper.find('a[data-test=heat-cell]').attributes('href')!.split('?')[1]);
    expect([q.get('weekday'), q.get('hour'), q.get('group_by'), q.get('group')]).toEqual(['mon', '1', 'channel', 'phone']);
  });

  it('shows the API error of a refused request', async () => {
    server((call) => (call.url.pathname === '/api/v1/analytics/pareto'
      ? { status: 400, body: errorBody('invalid_argument', 'by must be category, channel, team, agent, product or tier', { field: 'by' }) }
      : null));
    const { wrapper } = await mountAt('/dashboard/analysis');
    expect(wrapper.find('[data-test=pareto-error]').text()).toContain('by must be category');
  });
});

describe('Drill-down of received complaints', () => {
  it('asks the intake population, hides the counted column and returns to the analysis page', async () => {
    const calls = server();
    const { wrapper } = await mountAt('/dashboard/drill?kpi=received&from=2026-11-21T16:00:00.000Z&to=2026-11-22T16:00:00.000Z&back=analysis&group_by=category&group=物流配送');
    const drill = calls.find((c) => c.url.pathname === '/api/v1/analytics/kpis/drill')!;
    expect(drill.url.searchParams.get('kpi')).toBe('repeat_rate');
    expect(drill.url.searchParams.get('group')).toBe('物流配送');
    expect(wrapper.find('[data-test=drill-title]').text()).toBe('Complaints received');
    expect(wrapper.find('[data-test=drill-group]').text()).toBe('Category: Delivery');
    expect(wrapper.findAll('[data-test=drill-table] th')).toHaveLength(1);
    expect(wrapper.find('[data-test=drill-table] a').attributes('href')).toBe('/complaints/7');
    expect(wrapper.find('[data-test=drill-back]').attributes('href')).toMatch(/^\/dashboard\/analysis/);
    expect(wrapper.find('[data-test=drill-cell]').exists()).toBe(false);
    expect(drill.url.searchParams.has('weekday')).toBe(false);
  });

  it('asks for a heat-map cell’s complaints and says which cell', async () => {
    const calls = server();
    const { wrapper } = await mountAt('/dashboard/drill?kpi=received&from=2026-08-25T16:00:00.000Z&to=2026-11-23T16:00:00.000Z'
      + '&weekday=tue&hour=9&utc_offset=%2B08:00&back=analysis', 'zh-CN');
    const drill = calls.find((c) => c.url.pathname === '/api/v1/analytics/kpis/drill')!;
    expect(Object.fromEntries(drill.url.searchParams)).toMatchObject({
      kpi: 'repeat_rate', weekday: 'tue', hour: '9', utc_offset: '+08:00', from: '2026-08-25T16:00:00.000Z',
    });
    expect(wrapper.find('[data-test=drill-cell]').text()).toBe('每周二 09:00–09:59 受理（UTC+08:00）');
    expect(wrapper.find('[data-test=drill-table] a').attributes('href')).toBe('/complaints/7');
  });
});

describe('Alerts page', () => {
  it('lists the alerts newest first with what they measured and links to their complaints', async () => {
    const calls = server();
    const { wrapper } = await mountAt('/dashboard/alerts');
    const call = calls.find((c) => c.url.pathname === '/api/v1/analytics/alerts')!;
    const hours = (Date.parse(call.url.searchParams.get('to')!) - Date.parse(call.url.searchParams.get('from')!)) / 3_600_000;
    expect(hours).toBe(24);
    const alerts = wrapper.findAll('[data-test=alert]');
    expect(alerts.map((a) => a.attributes('data-kind'))).toEqual(['sentiment_drift', 'surge']);
    expect(alerts[0].find('[data-test=alert-measured]').text()).toBe('Mean sentiment -0.4, was 0.1, over 11 complaints');
    const surge = alerts[1];
    expect(surge.text()).toContain('Category: Delivery');
    expect(surge.find('[data-test=alert-measured]').text()).toBe('14 complaints, 0.5 expected (28×), p = 1.5e-13');
    expect(surge.findAll('[data-test=alert-complaint]')).toHaveLength(12);
    expect(surge.find('[data-test=alert-complaint]').attributes('href')).toBe('/complaints/100');
    await surge.find('[data-test=alert-more]').trigger('click');
    expect(surge.findAll('[data-test=alert-complaint]')).toHaveLength(14);
  });

  it('filters by kind and period through the address, and says when there are none', async () => {
    const calls = server();
    const { wrapper, router } = await mountAt('/dashboard/alerts');
    await wrapper.find('[data-test=alerts-kind]').setValue('duplicate_cluster');
    await flushPromises();
    expect(router.currentRoute.value.query.kind).toBe('duplicate_cluster');
    expect(calls.slice(-1)[0].url.searchParams.get('kind')).toBe('duplicate_cluster');
    expect(wrapper.find('[data-test=alerts-none]').exists()).toBe(true);
    await wrapper.find('[data-test=alerts-range]').setValue('168');
    await flushPromises();
    const last = calls.slice(-1)[0];
    expect((Date.parse(last.url.searchParams.get('to')!) - Date.parse(last.url.searchParams.get('from')!)) / 3_600_000).toBe(168);
  });

  it('is closed to agents', async () => {
    signInAs('agent');
    server();
    const { router } = await mountAt('/dashboard/alerts');
    expect(router.currentRoute.value.fullPath).toBe('/queue/mine');
  });
});

describe('Feedback-form export', () => {
  function streamingFetch(chunks: string[], headers: Record<string, string>, status = 200) {
    const calls: { url: string; init: RequestInit }[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => { release = r; });
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const encoder = new TextEncoder();
      let i = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (i === 1) await gate; // the first chunk arrives, then the test looks at the progress
          if (i >= chunks.length) controller.close();
          else controller.enqueue(encoder.encode(chunks[i++]));
        },
      });
      return new Response(body, { status, headers });
    });
    return { calls, release };
  }

  it('streams the CSV showing rows received, then saves it under the server’s name', async () => {
    setCsrfToken('tok');
    const saved: { name: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, href: this.href });
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:heed/1'), revokeObjectURL: vi.fn() }));
    const { calls, release } = streamingFetch(
      ['\ufeff客户编号,服务类型\n', 'C1,投诉\nC2,投诉\n', 'C3,咨询\n'],
      { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="feedback-form-2026.csv"' });
    const wrapper = mount(FeedbackExport, { global: { plugins: [testI18n('en')] }, attachTo: document.body });
    mounted.push(wrapper);
    await wrapper.find('[data-test=export-format]').setValue('csv');
    await wrapper.find('[data-test=export-lang]').setValue('zh');
    await wrapper.find('[data-test=export-from]').setValue('2026-11-01');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls[0].url).toBe('/api/v1/exports/feedback-form?format=csv&lang=zh&from=2026-11-01T00%3A00%3A00Z');
    expect(calls[0].init.credentials).toBe('same-origin');
    expect(wrapper.find('[data-test=export-progress]').text()).toMatch(/Downloading… \d+ B, 0 rows/);
    expect(wrapper.find('[data-test=export-download]').attributes('disabled')).toBeDefined();
    release();
    await flushPromises();
    await new Promise((r) => setTimeout(r, 0));
    await flushPromises();
    expect(wrapper.find('[data-test=export-progress]').exists()).toBe(false);
    expect(wrapper.find('[data-test=export-result]').text()).toMatch(/^Downloaded feedback-form-2026.csv \(\d+ B, 3 rows\)\.$/);
    expect(saved).toEqual([{ name: 'feedback-form-2026.csv', href: 'blob:heed/1' }]);
  });

  it('shows the API’s refusal, and refuses a reversed period before asking', async () => {
    const wrapper = mount(FeedbackExport, { global: { plugins: [testI18n('en')] } });
    mounted.push(wrapper);
    const calls = scriptFetch(() => ({ status: 403, body: errorBody('forbidden', 'contact details are not for analysts') }));
    await wrapper.find('[data-test=export-from]').setValue('2026-11-10');
    await wrapper.find('[data-test=export-to]').setValue('2026-11-01');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls).toHaveLength(0);
    expect(wrapper.find('[data-test=export-result]').text()).toBe('Choose a start date on or before the end date.');
    await wrapper.find('[data-test=export-to]').setValue('');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls).toHaveLength(1);
    expect(calls[0].url.searchParams.get('to')).toBeNull();
    expect(wrapper.find('[data-test=export-result]').text()).toBe('contact details are not for analysts');
  });
});

describe('Problems and trends with a filter', () => {
  it('filters by one value once chosen; trends drill within it, the Pareto bars do not drill', async () => {
    const calls = server();
    const { wrapper, router } = await mountAt('/dashboard/analysis?by=channel');
    await wrapper.find('[data-test=filter-dim]').setValue('category');
    await flushPromises();
    // A dimension alone filters nothing yet.
    expect(router.currentRoute.value.query.fdim).toBe('category');
    expect(calls.filter((c) => c.url.pathname === '/api/v1/analytics/pareto').slice(-1)[0].url.searchParams.has('category')).toBe(false);
    await wrapper.find('[data-test=filter-value]').setValue('物流配送');
    await flushPromises();
    expect(router.currentRoute.value.query.fval).toBe('物流配送');
    const pareto = calls.filter((c) => c.url.pathname === '/api/v1/analytics/pareto').slice(-1)[0];
    expect(pareto.url.searchParams.get('category')).toBe('物流配送');
    expect(pareto.url.searchParams.get('by')).toBe('channel');
    expect(calls.filter((c) => c.url.pathname === '/api/v1/analytics/trends').slice(-1)[0].url.searchParams.get('category')).toBe('物流配送');
    expect(wrapper.find('[data-test=pareto-no-drill]').exists()).toBe(true);
    expect(wrapper.find('a[data-test=pareto-count]').exists()).toBe(false);
    const received = wrapper.find('a[data-test=trend-received]');
    const q = new URLSearchParams(received.attributes('href')!.split('?')[1]);
    expect([q.get('kpi'), q.get('group_by'), q.get('group')]).toEqual(['received', 'category', '物流配送']);
    const csat = new URLSearchParams(wrapper.find('a[data-kpi=csat]').attributes('href')!.split('?')[1]);
    expect([csat.get('kpi'), csat.get('group_by'), csat.get('group')]).toEqual(['csat', 'category', '物流配送']);
    // "All complaints" clears it.
    await wrapper.find('[data-test=filter-dim]').setValue('');
    await flushPromises();
    expect(router.currentRoute.value.query.fval).toBeUndefined();
    expect(wrapper.find('a[data-test=pareto-count]').exists()).toBe(true);
  });

  it('takes a typed value for dimensions without a fixed list', async () => {
    const calls = server();
    const { wrapper } = await mountAt('/dashboard/analysis?fdim=team');
    await wrapper.find('[data-test=filter-value]').setValue('一组');
    await wrapper.find('form.filter-bar').trigger('submit');
    await flushPromises();
    expect(calls.filter((c) => c.url.pathname === '/api/v1/analytics/trends').slice(-1)[0].url.searchParams.get('team')).toBe('一组');
  });
});
