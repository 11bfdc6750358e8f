// Merging records from an exchange file into local records, by id and version history.
//
// DESIGN (why not a single "last-synced revision"): `rev` counters advance independently on each
// machine, so equal or higher revs say nothing about whether one version contains the other's
// edits; and one stored sync base per record fails as soon as a record created on A is edited on
// A again (A never *received* it, so A's export carries no base that B can match) or when a
// second laptop joins. What does identify a version is the change log the data layer already
// writes: every write appends an entry with a random UUID. So:
//
// - A version of a record is named by its HEAD: the id of the change-log entry that produced it.
//   Its HISTORY is the ids of every entry that led to it (for a local record: the change-log
//   entries stored for it; in an exchange file: shipped with the record).
// - Incoming I descends from local L when I's history contains L's head: the sender had L and
//   edited on top of it, so applying I loses nothing. L descends from I (I is older) when L's
//   history contains I's head. Neither: both sides edited since their common version → conflict.
//   This holds for any number of machines and any order of imports, with no clock involved.
// - Contract with the data layer: 'add' and 'apply' store the incoming record AS IS (its rev,
//   timestamps) and copy the incoming change-log entries verbatim (same ids), writing no new
//   entry; a conflict copies nothing until it is resolved; a resolution stores the record from
//   resolveConflict, the union of both histories (unionHistory) and ONE new change-log entry
//   (rev = max + 1, so it is the new head). Records seeded identically on every machine (starter
//   systems and checklists) must be logged with their fixed creation-entry ids, so both machines
//   share that head.
//
// Outcomes, checked in this order for each incoming record:
//   id appears more than once in the file      → rejected 'duplicate-id' (every copy)
//   no local record                            → add (tombstones too: the delete stays known)
//   same head                                  → skip 'same-version'
//   local history contains incoming head       → skip 'older' (an old edit never resurrects a tombstone)
//   same content and same deleted flag         → apply when incoming descends from local (only the
//                                                 history advances) and local is not locked,
//                                                 else skip 'same-content'
//   local record locked (a signed audit)       → rejected 'locked'
//   incoming history contains local head       → apply (a delete wins over an unmodified record),
//                                                 unless it would undelete a tombstone or its rev is
//                                                 not higher (impossible in honest files) → conflict
//   both deleted                               → skip 'both-deleted'
//   otherwise                                  → conflict: edit-edit, delete-edit or edit-delete
import { canonicalJson } from '../core/canonical-json';
import type { ChangeLogEntry, IsoDateTime, RecordMeta } from '../core/types';

export interface Versioned<R extends RecordMeta> {
  record: R;
  /** Change-log entry ids that produced this version, oldest first; the last is the head. */
  history: readonly string[];
}

export interface MergeOptions<R extends RecordMeta> {
  /** Records a merge must never alter, e.g. signed audits (isAuditLocked). */
  isLocked?: (record: R) => boolean;
  /** Fields left out of comparisons, e.g. a photo's Blob (its sha256 field is compared instead). */
  ignoreFields?: readonly string[];
}

export type SkipReason = 'same-version' | 'same-content' | 'older' | 'both-deleted';

export interface FieldDifference {
  field: string;
  local: unknown;
  incoming: unknown;
}

/** Named local-side first: 'delete-edit' = deleted here, edited there. */
export type ConflictKind = 'edit-edit' | 'delete-edit' | 'edit-delete';

export interface MergeConflict<R extends RecordMeta> {
  id: string;
  kind: ConflictKind;
  local: Versioned<R>;
  incoming: Versioned<R>;
  /** Every differing field ('deleted' included), in field-name order, for a person to choose. */
  fields: FieldDifference[];
  /** 'incoming' when the incoming side is locked: it can only be taken or left whole. */
  lockedSide: 'incoming' | null;
}

export interface MergeRejection<R extends RecordMeta> {
  id: string;
  reason: 'locked' | 'duplicate-id';
  incoming: Versioned<R>;
}

export interface MergePlan<R extends RecordMeta> {
  adds: Versioned<R>[];
  applies: { local: Versioned<R>; incoming: Versioned<R> }[];
  skips: { id: string; reason: SkipReason }[];
  conflicts: MergeConflict<R>[];
  rejected: MergeRejection<R>[];
}

/** Bookkeeping fields: they differ between machines without meaning a different content. */
const META = new Set(['id', 'createdAt', 'updatedAt', 'updatedBy', 'rev']);

function head(v: Versioned<RecordMeta>): string | undefined {
  return v.history[v.history.length - 1];
}

/** Equal as canonical JSON (false for values it cannot carry). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

/** Fields whose values differ, meta fields and ignored fields left out; 'deleted' is compared. */
export function differingFields<R extends RecordMeta>(local: R, incoming: R, ignoreFields: readonly string[] = []): FieldDifference[] {
  const ignored = new Set(ignoreFields);
  const l = local as unknown as Record<string, unknown>;
  const r = incoming as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(l), ...Object.keys(r)])].sort();
  const out: FieldDifference[] = [];
  for (const field of keys) {
    if (META.has(field) || ignored.has(field)) continue;
    if (!sameValue(l[field], r[field])) out.push({ field, local: l[field], incoming: r[field] });
  }
  return out;
}

