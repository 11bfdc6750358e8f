// The contract list's in-memory index follows contract writes and answers as the store query does.
import { afterEach, describe, expect, it } from 'vitest';
import { ContractIndex } from '../../../renderer/src/data/contract-index';
import { createContract, deleteContract, queryContracts, updateContract, draftOf } from '../../../renderer/src/data/contracts';
import type { ContractListQuery } from '../../../renderer/src/domain/contracts/contract-list';
import { pppDraft, world } from './contract-fixtures';
import { freshDb } from './helpers';
import type { WorkbenchDb } from '../../../renderer/src/data/db';

const open: ContractIndex[] = [];
afterEach(() => {
  for (const ix of open.splice(0)) ix.close();
});

function nextChange(ix: ContractIndex): Promise<void> {
  return new Promise((resolve) => {
    const stop = ix.subscribe(() => {
      stop();
      resolve();
    });
  });
}

async function expectSameAsStore(ix: ContractIndex, db: WorkbenchDb, queries: ContractListQuery[]): Promise<void> {
  for (const q of queries) expect(ix.query(q).map((r) => r.id), JSON.stringify(q)).toEqual((await queryContracts(db, { ...q, limit: 10_000 })).rows.map((c) => c.id));
}

describe('contract index', () => {
  it('follows creates, edits and tombstones, in code order, as the store query answers', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    await createContract(w, pppDraft(x, { code: 'HT-10', title: '智慧交通 PPP 项目合同' }));
    const ix = new ContractIndex(db);
    open.push(ix);
    await ix.settled();
    expect(ix.query().map((r) => r.code)).toEqual(['HT-10']);

    let seen = nextChange(ix);
    const b = await createContract(w, pppDraft(x, { code: 'HT-2', title: '信号优化运营服务', type: 'purchase-of-service', pppModel: '', pppPaymentMechanism: '' }));
    await seen;
    expect(ix.query().map((r) => r.code)).toEqual(['HT-2', 'HT-10']);

    seen = nextChange(ix);
    await updateContract(w, b.id, { ...draftOf(b), title: '停车场租赁', type: 'lease' });
    await seen;
    expect(ix.query({ search: '租赁' }).map((r) => r.code)).toEqual(['HT-2']);
    expect(ix.query({ type: 'purchase-of-service' })).toEqual([]);

    const queries: ContractListQuery[] = [{}, { type: 'lease' }, { search: 'ht' }, { search: '运营' }, { ids: [b.id] }];
    await expectSameAsStore(ix, db, queries);

    seen = nextChange(ix);
    await deleteContract(w, b.id);
    await seen;
    expect(ix.query().map((r) => r.code)).toEqual(['HT-10']);
    await expectSameAsStore(ix, db, queries);
  });
});
