// The project review report, as the project workspace shows it.
export { default as ReportView } from './ReportView.svelte';
