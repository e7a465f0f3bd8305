// A shared clock for live relative times: one timer for the whole app, running while used.

import { onBeforeUnmount, ref, type Ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

export const kTickMs = 15_000;

export function useNow(): Ref<number> {
  users += 1;
  if (!timer) {
    now.value = Date.now();
    timer = setInterval(() => { now.value = Date.now(); }, kTickMs);
  }
  onBeforeUnmount(() => {
    users -= 1;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  });
  return now;
}
