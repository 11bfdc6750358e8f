// Contracts and payments as others see them: the section, and the tab a project's workspace shows.
export { default as ContractsSection } from './ContractsSection.svelte';
export { default as ContractsTab } from './ContractsTab.svelte';
