// Performance reviews as others see them: the section, and the tab a project's workspace shows.
export { default as ReviewsSection } from './ReviewsSection.svelte';
export { default as ReviewsTab } from './ReviewsTab.svelte';