export function planMerge<R extends RecordMeta>(
  local: ReadonlyMap<string, Versioned<R>>,
  incoming: readonly Versioned<R>[],
  opts: MergeOptions<R> = {},
): MergePlan<R> {
  const plan: MergePlan<R> = { adds: [], applies: [], skips: [], conflicts: [], rejected: [] };
  const isLocked = opts.isLocked ?? (() => false);
  const counts = new Map<string, number>();
  for (const v of incoming) counts.set(v.record.id, (counts.get(v.record.id) ?? 0) + 1);

  for (const inc of incoming) {
    const id = inc.record.id;
    if (counts.get(id)! > 1) {
      plan.rejected.push({ id, reason: 'duplicate-id', incoming: inc });
      continue;
    }
    const loc = local.get(id);
    if (!loc) {
      plan.adds.push(inc);
      continue;
    }
    const incHead = head(inc);
    const locHead = head(loc);
    if (incHead !== undefined && incHead === locHead) {
      plan.skips.push({ id, reason: 'same-version' });
      continue;
    }
    if (incHead !== undefined && loc.history.includes(incHead)) {
      plan.skips.push({ id, reason: 'older' });
      continue;
    }
    const fields = differingFields(loc.record, inc.record, opts.ignoreFields);
    const descends = locHead !== undefined && inc.history.includes(locHead) && inc.record.rev > loc.record.rev;
    const locked = isLocked(loc.record);
    if (fields.length === 0) {
      // Same content. A descendant is still applied so our head advances to theirs (e.g. a
      // resolution that took our side whole); otherwise our next edit would look concurrent.
      if (descends && !locked) plan.applies.push({ local: loc, incoming: inc });
      else plan.skips.push({ id, reason: 'same-content' });
      continue;
    }
    if (locked) {
      plan.rejected.push({ id, reason: 'locked', incoming: inc });
      continue;
    }
    const resurrects = loc.record.deleted === 1 && inc.record.deleted === 0;
    if (descends && !resurrects) {
      plan.applies.push({ local: loc, incoming: inc });
      continue;
    }
    if (loc.record.deleted === 1 && inc.record.deleted === 1) {
      plan.skips.push({ id, reason: 'both-deleted' });
      continue;
    }
    plan.conflicts.push({
      id,
      kind: loc.record.deleted === 1 ? 'delete-edit' : inc.record.deleted === 1 ? 'edit-delete' : 'edit-edit',
      local: loc,
      incoming: inc,
      fields,
      lockedSide: isLocked(inc.record) ? 'incoming' : null,
    });
  }
  return plan;
}

export type ConflictChoice = 'local' | 'incoming' | Readonly<Record<string, 'local' | 'incoming'>>;

export class MergeChoiceError extends Error {
  constructor(
    readonly code: 'choice-missing' | 'locked-whole-record-only',
    readonly field = '',
  ) {
    super(field ? `${code}: ${field}` : code);
    this.name = 'MergeChoiceError';
  }
}

/**
 * The record a person's choice produces: one side whole, or field by field (every differing
 * field must be chosen). It is a new version on top of both: rev = max(local, incoming) + 1,
 * stamped with who resolved it and when; createdAt is the local one.
 */
export function resolveConflict<R extends RecordMeta>(
  conflict: MergeConflict<R>,
  choice: ConflictChoice,
  opts: { at: IsoDateTime; by: string },
): R {
  let picked: Record<string, unknown>;
  if (choice === 'local' || choice === 'incoming') {
    picked = structuredClone(conflict[choice].record) as unknown as Record<string, unknown>;
  } else {
    const sides = new Set<string>();
    picked = structuredClone(conflict.local.record) as unknown as Record<string, unknown>;
    for (const f of conflict.fields) {
      const side = choice[f.field];
      if (side !== 'local' && side !== 'incoming') throw new MergeChoiceError('choice-missing', f.field);
      sides.add(side);
      if (side === 'incoming') {
        if (f.incoming === undefined) delete picked[f.field];
        else picked[f.field] = structuredClone(f.incoming);
      }
    }
    // A locked record (a signed audit) is sealed by its hash: mixing fields would break the seal.
    if (conflict.lockedSide && sides.size > 1) throw new MergeChoiceError('locked-whole-record-only');
  }
  return {
    ...picked,
    id: conflict.id,
    createdAt: conflict.local.record.createdAt,
    updatedAt: opts.at,
    updatedBy: opts.by,
    rev: Math.max(conflict.local.record.rev, conflict.incoming.record.rev) + 1,
  } as unknown as R;
}

/** Local history followed by the incoming entries it lacks: the history of a resolved record before its new entry. */
export function unionHistory(local: readonly string[], incoming: readonly string[]): string[] {
  const seen = new Set(local);
  return [...local, ...incoming.filter((id) => !seen.has(id))];
}

/**
 * Ordered by revision, not by clock: every entry a version descends from has a lower rev than the
 * entry that made it (updates +1, resolutions max+1), while two machines' clocks may disagree, so
 * ordering by time could put an older entry last and name the wrong head. Ties (concurrent edits on
 * two machines, both rev n) fall back to time and id so every machine orders them the same.
 */
export function compareEntries(a: Pick<ChangeLogEntry, 'rev' | 'at' | 'id'>, b: Pick<ChangeLogEntry, 'rev' | 'at' | 'id'>): number {
  if (a.rev !== b.rev) return a.rev - b.rev;
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

