// Start-up and the operator identity that stamps every change.
import { getDb } from '../data/context';
import { openWorkbench } from '../data/open';
import { timelineMark } from '../data/timeline';
import { getProfile, requestPersistence, saveProfile } from '../data/settings';
import type { OperatorProfile } from '../domain/core/types';
import type { Writer } from '../data/repo';

/** How often the desk signs a checkpoint of its chain while the app is open. */
const SEAL_EVERY_MS = 5 * 60_000;

const state = $state({
  ready: false,
  error: '' as string,
  profile: null as OperatorProfile | null,
});

export const session = {
  get ready() {
    return state.ready;
  },
  get error() {
    return state.error;
  },
  get profile() {
    return state.profile;
  },
  /** Name stamped on changes; 'unknown' only if a write happens before a profile exists. */
  get operatorName(): string {
    return state.profile?.name || 'unknown';
  },
  async saveProfile(profile: OperatorProfile): Promise<void> {
    await saveProfile(getDb(), profile);
    state.profile = profile;
  },
};

export async function startSession(): Promise<void> {
  try {
    const db = await openWorkbench();
    state.profile = (await getProfile(db)) ?? null;
    state.ready = true;
    timelineMark('session:ready');
    // Sign the chain's head regularly and when the window is hidden or closed, so a rewrite of the
    // log is caught at the next checkpoint; a failed seal is retried at the next tick and never
    // blocks work. Not at start-up: a restored database reopens exactly as it was restored.
    // Signing and office sync are fetched here, once the database is open, rather than before the
    // first screen; the signer is fetched at once so a seal on hiding the window needs no fetch then.
    const desk = import('../data/trail/desk');
    desk.catch(() => undefined);
    const seal = () => void desk.then((m) => m.sealTrail(db)).catch(() => undefined);
    setInterval(seal, SEAL_EVERY_MS);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') seal();
    });
    // Office sync runs beside the work: with no server (or none configured) it only waits.
    void import('../features/office-sync').then((m) => m.startOfficeSync(db, () => state.profile?.name || 'unknown'));
    // Ask the browser not to evict our data; the answer is shown in Settings.
    void requestPersistence().catch(() => undefined);
  } catch (e) {
    state.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
}

/** The writer every repository call uses: the open database and the operator's name. */
export function writer(): Writer {
  return { db: getDb(), by: session.operatorName };
}
