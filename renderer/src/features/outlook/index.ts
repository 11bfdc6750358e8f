// The fiscal outlook as others see it: the section (outlook, budgets, policy tables).
export { default as OutlookSection } from './OutlookSection.svelte';
