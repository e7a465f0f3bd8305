// Typed calls of the Heed API beyond the complaint record: SLA clocks and escalation, assignment, compensation and
// approvals, follow-ups, triage, and the settings behind them (teams, agents, SLA policies, calendars, rules,
// approval limits, routing). Shapes follow docs/api.md, docs/sla.md, docs/routing.md, docs/triage.md.

import { request } from './client';
import type { Complaint, Role } from './types';

const base = '/api/v1';
const enc = encodeURIComponent;

// ---- SLA ----

export type ClockState = 'inactive' | 'running' | 'warning' | 'paused' | 'met' | 'breached' | 'stopped';
export type EscalationLevel = string; // agent, team_lead, manager, director (as the server names them)

export interface SlaClock {
  state: ClockState;
  started_at: string | null;
  due: string | null;
  warning_at: string | null;
  met_at: string | null;
  breached_at: string | null;
  elapsed_business_ms: number;
  remaining_business_ms: number;
  /** Wall-clock milliseconds until due when the answer was made; null unless the clock is counting. */
  remaining_ms: number | null;
  breaches: number;
}

export interface SlaView {
  policy: string | null;
  state: ClockState;
  now: string;
  first_response: SlaClock;
  next_update: SlaClock;
  resolution: SlaClock;
  regulatory_due: string | null;
  escalation_level: EscalationLevel;
  escalation_reason: string;
}

/** The SLA summary every complaint carries. */
export interface SlaSummary {
  policy: string | null;
  state: ClockState;
  escalation_level: EscalationLevel;
  escalation_reason: string;
}

export function getSla(id: number, signal?: AbortSignal): Promise<SlaView> {
  return request<SlaView>('GET', `${base}/complaints/${id}/sla`, { signal });
}

export function escalate(id: number, reason: string): Promise<Complaint> {
  return request<Complaint>('POST', `${base}/complaints/${id}/escalate`, { body: { reason } });
}

// ---- Assignment ----

export interface AssignRequest {
  assignee?: string;
  reason?: string;
  auto?: boolean;
  department?: string;
  version?: number;
}

export interface AssignAnswer {
  assigned: boolean;
  reason: string;
  complaint: Complaint;
}

export function assign(id: number, body: AssignRequest): Promise<AssignAnswer> {
  return request<AssignAnswer>('POST', `${base}/complaints/${id}/assign`, { body });
}

// ---- Compensation and approvals ----

export const kCompensationKinds = ['refund', 'replacement', 'coupon', 'repair', 'cash'] as const;
export type CompensationKind = (typeof kCompensationKinds)[number];
export type CompensationStatus = 'pending' | 'approved' | 'rejected';

export interface Compensation {
  id: number;
  complaint_id: number;
  complaint_number: string;
  kind: CompensationKind;
  amount_minor: number;
  currency: string;
  reason: string;
  required_role: Role;
  status: CompensationStatus;
  requested_by: string;
  requested_role: Role;
  requested_at: string;
  decided_by: string | null;
  decided_role: Role | null;
  decided_at: string | null;
  decision_reason: string;
}

export interface CompensationTotal {
  currency: string;
  requested: number;
  approved: number;
  rejected: number;
  pending: number;
}

export function listCompensations(id: number, signal?: AbortSignal):
    Promise<{ items: Compensation[]; totals: CompensationTotal[] }> {
  return request('GET', `${base}/complaints/${id}/compensations`, { signal });
}

export interface CompensationRequest {
  kind: CompensationKind;
  amount_minor: number;
  currency: string;
  reason: string;
}

export function requestCompensation(id: number, body: CompensationRequest): Promise<Compensation> {
  return request<Compensation>('POST', `${base}/complaints/${id}/compensations`, { body });
}

export async function listApprovals(status: 'pending' | 'approved' | 'rejected' | 'all' = 'pending',
                                    signal?: AbortSignal): Promise<Compensation[]> {
  const answer = await request<{ items: Compensation[] }>('GET', `${base}/approvals`, { query: { status }, signal });
  return answer.items;
}

export function decide(id: number, decision: 'approve' | 'reject', reason: string): Promise<Compensation> {
  return request<Compensation>('POST', `${base}/approvals/${id}/decision`, { body: { decision, reason } });
}

export interface ApprovalLimits {
  currency: string;
  team_lead_max: number;
  manager_max: number;
}

export function getApprovalLimits(signal?: AbortSignal): Promise<ApprovalLimits> {
  return request<ApprovalLimits>('GET', `${base}/settings/approval-limits`, { signal });
}

export function putApprovalLimits(limits: ApprovalLimits): Promise<ApprovalLimits> {
  return request<ApprovalLimits>('PUT', `${base}/settings/approval-limits`, { body: limits });
}

// ---- Follow-ups ("3+7") ----

export type FollowUpKind = 'day3' | 'day7';

export interface FollowUp {
  id: number;
  complaint_id: number;
  number: string;
  kind: FollowUpKind;
  due_at: string;
  assignee: string;
  team: string;
  status: 'pending' | 'done' | 'cancelled';
  timeliness: 'scheduled' | 'due' | 'overdue' | 'done' | 'cancelled';
  outcome: 'solved' | 'not_solved' | 'reached' | 'unreachable' | null;
  note: string;
  created_at: string;
  done_at: string | null;
  done_by: string;
  survey_id: number | null;
}

export interface FollowUpQuery {
  status?: 'pending' | 'done' | 'cancelled' | 'due' | 'overdue' | 'scheduled';
  agent?: string;
  complaint_id?: number;
  limit?: number;
}

