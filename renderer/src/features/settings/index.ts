// Settings, as the shell sees it.
export { default as SettingsPage } from './SettingsPage.svelte';
