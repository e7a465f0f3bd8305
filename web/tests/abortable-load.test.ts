import { describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import { useAbortableLoad } from '../src/composables/useAbortableLoad';

/** A call the test answers by hand, recording the signal it was given. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

function harness() {
  const calls: { signal: AbortSignal; answer: ReturnType<typeof deferred<string>> }[] = [];
  let skip = false;
  const scope = effectScope();
  const load = scope.run(() => useAbortableLoad<string>((signal) => {
    if (skip) return undefined;
    const answer = deferred<string>();
    // Like fetch: an abort rejects the call.
    signal.addEventListener('abort', () => answer.reject(new DOMException('aborted', 'AbortError')));
    calls.push({ signal, answer });
    return answer.promise;
  }, (e) => `failed: ${(e as Error).message}`))!;
  return { load, calls, scope, setSkip: (v: boolean) => { skip = v; } };
}

describe('useAbortableLoad', () => {
  it('keeps the answer and says when it is loading', async () => {
    const { load, calls } = harness();
    const done = load.load();
    expect(load.loading.value).toBe(true);
    calls[0].answer.resolve('first');
    await done;
    expect([load.data.value, load.loading.value, load.error.value]).toEqual(['first', false, null]);
  });

  it('aborts the load in flight when a newer one starts, and keeps only the newest', async () => {
    const { load, calls } = harness();
    const first = load.load();
    const second = load.load();
    expect(calls[0].signal.aborted).toBe(true);
    expect(calls[1].signal.aborted).toBe(false);
    await first;
    // The superseded load neither clears the data, sets an error nor ends `loading`.
    expect([load.data.value, load.error.value, load.loading.value]).toEqual([null, null, true]);
    calls[1].answer.resolve('second');
    await second;
    expect([load.data.value, load.loading.value]).toEqual(['second', false]);
  });

  it('ignores an answer that comes after it was superseded even without honouring the signal', async () => {
    const { load, calls } = harness();
    const first = load.load();
    const second = load.load();
    calls[1].answer.resolve('newest');
    await second;
    // A call that resolves late (it ignored the abort) does not overwrite the newest answer.
    calls[0].answer.resolve('stale');
    await first;
    expect(load.data.value).toBe('newest');
  });

  it('turns a failure into the error text and clears the data', async () => {
    const { load, calls } = harness();
    const ok = load.load();
    calls[0].answer.resolve('shown');
    await ok;
    const failing = load.load();
    calls[1].answer.reject(new Error('by must be category'));
    await failing;
    expect([load.data.value, load.error.value, load.loading.value]).toEqual([null, 'failed: by must be category', false]);
    const again = load.load();
    expect(load.error.value).toBeNull(); // a new load clears the old error
    calls[2].answer.resolve('back');
    await again;
    expect(load.data.value).toBe('back');
  });

  it('loads nothing, and aborts nothing, when there is nothing to load', async () => {
    const { load, calls, setSkip } = harness();
    const first = load.load();
    setSkip(true);
    await load.load();
    expect(calls).toHaveLength(1);
    expect(calls[0].signal.aborted).toBe(false);
    calls[0].answer.resolve('kept');
    await first;
    expect(load.data.value).toBe('kept');
  });

  it('aborts the load in flight when its page goes away', async () => {
    const { load, calls, scope } = harness();
    const pending = load.load();
    scope.stop();
    expect(calls[0].signal.aborted).toBe(true);
    await pending;
    expect(load.error.value).toBeNull();
  });
});
