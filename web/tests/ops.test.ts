import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { setCsrfToken } from '../src/api/client';
import type { SlaView } from '../src/api/ops';
import type { Role } from '../src/api/types';
import CompensationPanel from '../src/components/ops/CompensationPanel.vue';
import SlaPanel from '../src/components/ops/SlaPanel.vue';
import TriagePanel from '../src/components/ops/TriagePanel.vue';
import { session } from '../src/session/session';
import { complaint, errorBody, scriptFetch, testI18n, testRouter } from './helpers';

const mounted: VueWrapper[] = [];
const Root = defineComponent({ render: () => h(RouterView) });

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

function mountPanel<T>(component: T, props: Record<string, unknown>, locale: 'en' | 'zh-CN' = 'en') {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const wrapper = mount(component as any, { props, global: { plugins: [testI18n(locale)] }, attachTo: document.body });
  mounted.push(wrapper);
  return wrapper;
}

const kNow = '2026-11-23T10:00:00.000Z';
function clock(state: string, due: string | null, extra: Record<string, unknown> = {}) {
  return { state, started_at: '2026-11-23T08:00:00.000Z', due, warning_at: null, met_at: null, breached_at: null,
           elapsed_business_ms: 0, remaining_business_ms: 0, remaining_ms: null, breaches: 0, ...extra };
}
function slaView(overrides: Partial<SlaView> = {}): SlaView {
  return {
    policy: 'urgent', state: 'breached', now: kNow,
    first_response: clock('breached', '2026-11-23T09:30:00.000Z', { breached_at: '2026-11-23T09:30:00.000Z', breaches: 1 }),
    next_update: clock('inactive', null),
    resolution: clock('running', '2026-11-23T12:05:30.000Z'),
    regulatory_due: null, escalation_level: 'team_lead', escalation_reason: 'SLA breached: first_response',
    ...overrides,
  } as SlaView;
}

beforeEach(() => {
  signInAs('agent', 'agent');
  setCsrfToken('csrf-5');
});
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('SLA queues', () => {
  it('asks for breached complaints by due time and shows their badge and how late they are', async () => {
    const late = complaint({ id: 5, status: 'new', first_response_at: null, first_response_due: '2020-01-01T00:00:00.000Z',
                             sla: { policy: 'urgent', state: 'breached', escalation_level: 'team_lead', escalation_reason: '' } });
    const calls = scriptFetch(() => ({ body: { items: [late], next_cursor: null } }));
    const { wrapper } = await mountAt('/queue/breached');
    const q = calls[0].url.searchParams;
    expect(q.get('sla_state')).toBe('breached');
    expect(q.get('sort')).toBe('due_asc');
    expect(q.get('status')?.split(',')).toContain('new');
    const row = wrapper.find('tbody tr[data-id="5"]');
    expect(row.find('[data-sla=breached]').text()).toBe('Breached');
    expect(row.find('[data-test=countdown]').attributes('data-tone')).toBe('breached');
    expect(row.find('[data-test=countdown]').text()).toMatch(/^overdue by [\d,]+d/);
  });

  it('"Due soon" asks for warning clocks, "Triage" for the triage queue', async () => {
    const calls = scriptFetch(() => ({ body: { items: [], next_cursor: null } }));
    const { router } = await mountAt('/queue/due');
    expect(calls[0].url.searchParams.get('sla_state')).toBe('warning');
    await router.push('/queue/triage');
    await flushPromises();
    const last = calls[calls.length - 1].url.searchParams;
    expect(last.get('queue')).toBe('triage');
    expect(last.get('sla_state')).toBeNull();
  });

  it('names the queues in Chinese', async () => {
    scriptFetch(() => ({ body: { items: [], next_cursor: null } }));
    const { wrapper } = await mountAt('/queue/breached', 'zh-CN');
    expect(wrapper.find('[data-queue=breached]').text()).toBe('已超时');
    expect(wrapper.find('[data-queue=due]').text()).toBe('即将到期');
  });
});

