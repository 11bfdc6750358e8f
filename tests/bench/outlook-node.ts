// The fiscal outlook's computation in Node, without a browser or IndexedDB: the bench's fixture
// (tests/bench/page/outlook-bench.ts: the contracts bench's synthetic contracts with half-yearly
// fees) built in memory and packed into the 32 ledger pages, then decode, prepare and compute timed
// in turn, several rounds. A profile: node --cpu-prof --import tsx tests/bench/outlook-node.ts.
// A digest of every figure (per-obligation open amounts and interest, fee series, the roll-ups
// with and without a scenario, the lines behind a figure) is printed so that a change to the
// computation can be checked to give the same figures to the fen.
// 'together' is decode, prepare, compute and the checks in one go, after the parts, as the browser
// bench's outlookReport end to end follows them (without the ledger read).
//   OUTLOOK_CONTRACTS (default 20000), OUTLOOK_ROUNDS (default 5),
//   OUTLOOK_FIXTURE (a JSON file the packed pages are cached in; built when missing).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { decodeSnapshot } from '../../renderer/src/data/arrears';
import { generatePortfolio } from '../../renderer/src/data/demo/synthetic';
import { syntheticContractChunks } from '../../renderer/src/data/demo/synthetic-contracts';
import type { LedgerPageRow } from '../../renderer/src/data/db';
import { ledgerPageOf } from '../../renderer/src/data/ledger';
import { buildLedger, encodeLedger } from '../../renderer/src/domain/contracts/contract-ledger';
import { contractWarnings } from '../../renderer/src/domain/contracts/contract-rules';
import { DEFAULT_INTEREST_TABLES } from '../../renderer/src/domain/contracts/interest';
import type { Organisation, Project } from '../../renderer/src/domain/core/types';
import { DEFAULT_FISCAL_POLICY } from '../../renderer/src/domain/fiscal/fiscal-policy';
import { computeOutlook, outlookLines, prepareOutlook, type OutlookOptions } from '../../renderer/src/domain/fiscal/outlook';
import { outlookBase, outlookView } from '../../renderer/src/data/outlook';

const CONTRACTS = Number(process.env.OUTLOOK_CONTRACTS ?? 20_000);
const ROUNDS = Number(process.env.OUTLOOK_ROUNDS ?? 5);
const FIXTURE = process.env.OUTLOOK_FIXTURE ?? `/tmp/outlook-fixture-${CONTRACTS}.json`;
const AS_OF = '2026-11-24';

