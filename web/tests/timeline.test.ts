import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { ComplaintEvent, Message } from '../src/api/types';
import TimelineList from '../src/components/TimelineList.vue';
import { mergeTimeline } from '../src/timeline/merge';
import { testI18n } from './helpers';

function message(id: number, at: string, direction: Message['direction'], body: string): Message {
  return { id, complaint_id: 1, direction, body, author: 'agent', author_role: 'agent', created_at: at };
}
function event(id: number, at: string, kind: string, extra: Partial<ComplaintEvent> = {}): ComplaintEvent {
  return { id, complaint_id: 1, kind, field: '', before: '', after: '', note: '', actor: 'lead', actor_role: 'team_lead', at, ...extra };
}

const messages = [
  message(11, '2026-11-20T10:00:00.000Z', 'outbound', 'We are on it'),
  message(12, '2026-11-20T09:00:00.000Z', 'inbound', 'Where is my parcel?'),
  message(13, '2026-11-20T12:00:00.000Z', 'internal', 'Called the courier'),
];
const events = [
  event(1, '2026-11-20T08:00:00.000Z', 'created', { after: 'TS202611000001' }),
  event(2, '2026-11-20T10:00:00.000Z', 'status_changed', { field: 'status', before: 'assigned', after: 'in_progress' }),
  event(3, '2026-11-20T10:00:00.000Z', 'message_added', { field: 'outbound', after: '11' }),
  event(4, '2026-11-20T11:00:00.000Z', 'field_changed', { field: 'urgency', before: 'general', after: 'urgent' }),
];

describe('mergeTimeline', () => {
  it('merges messages and events oldest first', () => {
    const merged = mergeTimeline(messages, events);
    expect(merged.map((e) => e.key)).toEqual(['e1', 'm12', 'e2', 'm11', 'e4', 'm13']);
  });

  it('leaves out message_added events, whose message is in the list', () => {
    expect(mergeTimeline(messages, events).some((e) => e.key === 'e3')).toBe(false);
  });

  it('puts an event before a message at the same instant, and keeps id order in ties', () => {
    const same = '2026-11-20T10:00:00.000Z';
    const merged = mergeTimeline([message(5, same, 'outbound', 'b'), message(4, same, 'outbound', 'a')],
                                 [event(9, same, 'status_changed')]);
    expect(merged.map((e) => e.key)).toEqual(['e9', 'm4', 'm5']);
  });

  it('orders instants written with different offsets by the instant', () => {
    const merged = mergeTimeline([message(1, '2026-11-20T09:30:00+08:00', 'inbound', 'x')],
                                 [event(1, '2026-11-20T02:00:00.000Z', 'created')]);
    expect(merged.map((e) => e.key)).toEqual(['m1', 'e1']);
  });
});

describe('TimelineList', () => {
  it('renders the merged timeline in time order with translated text', () => {
    const wrapper = mount(TimelineList, {
      props: { entries: mergeTimeline(messages, events) },
      global: { plugins: [testI18n('en')] },
    });
    const items = wrapper.findAll('li');
    expect(items.map((li) => li.attributes('data-kind'))).toEqual(
      ['created', 'inbound', 'status_changed', 'outbound', 'field_changed', 'internal']);
    expect(items[0].text()).toContain('Complaint registered as TS202611000001');
    expect(items[1].text()).toContain('Where is my parcel?');
    expect(items[2].text()).toContain('Status changed from Assigned to In progress');
    expect(items[4].text()).toContain('Urgency changed from “General” to “Urgent”');
    expect(items[5].text()).toContain('Internal note');
  });

  it('speaks Chinese when the locale is zh-CN', () => {
    const wrapper = mount(TimelineList, {
      props: { entries: mergeTimeline(messages, events) },
      global: { plugins: [testI18n('zh-CN')] },
    });
    expect(wrapper.text()).toContain('状态由 已分派 变为 处理中');
    expect(wrapper.text()).toContain('内部备注');
  });
});