describe('SlaPanel', () => {
  it('shows each clock with a live countdown on the server’s time, and the escalation', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(Date.parse('2026-11-23T09:00:00.000Z')); // the browser is an hour behind the server
    const calls = scriptFetch(() => ({ body: slaView() }));
    const wrapper = mountPanel(SlaPanel, { complaint: complaint({ id: 8 }), canEscalate: true });
    await flushPromises();
    expect(calls[0].url.pathname).toBe('/api/v1/complaints/8/sla');
    const first = wrapper.find('[data-clock=first_response]');
    expect(first.text()).toContain('Breached');
    expect(first.find('[data-test=countdown]').text()).toBe('overdue by 30m 0s');
    const resolution = wrapper.find('[data-clock=resolution] [data-test=countdown]');
    expect(resolution.text()).toBe('2h 5m left');
    expect(wrapper.find('[data-clock=next_update]').text()).toContain('No target');
    expect(wrapper.find('[data-test=escalation-level]').text()).toBe('Team lead');
    expect(wrapper.find('[data-test=escalation-reason]').text()).toContain('first_response');
    vi.advanceTimersByTime(31_000);
    await flushPromises();
    expect(wrapper.find('[data-clock=first_response] [data-test=countdown]').text()).toBe('overdue by 30m 31s');
    expect(wrapper.find('[data-clock=resolution] [data-test=countdown]').text()).toBe('2h 4m left');
  });

  it('escalates with a reason, sent with the CSRF token, and tells the page', async () => {
    const calls = scriptFetch((call) => (call.method === 'POST'
      ? { body: complaint({ id: 8, version: 2 }) }
      : { body: slaView() }));
    const wrapper = mountPanel(SlaPanel, { complaint: complaint({ id: 8 }), canEscalate: true });
    await flushPromises();
    await wrapper.find('[data-test=escalate]').trigger('click');
    expect(wrapper.find('[data-test=confirm-escalate]').attributes('disabled')).toBeDefined();
    await wrapper.find('#escalate-reason').setValue('  客户投诉到监管部门  ');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/complaints/8/escalate');
    expect(post.body).toEqual({ reason: '客户投诉到监管部门' });
    expect(post.headers['x-csrf-token']).toBe('csrf-5');
    expect(wrapper.emitted('changed')).toHaveLength(1);
    expect(wrapper.find('[data-test=escalated]').exists()).toBe(true);
  });

  it('shows the server’s refusal and cannot escalate past the top', async () => {
    scriptFetch((call) => (call.method === 'POST'
      ? { status: 400, body: errorBody('failed_precondition', 'the complaint is closed') }
      : { body: slaView() }));
    const wrapper = mountPanel(SlaPanel, { complaint: complaint({ id: 8 }), canEscalate: true });
    await flushPromises();
    await wrapper.find('[data-test=escalate]').trigger('click');
    await wrapper.find('#escalate-reason').setValue('why');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=escalate-error]').text()).toBe('the complaint is closed');

    scriptFetch(() => ({ body: slaView({ escalation_level: 'director' }) }));
    const top = mountPanel(SlaPanel, { complaint: complaint({ id: 9 }), canEscalate: true }, 'zh-CN');
    await flushPromises();
    expect(top.find('[data-test=escalate]').attributes('disabled')).toBeDefined();
    expect(top.find('[data-test=escalation-level]').text()).toBe('总监／法务');
  });
});

