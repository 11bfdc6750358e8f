// Office sync as others see it: the panel Settings shows, the status the shell shows, and its start.
export { default as OfficeServerPanel } from './OfficeServerPanel.svelte';
export { default as SyncStatus } from './SyncStatus.svelte';
export { startOfficeSync } from './office-sync.svelte';
