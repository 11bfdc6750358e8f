// Field audits as others see them: the section, and the tab a project's workspace shows.
export { default as AuditsSection } from './AuditsSection.svelte';
export { default as ProjectAuditsTab } from './ProjectAuditsTab.svelte';
