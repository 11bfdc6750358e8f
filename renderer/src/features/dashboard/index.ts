// The dashboard, as the shell sees it.
export { default as Dashboard } from './Dashboard.svelte';
