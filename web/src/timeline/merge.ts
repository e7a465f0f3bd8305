// The complaint timeline: messages and events merged in time order.

import type { ComplaintEvent, Message } from '../api/types';

export type TimelineEntry =
  | { kind: 'message'; at: string; key: string; message: Message }
  | { kind: 'event'; at: string; key: string; event: ComplaintEvent };

/**
 * Merges messages and events oldest first. A `message_added` event only says that a message
 * exists, and the message itself is in the list, so it is left out. At the same instant an
 * event comes before a message (a status change is usually why the message was written), and
 * ties within one kind keep the server's id order.
 */
export function mergeTimeline(messages: Message[], events: ComplaintEvent[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...events
      .filter((e) => e.kind !== 'message_added')
      .map((event): TimelineEntry => ({ kind: 'event', at: event.at, key: `e${event.id}`, event })),
    ...messages.map((message): TimelineEntry => ({
      kind: 'message', at: message.created_at, key: `m${message.id}`, message,
    })),
  ];
  const rank = (e: TimelineEntry) => (e.kind === 'event' ? 0 : 1);
  const id = (e: TimelineEntry) => (e.kind === 'event' ? e.event.id : e.message.id);
  return entries.sort((a, b) => {
    const ta = Date.parse(a.at);
    const tb = Date.parse(b.at);
    if (ta !== tb) return ta - tb;
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    return id(a) - id(b);
  });
}
