// The workflow's transition table (docs/workflow.md), used to offer the steps a role may take.
// The server decides: on 422 it answers `allowed`, which the complaint page shows instead.

import type { Role, Status } from '../api/types';

export type Guard = 'none' | 'assignee' | 'reason' | 'resolution_summary' | 'merge_target';

interface Rule {
  from: Status[];
  to: Status;
  roles: (Role | 'system')[];
  guard: Guard;
}

const staff: Role[] = ['agent', 'team_lead', 'manager', 'director', 'admin'];
const workers: Role[] = ['agent', 'team_lead', 'manager', 'director', 'department', 'admin'];

export const kTransitionTable: Rule[] = [
  { from: ['new'], to: 'triaged', roles: [...staff, 'system'], guard: 'none' },
  { from: ['new', 'triaged'], to: 'assigned', roles: [...staff, 'system'], guard: 'assignee' },
  { from: ['new', 'triaged', 'assigned'], to: 'rejected', roles: ['team_lead', 'manager', 'director', 'admin'], guard: 'reason' },
  { from: ['new', 'triaged', 'assigned', 'in_progress'], to: 'merged', roles: workers, guard: 'merge_target' },
  { from: ['assigned'], to: 'in_progress', roles: workers, guard: 'assignee' },
  { from: ['in_progress'], to: 'waiting_customer', roles: workers, guard: 'none' },
  { from: ['in_progress'], to: 'waiting_department', roles: workers, guard: 'none' },
  { from: ['in_progress', 'waiting_customer', 'waiting_department'], to: 'resolved', roles: workers,
    guard: 'resolution_summary' },
  { from: ['waiting_customer'], to: 'in_progress', roles: ['customer', ...staff, 'system'], guard: 'none' },
  { from: ['waiting_department'], to: 'in_progress', roles: workers, guard: 'none' },
  { from: ['resolved'], to: 'follow_up', roles: [...staff, 'system'], guard: 'none' },
  { from: ['resolved', 'follow_up'], to: 'closed', roles: ['customer', ...staff, 'system'], guard: 'none' },
  { from: ['resolved', 'follow_up'], to: 'reopened', roles: ['customer', ...staff, 'system'], guard: 'reason' },
  { from: ['closed'], to: 'reopened', roles: ['customer', 'team_lead', 'manager', 'director', 'admin'], guard: 'reason' },
  { from: ['rejected'], to: 'reopened', roles: ['manager', 'director', 'admin'], guard: 'reason' },
  { from: ['reopened'], to: 'assigned', roles: [...staff, 'system'], guard: 'assignee' },
  { from: ['reopened'], to: 'in_progress', roles: workers, guard: 'assignee' },
];

export interface Step {
  to: Status;
  guard: Guard;
}

/** The steps the table allows from `status` for `role` (all roles' steps when the role is unknown). */
export function stepsFrom(status: Status, role?: Role | null): Step[] {
  return kTransitionTable
    .filter((rule) => rule.from.includes(status) && (!role || rule.roles.includes(role)))
    .map((rule) => ({ to: rule.to, guard: rule.guard }));
}

/** The guard of the step from `status` to `to`, or 'none' when the table has no such step. */
export function guardOf(status: Status, to: Status): Guard {
  return kTransitionTable.find((rule) => rule.from.includes(status) && rule.to === to)?.guard ?? 'none';
}

/** Whether the guard still needs input, given what the complaint already carries. */
export function needsInput(guard: Guard, complaint: { assignee: string; resolution_summary: string }): boolean {
  switch (guard) {
    case 'none': return false;
    case 'assignee': return !complaint.assignee;
    case 'resolution_summary': return !complaint.resolution_summary;
    default: return true;
  }
}
