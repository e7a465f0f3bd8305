// Typed calls of the Heed API used by the web application.

import { request, type Query } from './client';
import type {
  Complaint, ComplaintEvent, ComplaintList, Direction, Message, PublicIntakeAnswer, SessionInfo,
  Status, Tracking, TrackResult,
} from './types';

const base = '/api/v1';

export interface ListQuery {
  status?: string;
  category?: string;
  assignee?: string;
  channel?: string;
  received_from?: string;
  received_to?: string;
  q?: string;
  sort?: 'received_desc' | 'received_asc' | 'due_asc';
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
