// Records and change-log entries shaped like the data layer's (repo.ts), for sync tests.
import { randomUUID } from 'node:crypto';
import type { SyncEntry, SyncPushItem, SyncRecord } from '../../sync/api';

export const uuid = () => randomUUID();

export function entry(recordId: string, entity: string, op: 'create' | 'update' | 'delete' = 'update', rev = 2): SyncEntry {
  return { id: uuid(), at: new Date().toISOString(), by: '测试员', entity, entityId: recordId, op, rev, changes: [{ field: 'title', before: 'a', after: 'b' }] };
}

export function record(entity: string, fields: Record<string, unknown> = {}): SyncRecord {
  const at = new Date().toISOString();
  return { id: uuid(), createdAt: at, updatedAt: at, updatedBy: '测试员', rev: 1, deleted: 0, title: `${entity} 记录`, ...fields };
}

/** A record new to the server with its creation entry. */
export function newItem(entity: string, fields: Record<string, unknown> = {}): SyncPushItem & { record: SyncRecord } {
  const r = record(entity, fields);
  const e = entry(r.id, entity, 'create', 1);
  return { entity, baseHead: null, head: e.id, record: r, entries: [e] };
}

/** The next version of a pushed item: an edit (or a delete) on top of `base`. */
export function editOf(base: Pick<SyncPushItem, 'entity' | 'head' | 'record'>, patch: Record<string, unknown>): SyncPushItem {
  const e = entry(base.record.id, base.entity, patch.deleted === 1 ? 'delete' : 'update', Number(base.record.rev) + 1);
  return { entity: base.entity, baseHead: base.head, head: e.id, record: { ...base.record, ...patch, rev: Number(base.record.rev) + 1 }, entries: [e] };
}
