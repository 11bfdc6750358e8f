// Everything a page sends to the sync module is checked here, with the same schemas for the IPC
// channels (desktop) and the HTTP endpoints (web build): shape, sizes, and that records and
// entries are plain JSON. A failure is 'invalid-argument' with a short path, never a value.
import { z } from 'zod';
import type {
  OfficeSettingPut,
  SyncConfigInput,
  SyncMethod,
  SyncPullRequest,
  SyncPushBatch,
} from './api';
import { SyncFailure } from './errors';

export const LIMITS = {
  pushItems: 2000,
  pushJsonBytes: 32 * 1024 * 1024,
  recordJsonBytes: 1024 * 1024,
  entriesPerItem: 10_000,
  pullLimitDefault: 1000,
  pullLimitMax: 5000,
  /** A pull page stops adding records once their entries reach this many. */
  pullEntries: 20_000,
  fileHashes: 1000,
  fileBytes: 256 * 1024 * 1024,
  fileChunkBytes: 1024 * 1024,
  settingJsonBytes: 1024 * 1024,
  caPemChars: 64 * 1024,
  publicKeyChars: 16 * 1024,
} as const;

const noControl = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);

/** UUIDs and the like; the server keys rows by these. */
export const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/);
export const entitySchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
export const deskNameSchema = z.string().trim().min(1).max(100).refine(noControl);

export const configInputSchema = z.strictObject({
  host: z.string().trim().min(1).max(253).refine((s) => noControl(s) && !/\s/.test(s)),
  port: z.int().min(1).max(65535),
  database: z.string().min(1).max(63).refine(noControl),
  user: z.string().min(1).max(63).refine(noControl),
  tls: z.enum(['disable', 'require', 'verify-full']),
  caPem: z.string().max(LIMITS.caPemChars).nullable(),
  desk: deskNameSchema,
  password: z.string().max(1024).optional(),
}).refine((c) => c.tls !== 'verify-full' || (c.caPem !== null && c.caPem.includes('-----BEGIN CERTIFICATE-----')), { path: ['caPem'] });

/**
 * True for values JSON represents exactly: plain objects, arrays, strings, finite numbers,
 * booleans, null. A Date, Blob, Map, NaN or an undefined array item would come back different.
 * An object property that is undefined is allowed and dropped, as JSON drops it (a creation
 * entry's `before: undefined`): it reads back the same.
 */
export function isPlainJson(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const v of Object.values(value as Record<string, unknown>)) if (v !== undefined && !isPlainJson(v, depth + 1)) return false;
  return true;
}

const jsonObject = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && isPlainJson(v));

const recordSchema = jsonObject.pipe(z.looseObject({ id: idSchema, deleted: z.union([z.literal(0), z.literal(1)]) }));
const entrySchema = jsonObject.pipe(z.looseObject({ id: idSchema }));

const pushItemSchema = z
  .strictObject({
    entity: entitySchema,
    baseHead: idSchema.nullable(),
    head: idSchema,
    record: recordSchema,
    entries: z.array(entrySchema).min(1).max(LIMITS.entriesPerItem),
  })
  .refine((item) => item.entries.some((e) => e.id === item.head), { path: ['head'], message: 'head must be one of the entries' });

const pushBatchSchema = z.strictObject({ items: z.array(pushItemSchema).min(1).max(LIMITS.pushItems) });

const pullRequestSchema = z.strictObject({
  cursor: z.string().max(100).nullable(),
  limit: z.int().min(1).max(LIMITS.pullLimitMax).optional(),
});

const settingPutSchema = z.strictObject({
  key: z.string().min(1).max(200).refine(noControl),
  value: z.custom<unknown>((v) => v !== undefined && isPlainJson(v)),
  baseVersion: idSchema.nullable(),
  version: idSchema,
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const path = r.error.issues[0]?.path.join('.') ?? '';
  throw new SyncFailure('invalid-argument', path ? `${what}.${path}` : what);
}

export function validateConfigInput(value: unknown): SyncConfigInput {
  return parse(configInputSchema, value, 'config') as SyncConfigInput;
}

/** The batch, with each record's and entry's JSON text (what the server stores), sizes checked. */
export interface ValidatedPush {
  batch: SyncPushBatch;
  recordText: string[];
  entryText: string[][];
}

export function validatePushBatch(value: unknown): ValidatedPush {
  parse(pushBatchSchema, value, 'batch');
  // The JSON text is made from what the desk sent, not from the parser's copy, so key order (and
  // so any hash a desk computed over the text) is kept.
  const batch = value as SyncPushBatch;
  const seen = new Set<string>();
  let bytes = 0;
  const recordText: string[] = [];
  const entryText: string[][] = [];
  batch.items.forEach((item, i) => {
    const key = `${item.entity}\u0000${item.record.id}`;
    if (seen.has(key)) throw new SyncFailure('invalid-argument', `batch.items.${i}: duplicate record`);
    seen.add(key);
    const text = JSON.stringify(item.record);
    if (text.length > LIMITS.recordJsonBytes) throw new SyncFailure('invalid-argument', `batch.items.${i}.record: too large`);
    const entries = item.entries.map((e) => JSON.stringify(e));
    bytes += text.length + entries.reduce((n, e) => n + e.length, 0);
    if (bytes > LIMITS.pushJsonBytes) throw new SyncFailure('invalid-argument', 'batch: too large');
    recordText.push(text);
    entryText.push(entries);
  });
  return { batch, recordText, entryText };
}

export function validatePullRequest(value: unknown): SyncPullRequest {
  return parse(pullRequestSchema, value, 'request') as SyncPullRequest;
}

export function validateHashes(value: unknown): string[] {
  return parse(z.array(sha256Schema).max(LIMITS.fileHashes), value, 'sha256');
}

export function validateHash(value: unknown): string {
  return parse(sha256Schema, value, 'sha256');
}

export function validateFileData(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new SyncFailure('invalid-argument', 'data');
  if (value.byteLength > LIMITS.fileBytes) throw new SyncFailure('invalid-argument', 'data: too large');
  return value;
}

export function validateSettingPut(value: unknown): OfficeSettingPut {
  const put = parse(settingPutSchema, value, 'setting') as OfficeSettingPut;
  if (JSON.stringify(put.value).length > LIMITS.settingJsonBytes) throw new SyncFailure('invalid-argument', 'setting.value: too large');
  return put;
}

export function validatePublicKey(value: unknown): string {
  return parse(z.string().min(1).max(LIMITS.publicKeyChars).refine((s) => !s.includes('\u0000')), value, 'publicKey');
}

/** How many positional arguments each method takes (the transports refuse extra ones). */
export const ARITY: Record<SyncMethod, number> = {
  getConfig: 0,
  configure: 1,
  forget: 0,
  test: 1,
  status: 0,
  push: 1,
  pull: 1,
  filesMissing: 1,
  filePut: 2,
  fileGet: 1,
  settingsList: 0,
  settingsPut: 1,
  desks: 0,
  setDeskKey: 1,
};

export function expectArity(method: SyncMethod, args: readonly unknown[]): void {
  if (args.length > ARITY[method]) throw new SyncFailure('invalid-argument', `${method}: expected at most ${ARITY[method]} argument(s)`);
}
