// Checklist templates for field audits: the two starter templates seeded on every machine with
// fixed ids, and the editor's writes. Audits keep a frozen snapshot, so editing a template never
// changes an audit already started from it.
import { validateChecklist } from '../domain/audits/audits';
import type { ChecklistSection, ChecklistTemplate } from '../domain/audits/audit-types';
import { problem, ProblemsError, type Problem } from '../domain/core/problems';
import type { LocalizedText } from '../domain/reviews/review-types';
import { STARTER_CHECKLIST_CREATE_CHANGE_IDS, starterChecklistTemplates } from '../domain/audits/starter-checklists';
import type { WorkbenchDb } from './db';
import { deleteRecord, holdsAll, insertMany, insertRecord, updateRecord, type Writer } from './repo';

export interface TemplateDraft {
  name: LocalizedText;
  description: LocalizedText;
  sections: ChecklistSection[];
}

export class ChecklistInvalidError extends ProblemsError {
  constructor(problems: Problem[]) {
    super('audits', problems);
    this.name = 'ChecklistInvalidError';
  }
}

/**
 * Inserts the starter templates that are not stored yet, each logged under its fixed creation
 * entry id so every machine shares their first version. A template the user deleted stays deleted
 * (its tombstone counts as stored). Returns how many were inserted.
 */
export async function ensureStarterChecklists(w: Writer): Promise<number> {
  // As seedStarterSystems: the usual start only reads the starter templates' keys.
  const ids = Object.keys(STARTER_CHECKLIST_CREATE_CHANGE_IDS);
  if (await holdsAll(w.db, 'checklistTemplates', ids)) return 0;
  return w.db.transaction('rw', ['checklistTemplates', 'changeLog'], async () => {
    const starters = starterChecklistTemplates();
    const stored = await w.db.checklistTemplates.bulkGet(starters.map((s) => s.id));
    const missing = starters.filter((_, i) => !stored[i]);
    if (missing.length === 0) return 0;
    await insertMany<ChecklistTemplate>(w, 'checklistTemplates', missing, {
      changeIds: missing.map((s) => STARTER_CHECKLIST_CREATE_CHANGE_IDS[s.id]),
    });
    return missing.length;
  });
}

const byName = new Intl.Collator('zh-CN');

export async function listTemplates(db: WorkbenchDb): Promise<ChecklistTemplate[]> {
  const rows = await db.checklistTemplates.where('deleted').equals(0).toArray();
  return rows.sort((a, b) => byName.compare(a.name.zh, b.name.zh));
}

export async function getTemplate(db: WorkbenchDb, id: string): Promise<ChecklistTemplate | undefined> {
  const t = await db.checklistTemplates.get(id);
  return t && !t.deleted ? t : undefined;
}

/** Problems with a template draft: a Chinese name plus everything validateChecklist checks. */
export function validateTemplateDraft(draft: TemplateDraft): Problem[] {
  const out: Problem[] = [];
  if (!draft.name.zh.trim()) out.push(problem('template.name-missing'));
  out.push(...validateChecklist(draft.sections));
  return out;
}

function clean(draft: TemplateDraft): TemplateDraft {
  const text = (l: LocalizedText): LocalizedText => ({ zh: l.zh.trim(), en: l.en.trim() });
  return {
    name: text(draft.name),
    description: text(draft.description),
    sections: structuredClone(draft.sections),
  };
}

export async function createTemplate(w: Writer, draft: TemplateDraft): Promise<ChecklistTemplate> {
  const issues = validateTemplateDraft(draft);
  if (issues.length) throw new ChecklistInvalidError(issues);
  return insertRecord<ChecklistTemplate>(w, 'checklistTemplates', clean(draft));
}

export async function updateTemplate(w: Writer, id: string, draft: TemplateDraft): Promise<ChecklistTemplate> {
  const issues = validateTemplateDraft(draft);
  if (issues.length) throw new ChecklistInvalidError(issues);
  return updateRecord<ChecklistTemplate>(w, 'checklistTemplates', id, clean(draft));
}

export function deleteTemplate(w: Writer, id: string): Promise<void> {
  return deleteRecord<ChecklistTemplate>(w, 'checklistTemplates', id);
}
