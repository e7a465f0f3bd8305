// Shapes of the Heed REST API (docs/api.md) as the web application uses them.

export type Status =
  | 'new' | 'triaged' | 'assigned' | 'in_progress' | 'reopened'
  | 'waiting_customer' | 'waiting_department'
  | 'resolved' | 'follow_up'
  | 'closed' | 'merged' | 'rejected';

export type Channel = 'phone' | 'email' | 'web' | 'app' | 'wechat' | 'in_person' | 'letter' | 'api';
export type Urgency = 'urgent' | 'important' | 'general';
export type Role = 'customer' | 'agent' | 'team_lead' | 'manager' | 'director' | 'department' | 'analyst' | 'admin';

export interface Customer {
  name: string;
  phone: string;
  email: string;
  external_id: string;
  tier: string;
}

export interface Money {
  amount: number;
  currency: string;
}

export interface Attachment {
  name: string;
  content_type: string;
  reference: string;
}

export interface Complaint {
  id: number;
  number: string;
  tenant_id?: number;
  status: Status;
  channel: Channel;
  service_type: string | null;
  subject: string;
  description: string;
  customer: Customer;
  occurred_at: string | null;
  location: string;
  order_ref: string;
  product_ref: string;
  people_involved: string;
  amount_in_dispute: Money | null;
  remedy_sought: string;
  attachments: Attachment[];
  category: string;
  subcategory: string;
  tags: string[];
  nature: string;
  urgency: Urgency | null;
  difficulty: string | null;
  severity: number | null;
  service_stage: string | null;
  sentiment_score: number | null;
  emotion_intensity: number | null;
  risk_flags: string[];
  confidence: number | null;
  field_sources: Record<string, string>;
  assignee: string;
  team: string;
  department: string;
  received_at: string;
  acknowledged_at: string | null;
  first_response_at: string | null;
  first_response_due: string | null;
  resolution_due: string | null;
  next_update_due?: string | null;
  regulatory_due?: string | null;
  /** The SLA summary (docs/sla.md); GET /complaints/{id}/sla has the live clocks. */
  sla?: { policy: string | null; state: string; escalation_level: string; escalation_reason: string };
  /** Intake triage (docs/triage.md): what waits for a person, and the model's confidence per field. */
  triage?: {
    needs_review?: boolean;
    review_fields?: string[];
    confidences?: Record<string, number>;
    risk_terms?: string[];
    repeat_count?: number;
    fraud_score?: number;
    fraud_reasons?: string[];
  };
  compensation_totals?: { currency: string; requested: number; approved: number; rejected: number; pending: number }[];
  resolved_at: string | null;
  closed_at: string | null;
  updated_at: string;
  resolution_summary: string;
  rejection_reason: string;
  compensation: string;
  customer_acceptance: 'accepted' | 'rejected' | null;
  links: {
    duplicate_of: number | null;
    merged_into: number | null;
    repeat_of: number | null;
    incident_cluster: string;
  };
  source_ref: string;
  attributes: Record<string, string>;
  version: number;
}

export interface Tracking {
  number: string;
  url: string;
  message: string;
}

export interface ComplaintList {
  items: Complaint[];
  next_cursor: string | null;
}

export type Direction = 'inbound' | 'outbound' | 'internal';

export interface Message {
  id: number;
  complaint_id: number;
  direction: Direction;
  body: string;
  author: string;
  author_role: string;
  created_at: string;
}

export interface ComplaintEvent {
  id: number;
  complaint_id: number;
  kind: string;
  field: string;
  before: string;
  after: string;
  note: string;
  actor: string;
  actor_role: string;
  at: string;
}

export interface SessionUser {
  username: string;
  role: Role;
  team: string;
  tenant: string;
}

export interface SessionInfo {
  user: SessionUser;
  csrf_token: string;
  expires_at?: string;
}

/** One message the customer may see on the tracking page. */
export interface PublicMessage {
  direction: Direction;
  body: string;
  at: string;
}

export interface TrackResult {
  number: string;
  status: Status;
  subject?: string;
  received_at: string;
  updated_at: string;
  resolution_summary: string;
  messages?: PublicMessage[];
}

export interface PublicIntakeAnswer {
  number: string;
  status: Status;
  tracking: Tracking;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    field?: string;
    allowed?: string[];
  };
}

/** A user of the tenant (GET /api/v1/users). */
export interface User {
  username: string;
  role: Role;
  team: string;
  disabled: boolean;
  email?: string;
  created_at: string;
}

export type RetentionAction = 'anonymise' | 'delete';

/** The tenant's retention policy; `years` 0 means no policy (`enabled` false). */
export interface RetentionPolicy {
  years: number;
  action: RetentionAction;
  enabled: boolean;
}

/** What a retention run or an erasure found (dry run) or did: complaint numbers. */
export interface DataRunResult {
  dry_run: boolean;
  complaints: string[];
  matched: number;
  changed: number;
  policy?: RetentionPolicy;
}

/** A text model intake triage uses (GET /api/v1/triage/models; docs/text_models.md). */
export interface TextModelInfo {
  field: string;
  source: 'tenant' | 'default';
  language: string | null;
  labels: string[];
  memory_bytes: number;
}

/** The answer of POST /api/v1/triage/models/{field}/train. */
export interface TrainedTextModel {
  field: string;
  examples: number;
  labels: string[];
  holdout: { n: number; accuracy: number | null; macro_f1: number | null };
  memory_bytes: number;
  seconds: number;
}

export interface AuditVerification {
  ok: boolean;
  records: number;
  complaints: number;
  events: number;
  problem: string;
}
