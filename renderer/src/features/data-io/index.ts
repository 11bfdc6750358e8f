// The Data section (spreadsheet import, OC4IDS, portfolio exports), the register's export menu, which
// the register shows, and the saving of built sheets that other screens' exports use.
// The section is fetched when opened: the register shows the export menu, and should not have to
// load the whole import and exchange screen with it.
export const loadDataSection = () => import('./DataSection.svelte');
export { default as RegisterExportMenu } from './RegisterExportMenu.svelte';
export { saveTables } from './download';
