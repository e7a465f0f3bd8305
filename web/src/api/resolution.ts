// Typed calls of the resolution workspace (docs/resolution.md): solution templates, suggestions, links and merges,
// and sending a satisfaction survey (docs/feedback.md).

import { request } from './client';
import type { Complaint, Message } from './types';

const base = '/api/v1';

export interface TemplateStats {
  uses: number;
  replies: number;
  resolutions: number;
  resolved_complaints: number;
  csat: { mean: number | null; n: number };
  last_used_at: string | null;
}
export interface SolutionTemplate {
  id: number;
  name: string;
  category: string;
  body_zh: string;
  body_en: string;
  active: boolean;
  placeholders: string[];
  version: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  stats?: TemplateStats;
}
export interface TemplateBody {
  name: string;
  category: string;
  body_zh: string;
  body_en: string;
  active: boolean;
}
export interface SimilarComplaint {
  id: number;
  number: string;
  status: string;
  subject: string;
  category: string;
  product: string;
  resolution_summary: string;
  resolved_at: string | null;
  csat: number | null;
  customer_acceptance: string | null;
  similarity: number;
  same_category: boolean;
  same_product: boolean;
  score: number;
}
export interface Suggestions {
  complaint_id: number;
  templates: (SolutionTemplate & { same_category?: boolean })[];
  similar: SimilarComplaint[];
  candidates_weighed: number;
}
export interface Rendered {
  template_id: number;
  complaint_id: number;
  text: string;
  language: 'zh' | 'en';
  missing: string[];
}
export interface Applied {
  use: { id: number; template_id: number; complaint_id: number; as: 'reply' | 'resolution'; actor: string; at: string };
  text: string;
  language: string;
  complaint: Complaint;
  message: Message | null;
}
export interface LinkedComplaint {
  id: number;
  number: string;
  status: string;
  subject: string;
  category: string;
  received_at: string;
}
export interface Links {
  complaint_id: number;
  related: (LinkedComplaint & { reason: string; by: string; at: string })[];
  merged_from: (LinkedComplaint & { customer_name: string; messages: number })[];
  merged_into: LinkedComplaint | null;
}
export interface Survey {
  id: number;
  complaint_id: number;
  number: string;
  language: 'zh' | 'en';
  created_at: string;
  created_by: string;
  expires_at: string;
  url: string;
  answered_at: string | null;
  answer: { csat: number; nps: number | null; effort: number | null; comment: string } | null;
}

export async function listTemplates(includeInactive = false, signal?: AbortSignal):
    Promise<{ items: SolutionTemplate[]; placeholders: string[] }> {
  return request('GET', `${base}/templates`, { query: includeInactive ? { include_inactive: 'true' } : {}, signal });
}
export function createTemplate(body: TemplateBody): Promise<SolutionTemplate> {
  return request('POST', `${base}/templates`, { body });
}
export function updateTemplate(id: number, body: TemplateBody & { version: number }): Promise<SolutionTemplate> {
  return request('PUT', `${base}/templates/${id}`, { body });
}
export function deleteTemplate(id: number): Promise<void> {
  return request('DELETE', `${base}/templates/${id}`);
}
export function renderTemplate(id: number, complaintId: number, language?: 'zh' | 'en'): Promise<Rendered> {
  return request('POST', `${base}/templates/${id}/render`,
                 { body: language ? { complaint_id: complaintId, language } : { complaint_id: complaintId } });
}
export function applyTemplate(id: number, body: { complaint_id: number; as: 'reply' | 'resolution'; text: string; version?: number }):
    Promise<Applied> {
  return request('POST', `${base}/templates/${id}/apply`, { body });
}
export async function getSuggestions(complaintId: number, signal?: AbortSignal): Promise<Suggestions> {
  const s = await request<Partial<Suggestions>>('GET', `${base}/complaints/${complaintId}/suggestions`, { signal });
  return { complaint_id: complaintId, templates: s?.templates ?? [], similar: s?.similar ?? [],
           candidates_weighed: s?.candidates_weighed ?? 0 };
}
export async function getLinks(complaintId: number, signal?: AbortSignal): Promise<Links> {
  const l = await request<Partial<Links>>('GET', `${base}/complaints/${complaintId}/links`, { signal });
  return { complaint_id: complaintId, related: l?.related ?? [], merged_from: l?.merged_from ?? [],
           merged_into: l?.merged_into ?? null };
}
export function link(complaintId: number, other: number, reason: string): Promise<Complaint> {
  return request('POST', `${base}/complaints/${complaintId}/links`, { body: { complaint_id: other, reason } });
}
export function unlink(complaintId: number, other: number, reason: string): Promise<Complaint> {
  return request('DELETE', `${base}/complaints/${complaintId}/links/${other}`, { body: { reason } });
}
export function merge(complaintId: number, into: number, reason: string, version: number): Promise<Complaint> {
  return request('POST', `${base}/complaints/${complaintId}/merge`, { body: { into, reason, version } });
}
export function sendSurvey(complaintId: number): Promise<Survey> {
  return request('POST', `${base}/surveys`, { body: { complaint_id: complaintId } });
}
export async function listSurveys(complaintId: number, signal?: AbortSignal): Promise<Survey[]> {
  const answer = await request<{ items?: Survey[] }>('GET', `${base}/surveys`, { query: { complaint_id: complaintId }, signal });
  return answer?.items ?? [];
}
