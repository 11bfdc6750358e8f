// The projects feature as others see it: the section (register and workspace).
export { default as ProjectsSection } from './ProjectsSection.svelte';
