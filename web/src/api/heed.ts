// Typed calls of the Heed API used by the web application.

import { request, type Query } from './client';
import type {
  AuditVerification, Complaint, ComplaintEvent, ComplaintList, DataRunResult, Direction, Message, PublicIntakeAnswer,
  RetentionAction, RetentionPolicy, Role, SessionInfo, Status, TextModelInfo, TrackResult, Tracking,
  TrainedTextModel, User,
} from './types';

const base = '/api/v1';

export interface ListQuery {
  /** Exactly this complaint number (TS…): that complaint or none. */
  number?: string;
  status?: string;
  category?: string;
  assignee?: string;
  channel?: string;
  received_from?: string;
  received_to?: string;
  q?: string;
  sort?: 'received_desc' | 'received_asc' | 'due_asc';
  /** Comma-separated SLA states: breached, warning, running, paused, met, stopped, inactive. */
  sla_state?: string;
  /** triage: only complaints waiting for a person to confirm their triage. */
  queue?: 'triage';
  limit?: number;
  cursor?: string;
}

export function signIn(tenant: string, username: string, password: string): Promise<SessionInfo> {
  return request<SessionInfo>('POST', `${base}/session`, {
    body: { tenant, username, password },
    redirectOn401: false,
  });
}

export function currentSession(): Promise<SessionInfo> {
  return request<SessionInfo>('GET', `${base}/session`, { redirectOn401: false });
}

export function signOut(): Promise<void> {
  return request<void>('DELETE', `${base}/session`, { redirectOn401: false });
}

export function listComplaints(query: ListQuery, signal?: AbortSignal): Promise<ComplaintList> {
  const q: Query = {};
  for (const [key, value] of Object.entries(query)) {
    // An empty assignee is meaningful (unassigned); other empty filters are left out.
    if (value === undefined || (value === '' && key !== 'assignee')) continue;
    q[key] = value;
  }
  return request<ComplaintList>('GET', `${base}/complaints`, { query: q, signal });
}

export function getComplaint(id: number | string, signal?: AbortSignal): Promise<Complaint> {
  return request<Complaint>('GET', `${base}/complaints/${encodeURIComponent(String(id))}`, { signal });
}

/** The complaint with the customer's contact details unmasked; the server records every such view. */
export function revealContact(id: number): Promise<Complaint> {
  return request<Complaint>('GET', `${base}/complaints/${id}`, { query: { reveal: 'contact' } });
}

export type ComplaintPatch = Partial<{
  subject: string;
  location: string;
  order_ref: string;
  product_ref: string;
  people_involved: string;
  remedy_sought: string;
  category: string;
  subcategory: string;
  nature: string;
  assignee: string;
  team: string;
  department: string;
  resolution_summary: string;
  compensation: string;
  urgency: string;
  difficulty: string;
  severity: number;
  service_stage: string;
  tags: string[];
  amount_in_dispute: number;
  currency: string;
  /** Confirms the triage fields still waiting for a person, as they are (docs/triage.md). */
  triage_reviewed: boolean;
}> & { version: number };

export function patchComplaint(id: number, patch: ComplaintPatch): Promise<Complaint> {
  return request<Complaint>('PATCH', `${base}/complaints/${id}`, { body: patch });
}

export interface TransitionRequest {
  to: Status;
  reason?: string;
  assignee?: string;
  resolution_summary?: string;
  merge_target?: number;
  version?: number;
}

export function transition(id: number, step: TransitionRequest): Promise<Complaint> {
  return request<Complaint>('POST', `${base}/complaints/${id}/transitions`, { body: step });
}

export async function listMessages(id: number, signal?: AbortSignal): Promise<Message[]> {
  const answer = await request<{ items: Message[] }>('GET', `${base}/complaints/${id}/messages`, { signal });
  return answer.items;
}

export function addMessage(id: number, direction: Direction, body: string): Promise<Message> {
  return request<Message>('POST', `${base}/complaints/${id}/messages`, { body: { direction, body } });
}

export async function listEvents(id: number, signal?: AbortSignal): Promise<ComplaintEvent[]> {
  const answer = await request<{ items: ComplaintEvent[] }>('GET', `${base}/complaints/${id}/events`, { signal });
  return answer.items;
}