export async function listFollowUps(query: FollowUpQuery, signal?: AbortSignal): Promise<FollowUp[]> {
  const answer = await request<{ items: FollowUp[] }>('GET', `${base}/followups`, {
    query: { ...query }, signal,
  });
  return answer.items;
}

export type FollowUpOutcome =
  | { solved: boolean; note?: string }
  | { reached: boolean; note?: string; send_survey?: boolean };

export function recordFollowUp(id: number, outcome: FollowUpOutcome):
    Promise<{ follow_up: FollowUp; complaint: { id: number; number: string; status: string; version: number } }> {
  return request('POST', `${base}/followups/${id}/outcome`, { body: outcome });
}

// ---- Teams, agents, routing ----

export interface Team {
  name: string;
  lead: string;
  department: boolean;
  members: string[];
  updated_at: string;
}

export async function listTeams(signal?: AbortSignal): Promise<Team[]> {
  return (await request<{ items: Team[] }>('GET', `${base}/teams`, { signal })).items;
}

export function putTeam(name: string, team: { lead: string; department: boolean }): Promise<Team> {
  return request<Team>('PUT', `${base}/teams/${enc(name)}`, { body: team });
}

export function deleteTeam(name: string): Promise<void> {
  return request<void>('DELETE', `${base}/teams/${enc(name)}`);
}

export const kLevels = ['junior', 'senior', 'expert'] as const;
export const kAgentStatuses = ['available', 'away', 'offline'] as const;

export interface Agent {
  username: string;
  role: Role;
  team: string;
  enabled: boolean;
  skills: { categories: string[]; languages: string[]; channels: string[] };
  level: (typeof kLevels)[number];
  capacity: number;
  status: (typeof kAgentStatuses)[number];
  load: number;
  updated_at: string;
}

export async function listAgents(signal?: AbortSignal): Promise<Agent[]> {
  return (await request<{ items: Agent[] }>('GET', `${base}/agents`, { signal })).items;
}

export interface AgentProfile {
  categories: string[];
  languages: string[];
  channels: string[];
  level: Agent['level'];
  capacity: number;
  status: Agent['status'];
}

export function putAgent(username: string, profile: AgentProfile): Promise<Agent> {
  return request<Agent>('PUT', `${base}/agents/${enc(username)}`, { body: profile });
}

export async function getRouting(signal?: AbortSignal): Promise<{ auto_assign: boolean }> {
  return request('GET', `${base}/settings/routing`, { signal });
}

export function putRouting(autoAssign: boolean): Promise<{ auto_assign: boolean }> {
  return request('PUT', `${base}/settings/routing`, { body: { auto_assign: autoAssign } });
}

// ---- SLA policies and calendars ----

export interface SlaPolicy {
  name: string;
  conditions: {
    urgency: string[];
    min_severity: number | null;
    tier: string[];
    category: string[];
    channel: string[];
  };
  calendar: string;
  targets: {
    first_response_minutes: number | null;
    next_update_minutes: number | null;
    resolution_minutes: number | null;
  };
  warn_share: number;
}

export interface SlaPolicies {
  policies: SlaPolicy[];
  regulatory: Record<string, unknown>;
  recomputed?: number;
}

export function getPolicies(signal?: AbortSignal): Promise<SlaPolicies> {
  return request<SlaPolicies>('GET', `${base}/sla-policies`, { signal });
}

export function putPolicies(policies: SlaPolicy[]): Promise<SlaPolicies> {
  return request<SlaPolicies>('PUT', `${base}/sla-policies`, { body: { policies } });
}

export const kWeekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof kWeekdays)[number];

export interface BusinessCalendar {
  name: string;
  time_zone: string;
  utc_offset: string;
  week: Record<Weekday, string[]>;
  holidays: string[];
  extra_working_days: { date: string; hours_of: Weekday }[];
}

export async function listCalendars(signal?: AbortSignal): Promise<BusinessCalendar[]> {
  return (await request<{ items: BusinessCalendar[] }>('GET', `${base}/calendars`, { signal })).items;
}

export function putCalendar(calendar: BusinessCalendar): Promise<BusinessCalendar> {
  return request<BusinessCalendar>('PUT', `${base}/calendars/${enc(calendar.name)}`, { body: calendar });
}

export function deleteCalendar(name: string): Promise<void> {
  return request<void>('DELETE', `${base}/calendars/${enc(name)}`);
}

export function importHolidays(name: string, ics: string): Promise<BusinessCalendar & { added: number }> {
  return request('POST', `${base}/calendars/${enc(name)}/holidays`, { body: { ics } });
}

// ---- Triage rules ----

export interface Rule {
  id: number;
  name: string;
  priority: number;
  enabled: boolean;
  when: Record<string, unknown>;
  then: Record<string, unknown>;
  version: number;
  created_at: string;
  updated_at: string;
}

export type RuleBody = Pick<Rule, 'name' | 'priority' | 'enabled' | 'when' | 'then'> & { version?: number };

export async function listRules(signal?: AbortSignal): Promise<Rule[]> {
  return (await request<{ items: Rule[] }>('GET', `${base}/rules`, { signal })).items;
}

export function createRule(rule: RuleBody): Promise<Rule> {
  return request<Rule>('POST', `${base}/rules`, { body: rule });
}

export function putRule(id: number, rule: RuleBody): Promise<Rule> {
  return request<Rule>('PUT', `${base}/rules/${id}`, { body: rule });
}

export function deleteRule(id: number): Promise<void> {
  return request<void>('DELETE', `${base}/rules/${id}`);
}
