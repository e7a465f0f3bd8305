import { describe, expect, it } from 'vitest';
import { guardOf, needsInput, stepsFrom } from '../src/workflow/transitions';

describe('workflow table', () => {
  it('offers an agent the steps from new that docs/workflow.md lists', () => {
    expect(stepsFrom('new', 'agent').map((s) => s.to)).toEqual(['triaged', 'assigned', 'merged']);
    expect(stepsFrom('new', 'team_lead').map((s) => s.to)).toEqual(['triaged', 'assigned', 'rejected', 'merged']);
  });

  it('walks an agent from assigned to resolved', () => {
    expect(stepsFrom('assigned', 'agent').map((s) => s.to)).toContain('in_progress');
    expect(stepsFrom('in_progress', 'agent').map((s) => s.to))
      .toEqual(['merged', 'waiting_customer', 'waiting_department', 'resolved']);
  });

  it('lets only managers and admins reopen a rejected complaint', () => {
    expect(stepsFrom('rejected', 'agent')).toEqual([]);
    expect(stepsFrom('rejected', 'manager').map((s) => s.to)).toEqual(['reopened']);
  });

  it('knows the guards and whether the complaint already satisfies them', () => {
    expect(guardOf('in_progress', 'resolved')).toBe('resolution_summary');
    expect(guardOf('closed', 'reopened')).toBe('reason');
    expect(needsInput('assignee', { assignee: 'agent', resolution_summary: '' })).toBe(false);
    expect(needsInput('assignee', { assignee: '', resolution_summary: '' })).toBe(true);
    expect(needsInput('reason', { assignee: 'a', resolution_summary: 'b' })).toBe(true);
  });
});
