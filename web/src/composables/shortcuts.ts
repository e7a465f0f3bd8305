// Keyboard shortcuts. One document listener dispatches to handlers that views register for
// their lifetime. Keys typed into form fields are left alone (except Escape). "g q" style
// sequences: a "g" waits up to 1.5 s for its second key.

import { onBeforeUnmount, onMounted } from 'vue';

export type ShortcutHandler = (event: KeyboardEvent) => void;

const handlers = new Map<string, ShortcutHandler[]>();
let pendingPrefix: string | null = null;
let prefixTimer: ReturnType<typeof setTimeout> | null = null;
let installed = false;

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

function isInteractive(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return isTypingTarget(target) || ['A', 'BUTTON', 'SUMMARY'].includes(target.tagName);
}

function run(key: string, event: KeyboardEvent): boolean {
  const list = handlers.get(key);
  if (!list || list.length === 0) return false;
  // The most recently registered handler wins (a dialog over a page).
  list[list.length - 1](event);
  return true;
}

export function dispatchKey(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key;
  if (key === 'Escape') {
    if (run('Escape', event)) event.preventDefault();
    return;
  }
  if (isTypingTarget(event.target)) return;
  if (pendingPrefix) {
    const sequence = `${pendingPrefix} ${key}`;
    pendingPrefix = null;
    if (prefixTimer) clearTimeout(prefixTimer);
    if (run(sequence, event)) event.preventDefault();
    return;
  }
  if (key === 'g' && [...handlers.keys()].some((k) => k.startsWith('g ') && handlers.get(k)!.length > 0)) {
    pendingPrefix = 'g';
    prefixTimer = setTimeout(() => { pendingPrefix = null; }, 1500);
    event.preventDefault();
    return;
  }
  // Enter on a link or button does its own thing.
  if (key === 'Enter' && isInteractive(event.target)) return;
  if (run(key, event)) event.preventDefault();
}

export function installShortcuts(target: Document = document): void {
  if (installed) return;
  installed = true;
  target.addEventListener('keydown', dispatchKey);
}

export function registerShortcut(key: string, handler: ShortcutHandler): () => void {
  const list = handlers.get(key) ?? [];
  list.push(handler);
  handlers.set(key, list);
  return () => {
    const current = handlers.get(key);
    if (!current) return;
    const index = current.lastIndexOf(handler);
    if (index >= 0) current.splice(index, 1);
  };
}

/** Registers shortcuts while the calling component is mounted. */
export function useShortcuts(map: Record<string, ShortcutHandler>): void {
  const undo: (() => void)[] = [];
  onMounted(() => {
    for (const [key, handler] of Object.entries(map)) undo.push(registerShortcut(key, handler));
  });
  onBeforeUnmount(() => undo.splice(0).forEach((f) => f()));
}
