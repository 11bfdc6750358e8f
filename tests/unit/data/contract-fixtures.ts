// Fixtures of the contract tests: a project with a department and companies, contracts on it, and
// the check that every stored ledger equals the one rebuilt from the raw rows.
import { expect } from 'vitest';
import { createContract, emptyContractDraft, type ContractDraft } from '../../../renderer/src/data/contracts';
import { ledgerFromRows, ledgerPageOf, readLedgerRows } from '../../../renderer/src/data/ledger';
import { contractRuleTables } from '../../../renderer/src/data/reference-rates';
import { decodeLedger, type ContractLedger } from '../../../renderer/src/domain/contracts/contract-ledger';
import { createOrganisation } from '../../../renderer/src/data/organisations';
import { createProject } from '../../../renderer/src/data/projects';
import type { WorkbenchDb } from '../../../renderer/src/data/db';
import { ProblemsError } from '../../../renderer/src/domain/core/problems';
import type { Writer } from '../../../renderer/src/data/repo';
import { emptyProjectDraft } from '../../../renderer/src/domain/projects/project-rules';
import type { Contract } from '../../../renderer/src/domain/core/types';

export interface World {
  projectId: string;
  deptId: string;
  operatorId: string;
  smeId: string;
}

export async function world(w: Writer, code = 'ZH-T-001'): Promise<World> {
  const org = (name: string, kind: 'government' | 'company', isSme = false) =>
    createOrganisation(w, { name, kind, isSme, creditCode: '', contact: '' }).then((o) => o.id);
  const deptId = await org(`市交通运输局 ${code}`, 'government');
  const operatorId = await org(`畅行智慧交通科技有限公司 ${code}`, 'company');
  const smeId = await org(`政通软件有限公司 ${code}`, 'company', true);
  const project = await createProject(w, { ...emptyProjectDraft('2026-11-24'), code, name: `智慧交通 ${code}`, departmentId: deptId });
  return { projectId: project.id, deptId, operatorId, smeId };
}

export function pppDraft(x: World, extra: Partial<ContractDraft> = {}): ContractDraft {
  return {
    ...emptyContractDraft(x.projectId),
    code: 'HT-PPP-01',
    title: '智慧交通信号优化 PPP 项目合同',
    type: 'ppp',
    pppModel: 'BOT',
    pppPaymentMechanism: 'government-pays',
    parties: [
      { orgId: x.deptId, role: 'government', isSme: false },
      { orgId: x.operatorId, role: 'operator', isSme: false },
    ],
    signedOn: '2021-03-01',
    constructionStart: '2021-03-15',
    constructionEnd: '2022-06-30',
    operationStart: '2022-07-01',
    operationEnd: '2034-06-30',
    value: { amount: 215_000_000_00, currency: 'CNY' },
    paymentTermDays: 30,
    performanceLinkedBp: 3000,
    interestPolicy: 'cn-sme',
    ...extra,
  };
}

export function createPpp(w: Writer, x: World, extra: Partial<ContractDraft> = {}): Promise<Contract> {
  return createContract(w, pppDraft(x, extra));
}

/** Every stored (contract id, packed ledger), from the pages. */
export async function storedEntries(db: WorkbenchDb): Promise<Map<string, string>> {
  const rows = await readLedgerRows(db);
  return new Map(rows.pages.flatMap((p) => p.ids.map((id, k) => [id, p.d[k]] as [string, string])));
}

/** The stored ledger of one contract, read from its page; null when it has none. */
export async function storedLedger(db: WorkbenchDb, contractId: string): Promise<ContractLedger | null> {
  const page = await db.ledgerPages.get(ledgerPageOf(contractId));
  const k = page?.ids.indexOf(contractId) ?? -1;
  return page && k >= 0 ? decodeLedger(contractId, page.d[k]) : null;
}

/** Every live contract has a fresh ledger equal to the one rebuilt from its raw rows; no orphans, no stale marks. */
export async function expectLedgersInSync(db: WorkbenchDb): Promise<void> {
  const contracts = (await db.contracts.toArray()).filter((c) => !c.deleted);
  const rows = await readLedgerRows(db);
  expect(rows.staleIds, 'contracts left marked stale').toEqual([]);
  const entries = await storedEntries(db);
  expect([...entries.keys()].sort()).toEqual(contracts.map((c) => c.id).sort());
  for (const p of rows.pages) for (const id of p.ids) expect(ledgerPageOf(id), `${id} on the wrong page`).toBe(p.id);
  const rules = await contractRuleTables(db);
  for (const [id, packed] of entries) expect(decodeLedger(id, packed)).toEqual(await ledgerFromRows(db, id, rules));
}

/** The `field:code` list of the input problems a write was refused with; [] when it succeeded. */
export async function problemCodes(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProblemsError) return e.problems.map((x) => `${x.field}:${x.code}`);
    throw e;
  }
  return [];
}