export interface IntakeRequest {
  customer: { name?: string; phone?: string; email?: string; external_id?: string };
  subject: string;
  description: string;
  channel?: string;
  service_type?: string;
  occurred_at?: string;
  location?: string;
  order_ref?: string;
  product_ref?: string;
  amount_in_dispute?: number;
  currency?: string;
  remedy_sought?: string;
  category?: string;
  urgency?: string;
}

export function fileComplaint(intake: IntakeRequest): Promise<Complaint & { tracking: Tracking }> {
  return request('POST', `${base}/complaints`, { body: intake });
}

export interface PublicIntakeRequest {
  customer: { name: string; phone?: string; email?: string };
  subject: string;
  description: string;
  order_ref?: string;
  amount_in_dispute?: number;
  currency?: string;
  remedy_sought?: string;
  /** The customer's language for our answers: zh or en. */
  language?: 'zh' | 'en';
}

/** `tenant` names the organisation on a shared server (the default one when absent). */
export function filePublicComplaint(intake: PublicIntakeRequest, tenant?: string): Promise<PublicIntakeAnswer> {
  return request('POST', `${base}/public/complaints`, { body: intake, query: { tenant }, redirectOn401: false });
}

export function track(number: string, contact: string, tenant?: string): Promise<TrackResult> {
  return request('GET', `${base}/track`, { query: { number, contact, tenant }, redirectOn401: false });
}

// ---- Administration (docs/security.md): users, retention, erasure, audit ----

export async function listUsers(signal?: AbortSignal): Promise<User[]> {
  const answer = await request<{ items: User[] }>('GET', `${base}/users`, { signal });
  return answer.items;
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  team: string;
}

export function createUser(user: NewUser): Promise<User> {
  return request<User>('POST', `${base}/users`, { body: user });
}

export type UserPatch = Partial<{ role: Role; team: string; disabled: boolean; password: string }>;

export function updateUser(username: string, patch: UserPatch): Promise<User> {
  return request<User>('PATCH', `${base}/users/${encodeURIComponent(username)}`, { body: patch });
}

export function getRetention(signal?: AbortSignal): Promise<RetentionPolicy> {
  return request<RetentionPolicy>('GET', `${base}/settings/retention`, { signal });
}

export function putRetention(policy: { years: number; action: RetentionAction }): Promise<RetentionPolicy> {
  return request<RetentionPolicy>('PUT', `${base}/settings/retention`, { body: policy });
}

export function runRetention(dryRun: boolean): Promise<DataRunResult> {
  return request<DataRunResult>('POST', `${base}/retention/run`, { body: { dry_run: dryRun } });
}

export function requestErasure(contact: string, reason: string, dryRun: boolean): Promise<DataRunResult> {
  return request<DataRunResult>('POST', `${base}/erasures`, { body: { contact, reason, dry_run: dryRun } });
}

/** The audit chain check; a failed check (409) is an answer too, with ok false and the problem. */
// ---- Text models (docs/text_models.md): what intake triage uses, training from people's corrections ----

export async function listTextModels(signal?: AbortSignal): Promise<TextModelInfo[]> {
  const answer = await request<{ items: TextModelInfo[] }>('GET', `${base}/triage/models`, { signal });
  return answer.items;
}

export async function trainTextModel(field: string): Promise<TrainedTextModel> {
  return request('POST', `${base}/triage/models/${encodeURIComponent(field)}/train`, { body: {} });
}

export async function verifyAudit(): Promise<AuditVerification> {
  const answer = await request<Partial<AuditVerification> & { error?: { message?: string } }>(
    'GET', `${base}/audit/verify`, { answerStatuses: [409] });
  if (answer && typeof answer.ok === 'boolean') {
    return { ok: answer.ok, records: answer.records ?? 0, complaints: answer.complaints ?? 0,
             events: answer.events ?? 0, problem: answer.problem ?? '' };
  }
  return { ok: false, records: 0, complaints: 0, events: 0, problem: answer?.error?.message ?? '' };
}
