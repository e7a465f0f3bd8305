import { ref } from 'vue';

/** The problems-and-trends page as last seen (period, dimension, granularity, KPIs): where its drill-downs go back to. */
export const lastAnalysis = ref<string>('/dashboard/analysis');
