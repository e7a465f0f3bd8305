// The tenant's users for assignee pickers: loaded once per page load (GET /api/v1/users), reloaded after an
// administrator changes a user. A failed load leaves the list empty; pickers then take free text.

import { ref } from 'vue';
import * as api from '../api/heed';
import type { User } from '../api/types';

const kOrder: Record<string, number> = { agent: 0, team_lead: 1 };

/** Active staff who can be given a complaint: agents and team leads first, then the others, by username. */
export function assignable(users: User[]): User[] {
  return users
    .filter((u) => !u.disabled && u.role !== 'customer')
    .sort((a, b) => (kOrder[a.role] ?? 2) - (kOrder[b.role] ?? 2) || a.username.localeCompare(b.username));
}

export const tenantUsers = ref<User[]>([]);
export const usersFailed = ref(false);
let loading: Promise<void> | null = null;

export function loadUsers(force = false): Promise<void> {
  if (loading && !force) return loading;
  loading = api.listUsers().then(
    (items) => {
      if (!Array.isArray(items)) throw new Error('unexpected answer to GET /api/v1/users');
      tenantUsers.value = items;
      usersFailed.value = false;
    },
  ).catch(() => { tenantUsers.value = []; usersFailed.value = true; loading = null; });
  return loading;
}

/** Forget the cached list (after a change, or on sign-out). */
export function resetUsers(): void {
  loading = null;
  tenantUsers.value = [];
  usersFailed.value = false;
}
