// Verifying the change log: each desk's chain on its own, in seq order, against its genesis and
// its signed checkpoints; and each record against the newest entry of its history. Signatures are
// checked by the caller (Web Crypto is asynchronous); these rules take the checkpoints whose
// signature already verified and report the first broken link of each chain.
import { sameValue } from '../interchange/merge';
import type { ChangeLogEntry, RecordMeta } from '../core/types';
import { entryHash, genesisHash, isChained, stateHash, type ChainedEntry, type Checkpoint } from './chain';

export type TrailProblemCode =
  | 'entry-hash-mismatch'
  | 'chain-gap'
  | 'prev-mismatch'
  | 'genesis-missing'
  | 'genesis-invalid'
  | 'checkpoint-mismatch'
  | 'checkpoint-beyond-chain'
  | 'checkpoint-signature-invalid'
  | 'checkpoint-key-mismatch'
  | 'legacy-mismatch'
  | 'record-without-history'
  | 'record-missing'
  | 'record-state-mismatch'
  | 'record-rev-mismatch';

export interface TrailProblem {
  code: TrailProblemCode;
  desk?: string;
  seq?: number;
  /** The change-log entry named. */
  entryId?: string;
  /** The record named (record checks). */
  entity?: string;
  recordId?: string;
}

/**
 * Walks one desk's chain. push() the entries in seq order; the first problem ends the walk (a
 * chain past a broken link cannot be judged). `checkpoints` are those whose signature verified,
 * all by one key, the genesis (seq 0) among them. A `complete` chain (this desk's own) must start at
 * its genesis and have no gaps; another desk's chain may have gaps (a file brings only the entries
 * of the records it carries), and each run of consecutive entries is checked on its own.
 */
export class ChainWalker {
  private seq = 0;
  private last: string | null;
  private readonly expected = new Map<number, string>();
  problem: TrailProblem | null = null;
  entries = 0;

  constructor(
    readonly desk: string,
    checkpoints: readonly Checkpoint[],
    readonly complete = true,
  ) {
    const genesis = checkpoints.find((c) => c.seq === 0);
    this.last = null;
    if (!genesis?.genesis) {
      if (complete) this.problem = { code: 'genesis-missing', desk, seq: 0 };
    }
    else if (genesis.genesis.desk !== desk || genesisHash(genesis.genesis) !== genesis.hash) this.problem = { code: 'genesis-invalid', desk, seq: 0 };
    else this.last = genesis.hash;
    const keys = new Set(checkpoints.map((c) => c.key));
    if (!this.problem && keys.size > 1) this.problem = { code: 'checkpoint-key-mismatch', desk };
    for (const c of checkpoints) if (c.seq > 0) this.expected.set(c.seq, c.hash);
  }

  push(e: ChainedEntry): TrailProblem | null {
    if (this.problem) return this.problem;
    this.entries++;
    const at = { desk: this.desk, seq: e.seq, entryId: e.id };
    if (e.seq <= this.seq || (this.complete && e.seq !== this.seq + 1)) return (this.problem = { code: 'chain-gap', ...at, seq: this.seq + 1 });
    if (entryHash(e) !== e.hash) return (this.problem = { code: 'entry-hash-mismatch', ...at });
    const linked = e.seq === this.seq + 1 && this.last !== null;
    if (linked && e.prev !== this.last) return (this.problem = { code: 'prev-mismatch', ...at });
    const want = this.expected.get(e.seq);
    if (want !== undefined && want !== e.hash) return (this.problem = { code: 'checkpoint-mismatch', ...at });
    this.seq = e.seq;
    this.last = e.hash;
    return null;
  }

  /** After the last entry: a checkpoint beyond the chain means entries were removed from its end. */
  finish(): TrailProblem | null {
    if (this.problem) return this.problem;
    const beyond = this.complete ? [...this.expected.keys()].filter((s) => s > this.seq).sort((a, b) => a - b)[0] : undefined;
    if (beyond !== undefined) this.problem = { code: 'checkpoint-beyond-chain', desk: this.desk, seq: beyond };
    return this.problem;
  }

  /** The highest seq verified so far. */
  get head(): number {
    return this.seq;
  }
}

/** A record against its newest entry: the entry must have produced exactly this record. */
export function checkRecord(entity: string, record: RecordMeta, head: ChangeLogEntry | undefined): TrailProblem | null {
  const at = { entity, recordId: record.id };
  if (!head) return { code: 'record-without-history', ...at };
  if (head.rev !== record.rev) return { code: 'record-rev-mismatch', ...at, entryId: head.id };
  if (isChained(head) && head.state !== stateOrNull(record)) return { code: 'record-state-mismatch', ...at, entryId: head.id, desk: head.desk, seq: head.seq };
  return null;
}

/**
 * The record's state hash; null for a record no entry can have produced, one holding a value
 * canonical JSON refuses (a Date, a non-finite number: edited outside the app).
 */
function stateOrNull(record: RecordMeta): string | null {
  try {
    return stateHash(record);
  } catch {
    return null;
  }
}

/** True when two entries are the same, field for field. */
export function sameEntry(a: ChangeLogEntry, b: ChangeLogEntry): boolean {
  return sameValue(a, b);
}
