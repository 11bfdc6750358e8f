// Backups as others see them: the reminder and status bar the shell shows, the panel of the Data section.
export { default as BackupReminder } from './BackupReminder.svelte';
export { default as BackupStatusBar } from './BackupStatusBar.svelte';
export { default as BackupPanel } from './BackupPanel.svelte';