function fixture(): LedgerPageRow[] {
  if (existsSync(FIXTURE)) return JSON.parse(readFileSync(FIXTURE, 'utf8')) as LedgerPageRow[];
  const t0 = performance.now();
  const w = { by: 'bench', now: () => new Date('2026-11-01T00:00:00Z') };
  const portfolio = generatePortfolio(42, 5000);
  const pages = new Map<string, LedgerPageRow>();
  const chunks = syntheticContractChunks(w, {
    seed: 43,
    from: 0,
    to: CONTRACTS,
    projects: portfolio.projects as Pick<Project, 'id' | 'departmentId'>[],
    companies: portfolio.organisations.filter((o) => o.kind === 'company') as Pick<Organisation, 'id' | 'isSme'>[],
    feesPerYear: 2,
  });
  for (const made of chunks) {
    for (const c of made) {
      const packed = encodeLedger(buildLedger({ contract: c.contract, warnings: contractWarnings(c.contract), obligations: c.obligations, payments: c.payments }));
      const id = ledgerPageOf(c.contract.id);
      let page = pages.get(id);
      if (!page) pages.set(id, (page = { id, ids: [], d: [] }));
      page.ids.push(c.contract.id);
      page.d.push(packed);
    }
  }
  const rows = [...pages.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  writeFileSync(FIXTURE, JSON.stringify(rows));
  console.log(`fixture built in ${Math.round(performance.now() - t0)} ms → ${FIXTURE}`);
  return rows;
}

const pages = fixture();
const options = (scenario: OutlookOptions['scenario']): OutlookOptions => ({ horizonYears: 10, currency: 'CNY', policy: DEFAULT_FISCAL_POLICY, scenario });
const plain = options({ lateDays: 0, indexationBp: null });
const late = options({ lateDays: 90, indexationBp: 300 });

const PARTS = ['decode', 'prepare', 'compute', 'scenario', 'together'] as const;
const times: Record<string, number[]> = Object.fromEntries(PARTS.map((p) => [p, []]));
// CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
const cpu: Record<string, number[]> = Object.fromEntries(PARTS.map((p) => [p, []]));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function timed<T>(part: string, f: () => T): T {
  const c = cpuMs();
  const t = performance.now();
  const out = f();
  times[part].push(performance.now() - t);
  cpu[part].push(cpuMs() - c);
  return out;
}
let digest = '';
for (let round = 0; round < ROUNDS; round++) {
  const snapshot = timed('decode', () => decodeSnapshot({ pages, staleIds: [] }));
  const base = timed('prepare', () => prepareOutlook(snapshot.set, AS_OF, DEFAULT_INTEREST_TABLES, DEFAULT_FISCAL_POLICY.recurringKinds));
  const result = timed('compute', () => computeOutlook(base, plain));
  const scenario = timed('scenario', () => computeOutlook(base, late));
  // As outlookReport runs after its parts in the browser bench: decode, prepare, compute and the
  // checks (no budget lines here), from the rows already read.
  timed('together', () => {
    const inputs = { snapshot: decodeSnapshot({ pages, staleIds: [] }), tables: DEFAULT_INTEREST_TABLES, policy: DEFAULT_FISCAL_POLICY, budgetLines: [] };
    return outlookView(outlookBase(inputs, AS_OF), inputs, { asOf: AS_OF, horizonYears: 10 });
  });
  if (round === 0) {
    const h = createHash('sha256');
    const add = (label: string, v: unknown) => h.update(`${label}:${typeof v === 'string' ? v : JSON.stringify(v)}\n`);
    const set = snapshot.set;
    add('counts', [set.count, set.obligations, set.payments]);
    add('open', Array.from(base.open));
    add('interest', Array.from(base.interest));
    add('series', base.series);
    add('keys', [base.deptKeys, base.projectKeys, base.kindKeys, Array.from(base.contractKind)]);
    add('groups', [Array.from(base.groupStart), Array.from(base.groupDept), Array.from(base.groupProject), base.groupCurrency]);
    add('unprojected', [base.noOperationEnd, base.noFeeSchedule]);
    for (const [label, r] of [['plain', result], ['late', scenario]] as const) {
      add(label, [r.years, Array.from(r.total), Array.from(r.ppp), Array.from(r.departments.values), Array.from(r.projects.values), Array.from(r.kinds.values), r.beyondHorizon, r.otherCurrency]);
    }
    const dept = result.departments.keys[0];
    for (const [label, o] of [['plain', plain], ['late', late]] as const) {
      for (const measure of ['owed', 'linked', 'interest'] as const) {
        add(`lines-${label}-${measure}`, outlookLines(base, o, { dimension: 'department', key: dept, year: 1, measure }));
      }
    }
    // The decoded set itself, so a change to decoding is checked too.
    add('set', [set.contractIds, set.types, set.values, set.contracts, set.warnings, set.heldApart, set.problems, set.groups, set.mechanisms, set.signedDays, set.operationStartDays, set.operationEndDays, set.indexations, set.projectIds]);
    for (const col of ['oStart', 'oGroup', 'oKind', 'oDueDay', 'oAmount', 'oDisputed', 'oTriggerLead', 'oLinked', 'oDeducted', 'pStart', 'pDay', 'pAmount'] as const) {
      const a = set[col];
      const n = col === 'oStart' ? set.count + 1 : col === 'pStart' ? set.obligations + 1 : col.startsWith('p') ? set.payments : set.obligations;
      add(col, Array.from(a.subarray(0, n)));
    }
    digest = h.digest('hex');
    console.log(`${set.count} contracts, ${set.obligations} obligations, ${set.payments} payments, ${base.series.length} fee series; owed 10 y ${Array.from(result.total).reduce((a, b) => a + b, 0)}`);
  }
}
const fmt = (a: number[]) => {
  const rest = a.slice(1).sort((x, y) => x - y);
  return `first ${Math.round(a[0])}` + (rest.length ? `, then min ${Math.round(rest[0])} median ${Math.round(rest[Math.floor((rest.length - 1) / 2)])}` : '') + ' ms';
};
for (const [k, v] of Object.entries(times)) console.log(`${k.padEnd(9)} wall ${fmt(v)}; cpu ${fmt(cpu[k])}`);
console.log(`digest ${digest}`);