describe('CompensationPanel', () => {
  const pending = {
    id: 31, complaint_id: 4, complaint_number: 'TS202611000004', kind: 'refund', amount_minor: 15050, currency: 'CNY',
    reason: '重复扣款', required_role: 'team_lead', status: 'pending', requested_by: 'lead', requested_role: 'team_lead',
    requested_at: '2026-11-23T09:00:00.000Z', decided_by: null, decided_role: null, decided_at: null, decision_reason: '',
  };

  it('sends a request in minor units and reloads the list', async () => {
    let items: unknown[] = [];
    const calls = scriptFetch((call) => {
      if (call.method === 'POST') {
        items = [{ ...pending, requested_by: 'agent' }];
        return { status: 201, body: items[0] };
      }
      return { body: { items, totals: items.length ? [{ currency: 'CNY', requested: 15050, approved: 0, rejected: 0, pending: 15050 }] : [] } };
    });
    const wrapper = mountPanel(CompensationPanel, { complaint: complaint({ id: 4 }), role: 'agent', username: 'agent' });
    await flushPromises();
    expect(wrapper.text()).toContain('No compensation requested.');
    await wrapper.find('[data-test=comp-request]').trigger('click');
    await wrapper.find('#comp-amount').setValue('150.50');
    await wrapper.find('#comp-reason').setValue('重复扣款');
    await wrapper.find('[data-test=comp-form]').trigger('submit');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/complaints/4/compensations');
    expect(post.body).toEqual({ kind: 'refund', amount_minor: 15050, currency: 'CNY', reason: '重复扣款' });
    expect(wrapper.find('[data-test=comp-notice]').text()).toContain('Team lead');
    expect(wrapper.find('li[data-status=pending]').text()).toContain('Pending approval');
    expect(wrapper.find('[data-test=approve]').exists()).toBe(false); // agents do not decide
  });

  it('refuses a bad amount without calling the server', async () => {
    const calls = scriptFetch(() => ({ body: { items: [], totals: [] } }));
    const wrapper = mountPanel(CompensationPanel, { complaint: complaint({ id: 4 }), role: 'agent', username: 'agent' });
    await flushPromises();
    await wrapper.find('[data-test=comp-request]').trigger('click');
    await wrapper.find('#comp-amount').setValue('-3');
    await wrapper.find('#comp-reason').setValue('x');
    await wrapper.find('[data-test=comp-form]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=comp-error]').text()).toContain('greater than zero');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('shows the refusal of a decision on one’s own request', async () => {
    const calls = scriptFetch((call) => (call.method === 'POST'
      ? { status: 403, body: errorBody('permission_denied', 'nobody approves or rejects their own request') }
      : { body: { items: [pending], totals: [] } }));
    const wrapper = mountPanel(CompensationPanel, { complaint: complaint({ id: 4 }), role: 'team_lead', username: 'lead' });
    await flushPromises();
    expect(wrapper.find('[data-test=decision]').text()).toContain('Your own request');
    await wrapper.find('[data-test=approve]').trigger('click');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/approvals/31/decision');
    expect(post.body).toEqual({ decision: 'approve', reason: '' });
    expect(wrapper.find('[data-test=decision-error]').text()).toBe('nobody approves or rejects their own request');
  });
});

describe('TriagePanel', () => {
  const record = complaint({
    id: 12, version: 4, category: '物流配送', urgency: 'general', severity: null,
    field_sources: { category: 'model', urgency: 'rule' },
    triage: { review_fields: ['category', 'severity'], confidences: { category: 0.42 } },
  });

  it('shows the source and confidence of each field and marks the ones to review', () => {
    const wrapper = mountPanel(TriagePanel, { complaint: record, canEdit: true });
    const category = wrapper.find('tr[data-field=category]');
    expect(category.text()).toContain('Delivery');
    expect(category.text()).toContain('model · confidence 42%');
    expect(category.classes()).toContain('review');
    expect(wrapper.find('tr[data-field=urgency]').text()).toContain('rule');
    expect(wrapper.find('tr[data-field=urgency]').classes()).not.toContain('review');
    expect(wrapper.find('[data-test=needs-review]').exists()).toBe(true);
  });

  it('sends only the corrected fields with the version, and confirms the rest as they are', async () => {
    const calls = scriptFetch(() => ({ body: { ...record, version: 5 } }));
    const wrapper = mountPanel(TriagePanel, { complaint: record, canEdit: true });
    await wrapper.find('[data-test=triage-edit]').trigger('click');
    await wrapper.find('#tr-category').setValue('产品质量');
    await wrapper.find('#tr-severity').setValue('4');
    await wrapper.find('[data-test=triage-form]').trigger('submit');
    await flushPromises();
    expect(calls[0].method).toBe('PATCH');
    expect(calls[0].body).toEqual({ version: 4, category: '产品质量', severity: 4 });
    expect(wrapper.emitted('changed')).toHaveLength(1);

    await wrapper.find('[data-test=triage-confirm]').trigger('click');
    await flushPromises();
    expect(calls[1].body).toEqual({ version: 4, triage_reviewed: true });
  });

  it('reports a 409 to the page', async () => {
    scriptFetch(() => ({ status: 409, body: errorBody('conflict', 'stale') }));
    const wrapper = mountPanel(TriagePanel, { complaint: record, canEdit: true });
    await wrapper.find('[data-test=triage-confirm]').trigger('click');
    await flushPromises();
    expect(wrapper.emitted('conflict')).toHaveLength(1);
  });
});

describe('SLA settings', () => {
  const policies = {
    policies: [
      { name: 'urgent', conditions: { urgency: ['urgent'], min_severity: null, tier: [], category: [], channel: [] },
        calendar: '24x7', targets: { first_response_minutes: 120, next_update_minutes: null, resolution_minutes: 1440 }, warn_share: 0.75 },
      { name: 'general', conditions: { urgency: [], min_severity: null, tier: [], category: [], channel: [] },
        calendar: '24x7', targets: { first_response_minutes: 1440, next_update_minutes: null, resolution_minutes: 2880 }, warn_share: 0.75 },
    ],
    regulatory: { days: null, calendar: '' },
  };
  const calendars = { items: [{ name: '24x7', time_zone: 'UTC', utc_offset: '+00:00', week: { mon: ['00:00-24:00'] }, holidays: [], extra_working_days: [] }] };

  it('edits a policy in hours and saves the whole ordered list in minutes', async () => {
    signInAs('manager');
    const calls = scriptFetch((call) => {
      if (call.url.pathname === '/api/v1/calendars') return { body: calendars };
      if (call.method === 'PUT') return { body: { ...(call.body as object), regulatory: {}, recomputed: 7 } };
      return { body: policies };
    });
    const { wrapper } = await mountAt('/admin/sla');
    expect(wrapper.findAll('tr[data-policy]').map((r) => r.attributes('data-policy'))).toEqual(['urgent', 'general']);
    await wrapper.find('tr[data-policy=general] [data-test=policy-edit]').trigger('click');
    await wrapper.find('#pol-resolution').setValue('72');
    await wrapper.find('#pol-next').setValue('1.5');
    await wrapper.find('[data-test=policy-form]').trigger('submit');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT')!;
    const sent = (put.body as typeof policies).policies;
    expect(sent.map((p) => p.name)).toEqual(['urgent', 'general']);
    expect(sent[1].targets).toEqual({ first_response_minutes: 1440, next_update_minutes: 90, resolution_minutes: 4320 });
    expect(sent[0]).toEqual(policies.policies[0]);
    expect(wrapper.find('[data-test=notice]').text()).toContain('7 open complaints recomputed');
  });

  it('says the open complaints are being recomputed while a save runs', async () => {
    signInAs('manager');
    let release: (() => void) | null = null;
    scriptFetch(async (call) => {
      if (call.url.pathname === '/api/v1/calendars') return { body: calendars };
      if (call.method === 'PUT') {
        await new Promise<void>((resolve) => { release = resolve; });
        return { body: { ...(call.body as object), regulatory: {}, recomputed: 3 } };
      }
      return { body: policies };
    });
    const { wrapper } = await mountAt('/admin/sla');
    await wrapper.find('tr[data-policy=general] [data-test=policy-edit]').trigger('click');
    await wrapper.find('[data-test=policy-form]').trigger('submit');
    await flushPromises();
    const save = wrapper.find('[data-test=policy-save]');
    expect(save.attributes('aria-busy')).toBe('true');
    expect(save.text()).toContain('recomputing the due times of open complaints');
    release!();
    await flushPromises();
    expect(wrapper.find('[data-test=notice]').text()).toContain('3 open complaints recomputed');
  });

  it('refuses a target that is not a number of hours', async () => {
    signInAs('admin');
    const calls = scriptFetch((call) => (call.url.pathname === '/api/v1/calendars' ? { body: calendars } : { body: policies }));
    const { wrapper } = await mountAt('/admin/sla');
    await wrapper.find('tr[data-policy=urgent] [data-test=policy-edit]').trigger('click');
    await wrapper.find('#pol-first').setValue('two');
    await wrapper.find('[data-test=policy-form]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=policy-error]').text()).toContain('number of hours');
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('is read-only for an agent-level viewer and closed to agents', async () => {
    signInAs('agent');
    scriptFetch(() => ({ body: { items: [], next_cursor: null } }));
    const { router } = await mountAt('/admin/sla');
    expect(router.currentRoute.value.path).toBe('/queue/mine');
  });
});

describe('Teams', () => {
  it('adds a team with its lead and department flag', async () => {
    signInAs('admin');
    const calls = scriptFetch((call) => {
      if (call.method === 'PUT') return { body: { name: '投诉升级组', lead: 'lead', department: true, members: [], updated_at: kNow } };
      if (call.url.pathname === '/api/v1/agents') return { body: { items: [] } };
      return { body: { items: [] } };
    });
    const { wrapper } = await mountAt('/admin/teams');
    await wrapper.find('[data-test=team-add]').trigger('click');
    await wrapper.find('#team-name').setValue('投诉升级组');
    await wrapper.find('#team-lead').setValue('lead');
    await wrapper.find('[data-test=team-form] input[type=checkbox]').setValue(true);
    await wrapper.find('[data-test=team-form]').trigger('submit');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.url.pathname).toBe(`/api/v1/teams/${encodeURIComponent('投诉升级组')}`);
    expect(put.body).toEqual({ lead: 'lead', department: true });
    expect(wrapper.find('[data-test=notice]').text()).toBe('Team 投诉升级组 saved.');
  });
});

describe('Follow-ups', () => {
  const followUp = (id: number, kind: 'day3' | 'day7') => ({
    id, complaint_id: 40 + id, number: `TS2026110000${40 + id}`, kind, due_at: '2026-11-20T08:00:00.000Z', assignee: 'agent',
    team: '', status: 'pending', timeliness: 'overdue', outcome: null, note: '', created_at: '2026-11-17T08:00:00.000Z',
    done_at: null, done_by: '', survey_id: null,
  });

  it('lists my due calls of one kind and records a day-3 "not solved", which reopens', async () => {
    const calls = scriptFetch((call) => {
      if (call.method === 'POST') {
        return { body: { follow_up: { ...followUp(1, 'day3'), status: 'done', outcome: 'not_solved' },
                         complaint: { id: 41, number: 'TS202611000041', status: 'reopened', version: 9 } } };
      }
      return { body: { items: [followUp(1, 'day3'), followUp(2, 'day7')], next_after_id: null } };
    });
    const { wrapper } = await mountAt('/followups/day3');
    const q = calls[0].url.searchParams;
    expect(q.get('status')).toBe('due');
    expect(q.get('agent')).toBe('agent');
    expect(wrapper.findAll('tr[data-followup]').map((r) => r.attributes('data-followup'))).toEqual(['1']);
    await wrapper.find('[data-test=record]').trigger('click');
    await wrapper.find('input[type=radio][value=no]').setValue(true);
    expect(wrapper.text()).toContain('The complaint will be reopened.');
    await wrapper.find('#fu-note-1').setValue('客户说还没修好');
    await wrapper.find('.followup-form').trigger('submit');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/followups/1/outcome');
    expect(post.body).toEqual({ solved: false, note: '客户说还没修好' });
    expect(wrapper.find('[data-test=followup-notice]').text()).toBe('Recorded for TS202611000041; the complaint is now Reopened.');
  });

  it('records a day-7 call with the survey choice, and shows everyone’s overdue calls on request', async () => {
    const calls = scriptFetch((call) => (call.method === 'POST'
      ? { body: { follow_up: followUp(2, 'day7'), complaint: { id: 42, number: 'TS202611000042', status: 'closed', version: 3 } } }
      : { body: { items: [followUp(2, 'day7')], next_after_id: null } }));
    const { wrapper } = await mountAt('/followups/day7?status=overdue&all=1', 'zh-CN');
    expect(calls[0].url.searchParams.get('status')).toBe('overdue');
    expect(calls[0].url.searchParams.get('agent')).toBeNull();
    await wrapper.find('[data-test=record]').trigger('click');
    await wrapper.find('input[type=checkbox]').setValue(false);
    await wrapper.find('.followup-form').trigger('submit');
    await flushPromises();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ reached: true, note: '', send_survey: false });
    expect(wrapper.find('[data-test=followup-notice]').text()).toContain('已关闭');
  });
});

