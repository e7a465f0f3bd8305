// Who is signed in. The session itself is an HttpOnly cookie; the app keeps the user it
// belongs to and the CSRF token that every unsafe request must carry.

import { reactive } from 'vue';
import { ApiError, setCsrfToken } from '../api/client';
import * as api from '../api/heed';
import type { SessionInfo, SessionUser } from '../api/types';
import { resetUsers } from '../composables/users';

export const session = reactive({
  user: null as SessionUser | null,
  /** true once the server was asked whether the cookie still holds a session */
  checked: false,
});

function adopt(info: SessionInfo): void {
  session.user = info.user;
  session.checked = true;
  if (info.csrf_token) setCsrfToken(info.csrf_token);
}

export function clearSession(): void {
  session.user = null;
  session.checked = true;
  setCsrfToken(null);
  resetUsers();
}

/** Whether someone is signed in, asking the server once per page load. */
export async function ensureSession(): Promise<boolean> {
  if (session.checked) return session.user !== null;
  try {
    adopt(await api.currentSession());
  } catch (error) {
    if (error instanceof ApiError && error.status !== 0 && error.status < 500) clearSession();
    else throw error;
  }
  return session.user !== null;
}

export async function signIn(tenant: string, username: string, password: string): Promise<SessionUser> {
  const info = await api.signIn(tenant, username, password);
  adopt(info);
  return info.user;
}

export async function signOut(): Promise<void> {
  try {
    await api.signOut();
  } finally {
    clearSession();
  }
}
