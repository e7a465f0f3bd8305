// One figure loaded from the API that a newer choice supersedes: each load aborts the one still in flight, only the
// newest answer (or error) is kept, `loading` is true while the newest runs, and leaving the page aborts it.

import { getCurrentScope, onScopeDispose, ref, type Ref } from 'vue';

export interface AbortableLoad<T> {
  data: Ref<T | null>;
  error: Ref<string | null>;
  loading: Ref<boolean>;
  /** Starts a load (aborting the previous one); resolves when this one is done or superseded. */
  load: () => Promise<void>;
}

/**
 * `fetch` gets the signal to pass to the API call; returning undefined means there is nothing to load for the
 * current choices (the data shown stays). A failure clears the data and sets `error` to `errorText(e)`; an aborted
 * load changes nothing.
 */
export function useAbortableLoad<T>(
  fetch: (signal: AbortSignal) => Promise<T> | undefined,
  errorText: (e: unknown) => string,
): AbortableLoad<T> {
  const data = ref<T | null>(null) as Ref<T | null>;
  const error = ref<string | null>(null);
  const loading = ref(false);
  let current: AbortController | null = null;

  async function load() {
    const abort = new AbortController();
    const pending = fetch(abort.signal);
    if (!pending) return;
    current?.abort();
    current = abort;
    loading.value = true;
    error.value = null;
    try {
      const answer = await pending;
      if (current === abort) data.value = answer;
    } catch (e) {
      if (abort.signal.aborted || current !== abort) return;
      data.value = null;
      error.value = errorText(e);
    } finally {
      if (current === abort) loading.value = false;
    }
  }

  if (getCurrentScope()) onScopeDispose(() => current?.abort());
  return { data, error, loading, load };
}