describe('Approvals page', () => {
  it('lists what waits for me and decides with a reason; closed to agents', async () => {
    signInAs('team_lead', 'lead');
    const item = {
      id: 7, complaint_id: 4, complaint_number: 'TS202611000004', kind: 'refund', amount_minor: 15000, currency: 'CNY',
      reason: '重复扣款', required_role: 'team_lead', status: 'pending', requested_by: 'agent', requested_role: 'agent',
      requested_at: kNow, decided_by: null, decided_role: null, decided_at: null, decision_reason: '',
    };
    const calls = scriptFetch((call) => (call.method === 'POST'
      ? { body: { ...item, status: 'approved', decided_by: 'lead' } }
      : { body: { items: call.url.searchParams.get('status') === 'pending' ? [item] : [] } }));
    const { wrapper } = await mountAt('/approvals');
    expect(calls[0].url.searchParams.get('status')).toBe('pending');
    expect(wrapper.find('tr[data-comp="7"]').text()).toContain('CN¥150.00');
    await wrapper.find('tr[data-comp="7"] input').setValue('属实');
    await wrapper.find('[data-test=approve]').trigger('click');
    await flushPromises();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ decision: 'approve', reason: '属实' });
    expect(wrapper.find('[data-test=approvals-notice]').text()).toBe('Compensation for TS202611000004 approved.');

    signInAs('agent');
    const { router } = await mountAt('/approvals');
    expect(router.currentRoute.value.path).toBe('/queue/mine');
  });
});

