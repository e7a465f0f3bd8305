import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatchKey, registerShortcut } from '../src/composables/shortcuts';

function press(key: string, target: EventTarget = document.body, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, 'target', { value: target });
  dispatchKey(event);
  return event;
}

const undo: (() => void)[] = [];
afterEach(() => {
  undo.splice(0).forEach((f) => f());
  vi.useRealTimers();
});

describe('keyboard shortcuts', () => {
  it('runs the handler of a single key and prevents the default', () => {
    const slash = vi.fn();
    undo.push(registerShortcut('/', slash));
    const event = press('/');
    expect(slash).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(true);
  });

  it('leaves keys typed into a field alone, except Escape', () => {
    const j = vi.fn();
    const escape = vi.fn();
    undo.push(registerShortcut('j', j), registerShortcut('Escape', escape));
    const input = document.createElement('input');
    press('j', input);
    press('Escape', input);
    expect(j).not.toHaveBeenCalled();
    expect(escape).toHaveBeenCalledTimes(1);
  });

  it('understands "g q" within 1.5 s, and not later', () => {
    vi.useFakeTimers();
    const gq = vi.fn();
    const q = vi.fn();
    undo.push(registerShortcut('g q', gq), registerShortcut('q', q));
    press('g');
    press('q');
    expect(gq).toHaveBeenCalledTimes(1);
    press('g');
    vi.advanceTimersByTime(2000);
    press('q');
    expect(gq).toHaveBeenCalledTimes(1);
    expect(q).toHaveBeenCalledTimes(1);
  });

  it('gives the key to the handler registered last (a dialog over a page) and ignores modifiers', () => {
    const page = vi.fn();
    const dialog = vi.fn();
    undo.push(registerShortcut('?', page));
    const removeDialog = registerShortcut('?', dialog);
    press('?');
    expect(dialog).toHaveBeenCalledTimes(1);
    expect(page).not.toHaveBeenCalled();
    removeDialog();
    press('?');
    expect(page).toHaveBeenCalledTimes(1);
    press('?', document.body, { ctrlKey: true });
    expect(page).toHaveBeenCalledTimes(1);
  });

  it('lets Enter on a link or button do its own thing', () => {
    const enter = vi.fn();
    undo.push(registerShortcut('Enter', enter));
    press('Enter', document.createElement('a'));
    press('Enter', document.createElement('button'));
    expect(enter).not.toHaveBeenCalled();
    press('Enter', document.body);
    expect(enter).toHaveBeenCalledTimes(1);
  });
});
