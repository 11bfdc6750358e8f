// The Data section (spreadsheet import, OC4IDS, portfolio exports) and the register's export menu, which the register shows.
export { default as DataSection } from './DataSection.svelte';
export { default as RegisterExportMenu } from './RegisterExportMenu.svelte';
