// The fiscal outlook as others see it: the section (outlook, budgets, policy tables), and the O&M
// cover the plan → build gate shows.
export { default as OutlookSection } from './OutlookSection.svelte';
export { default as OmCoverageNote } from './OmCoverageNote.svelte';
