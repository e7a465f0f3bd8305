import { ref } from 'vue';

/** The queue (with its filters) the agent last looked at: where "g q" and "back" go. */
export const lastQueue = ref<string>('/queue/mine');
