// Opening the workbench database at start-up: the schema's open, then the starter content every
// office begins with. Here rather than in the shell, so nothing outside data/ opens Dexie.
import { setDb } from './context';
import { openDb, type WorkbenchDb } from './db';
import { registerIndex } from './register-index';
import { timelineMark } from './timeline';
import { prepareDesk } from './trail/desk';

/** Opens the app's database, makes it the current one and adds the starter content not stored yet. */
export async function openWorkbench(): Promise<WorkbenchDb> {
  timelineMark('session:open');
  // The starter content's code (the starter indicator systems and checklists) is fetched while the
  // database opens, not parsed before the first screen.
  const starters = Promise.all([import('./indicator-systems'), import('./checklists')]);
  starters.catch(() => undefined);
  const db = openDb();
  // The desk's key is read from its own database while this one opens (the open's last step needs it).
  prepareDesk();
  await db.open();
  timelineMark('session:opened');
  setDb(db);
  // The register's index is read while the starter data is checked, so the register (the usual
  // first screen) has its rows as soon as it opens.
  registerIndex(db);
  // Idempotent: inserts only the starter indicator systems and checklists not stored yet.
  const [{ seedStarterSystems, STARTER_AUTHOR }, { ensureStarterChecklists }] = await starters;
  timelineMark('starters:code');
  await Promise.all([seedStarterSystems({ db, by: STARTER_AUTHOR }), ensureStarterChecklists({ db, by: STARTER_AUTHOR })]);
  timelineMark('starters:checked');
  return db;
}
