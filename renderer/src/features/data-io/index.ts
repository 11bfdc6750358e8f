// The Data section (spreadsheet import, OC4IDS, portfolio exports), the register's export menu, which
// the register shows, and the saving of built sheets that other screens' exports use.
export { default as DataSection } from './DataSection.svelte';
export { default as RegisterExportMenu } from './RegisterExportMenu.svelte';
export { saveTables } from './download';
