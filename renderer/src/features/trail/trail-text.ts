// One wording for a trail problem, wherever it is shown: Settings → 审计追踪校验, and a restore the
// trail check refused.
import type { TrailProblem } from '../../domain/trail/verify';
import { t, tDynamic } from '../../i18n/i18n.svelte';

/** `desk` names the chain: by its fingerprint when known, else by the start of its id. */
export function trailProblemText(p: TrailProblem, desk: (id: string | undefined) => string): string {
  return t(`trail.check.problem.${p.code}`, {
    desk: desk(p.desk),
    seq: p.seq ?? 0,
    entry: (p.entryId ?? '').slice(0, 8),
    // The table by its name on screen (the restore screen's names), never its code.
    entity: p.entity ? tDynamic('backup.tables', p.entity) : '',
    record: (p.recordId ?? '').slice(0, 8),
  });
}