describe('Calendars, rules and limits', () => {
  it('imports holidays from an .ics file and says how many were added', async () => {
    signInAs('admin');
    const own = { name: 'office', time_zone: 'Asia/Shanghai', utc_offset: '+08:00', week: { mon: ['09:00-18:00'] }, holidays: [], extra_working_days: [] };
    const calls = scriptFetch((call) => {
      if (call.method === 'POST') return { body: { ...own, holidays: ['2026-10-01', '2026-10-02'], added: 2 } };
      if (call.url.pathname === '/api/v1/calendars') return { body: { items: [own] } };
      return { body: { policies: [], regulatory: {} } };
    });
    const { wrapper } = await mountAt('/admin/sla');
    const input = wrapper.find('[data-calendar=office] [data-test=ics-input]');
    const file = new File(['BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'], 'holidays.ics', { type: 'text/calendar' });
    Object.defineProperty(input.element, 'files', { value: [file] });
    await input.trigger('change');
    await flushPromises();
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/calendars/office/holidays');
    expect(post.body).toEqual({ ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' });
    await flushPromises();
    expect(wrapper.find('[data-test=notice]').text()).toBe('2 holidays added to office.');
  });

  it('refuses rule conditions that are not a JSON object before calling the server, and shows the server’s field', async () => {
    signInAs('manager');
    const calls = scriptFetch((call) => (call.method === 'POST'
      ? { status: 400, body: errorBody('invalid_argument', 'then.set.urgency has an unknown value', { field: 'then.set.urgency' }) }
      : { body: { items: [] } }));
    const { wrapper } = await mountAt('/admin/rules');
    await wrapper.find('[data-test=rule-add]').trigger('click');
    await wrapper.find('#rule-name').setValue('lawsuit');
    await wrapper.find('#rule-when').setValue('[1, 2]');
    await wrapper.find('[data-test=rule-form]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test=rule-error]').text()).toContain('is not a JSON object');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await wrapper.find('#rule-when').setValue('{"keywords_any": ["起诉"]}');
    await wrapper.find('[data-test=rule-form]').trigger('submit');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ name: 'lawsuit', priority: 100, enabled: true, when: { keywords_any: ['起诉'] },
                                then: { set: { urgency: 'urgent' } } });
    expect(wrapper.find('[data-test=rule-error]').text()).toBe('then.set.urgency has an unknown value (then.set.urgency)');
  });

  it('saves approval limits in minor units (directors see only this page, the templates and analytics in Administration)', async () => {
    signInAs('director');
    const calls = scriptFetch((call) => {
      if (call.url.pathname === '/api/v1/settings/routing') return { status: 403, body: errorBody('permission_denied', 'no') };
      if (call.method === 'PUT') return { body: call.body };
      return { body: { currency: 'CNY', team_lead_max: 100000, manager_max: 500000 } };
    });
    const { wrapper } = await mountAt('/admin/settings');
    expect(wrapper.find('[data-test=limits-summary]').text()).toContain('CN¥1,000.00');
    expect(wrapper.findAll('nav.tabs a').map((a) => a.text())).toEqual(['Templates', 'Approvals and routing', 'Analytics']);
    await wrapper.find('#lim-lead').setValue('2000.5');
    await wrapper.find('[data-test=limits-form]').trigger('submit');
    await flushPromises();
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ currency: 'CNY', team_lead_max: 200050, manager_max: 500000 });
    expect(wrapper.find('[data-test=limits-saved]').exists()).toBe(true);
  });
});
