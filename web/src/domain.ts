// Fixed vocabularies of Heed (SPEC §1–2, docs/workflow.md) as the web application shows them.

import type { Channel, Status } from './api/types';

export const kStatuses: Status[] = [
  'new', 'triaged', 'assigned', 'in_progress', 'reopened',
  'waiting_customer', 'waiting_department', 'resolved', 'follow_up',
  'closed', 'merged', 'rejected',
];

export type StatusGroup = 'open' | 'paused' | 'solved' | 'ended';

const kGroups: Record<Status, StatusGroup> = {
  new: 'open', triaged: 'open', assigned: 'open', in_progress: 'open', reopened: 'open',
  waiting_customer: 'paused', waiting_department: 'paused',
  resolved: 'solved', follow_up: 'solved',
  closed: 'ended', merged: 'ended', rejected: 'ended',
};

export function statusGroup(status: Status | string): StatusGroup {
  return kGroups[status as Status] ?? 'open';
}

/** Statuses that still need work from us (open and paused). */
export const kActiveStatuses: Status[] = kStatuses.filter((s) => ['open', 'paused'].includes(kGroups[s]));

export const kChannels: Channel[] = ['phone', 'email', 'web', 'app', 'wechat', 'in_person', 'letter', 'api'];
export const kUrgencies = ['urgent', 'important', 'general'] as const;
export const kServiceTypes = ['consultation', 'complaint', 'after_sales', 'suggestion'] as const;
export const kDifficulties = ['simple', 'complex', 'difficult'] as const;
export const kServiceStages = ['pre_sale', 'in_sale', 'after_sale'] as const;

/** The default taxonomy: the stored value is the Chinese name, the key names the translation. */
export const kCategories: { value: string; key: string }[] = [
  { value: '产品质量', key: 'product_quality' },
  { value: '服务态度', key: 'service_attitude' },
  { value: '物流配送', key: 'delivery' },
  { value: '价格争议', key: 'price_billing' },
  { value: '退换货', key: 'returns' },
  { value: '信息不准确', key: 'misinformation' },
  { value: '售后服务', key: 'after_sales' },
  { value: '承诺未兑现', key: 'broken_promise' },
  { value: '隐私与安全', key: 'privacy_security' },
  { value: '其他', key: 'other' },
];

export function categoryKey(value: string): string | null {
  return kCategories.find((c) => c.value === value)?.key ?? null;
}

export const kCurrencies = ['CNY', 'USD', 'EUR', 'HKD', 'GBP', 'JPY'];
