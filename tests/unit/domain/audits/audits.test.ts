import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditRun, ChecklistItem, ChecklistSection } from '../../../../renderer/src/domain/audits/audit-types';
import {
  AuditNotSignableError,
  auditSummary,
  canonicalAuditContent,
  contentHash,
  isAuditLocked,
  itemOutcome,
  raiseFindings,
  signAudit,
  snapshotTemplate,
  validateAuditAnswers,
  validateAuditForSigning,
  validateChecklist,
  verifyAuditHash,
} from '../../../../renderer/src/domain/audits/audits';
import { canonicalJson, sha256Hex } from '../../../../renderer/src/domain/core/canonical-json';
import {
  STARTER_CHECKLIST_CREATE_CHANGE_IDS,
  STARTER_CHECKLIST_IDS,
  starterChecklistTemplates,
} from '../../../../renderer/src/domain/audits/starter-checklists';

const L = (zh: string) => ({ zh, en: zh });
const H = (c: string) => c.repeat(64); // a well-formed fake SHA-256
const [dataCentre, commandCentre] = starterChecklistTemplates();

describe('starter checklist templates', () => {
  it.each([dataCentre, commandCentre].map((t) => [t.name.zh, t] as const))('%s validates', (_n, t) => {
    expect(validateChecklist(t.sections)).toEqual([]);
  });
  it('have fixed ids, both languages, every answer type, photo-required items and all severities', () => {
    expect([dataCentre.id, commandCentre.id]).toEqual([STARTER_CHECKLIST_IDS.dataCentre, STARTER_CHECKLIST_IDS.commandCentre]);
    expect(Object.keys(STARTER_CHECKLIST_CREATE_CHANGE_IDS).sort()).toEqual([dataCentre.id, commandCentre.id].sort());
    expect(dataCentre.name.zh).toBe('机房/数据中心现场核查');
    expect(commandCentre.name.zh).toBe('指挥中心运行核查');
    for (const t of [dataCentre, commandCentre]) {
      const items = t.sections.flatMap((s) => s.items);
      expect(new Set(items.map((i) => i.answerType))).toEqual(new Set(['pass-fail-na', 'score', 'number', 'text']));
      expect(items.some((i) => i.photoRequired)).toBe(true);
      for (const i of items) expect(i.text.en, i.id).not.toBe('');
      for (const s of t.sections) expect(s.title.en).not.toBe('');
    }
    const severities = new Set([dataCentre, commandCentre].flatMap((t) => t.sections.flatMap((s) => s.items.map((i) => i.severityIfFailed))));
    expect(severities).toEqual(new Set(['low', 'medium', 'high', 'critical']));
  });
});

describe('validateChecklist', () => {
  const item = (over: Partial<ChecklistItem>): ChecklistItem => ({ id: 'i1', text: L('检查项'), answerType: 'pass-fail-na', photoRequired: false, severityIfFailed: 'low', ...over });
  const sec = (...items: ChecklistItem[]): ChecklistSection[] => [{ id: 's', title: L('部分'), items }];
  it.each<[string, ChecklistSection[], string[]]>([
    ['ok', sec(item({})), []],
    ['no items', sec(), ['template.no-items']],
    ['duplicate item id', sec(item({}), item({})), ['item.id-duplicate']],
    ['blank text', sec(item({ text: L(' ') })), ['item.text-missing']],
    ['bad answer type', sec(item({ answerType: 'yes-no' as never })), ['item.answer-type-invalid']],
    ['bad severity', sec(item({ severityIfFailed: 'huge' as never })), ['item.severity-invalid']],
    ['score without max', sec(item({ answerType: 'score' })), ['item.max-score-invalid']],
    ['pass score above max', sec(item({ answerType: 'score', maxScore: 5, passScore: 6 })), ['item.pass-score-invalid']],
    ['range min above max', sec(item({ answerType: 'number', range: { min: '30', max: '20' } })), ['item.range-invalid']],
    ['range not a number', sec(item({ answerType: 'number', range: { min: 'cold' } })), ['item.range-invalid']],
    ['section without title', [{ id: 's', title: L(''), items: [item({})] }], ['section.title-missing']],
  ])('%s', (_n, sections, codes) => {
    expect(validateChecklist(sections).map((i) => i.code)).toEqual(codes);
  });
});

describe('itemOutcome', () => {
  const pf: ChecklistItem = { id: 'a', text: L('a'), answerType: 'pass-fail-na', photoRequired: false, severityIfFailed: 'low' };
  const score: ChecklistItem = { ...pf, answerType: 'score', maxScore: 10, passScore: 6 };
  const scoreInfo: ChecklistItem = { ...pf, answerType: 'score', maxScore: 10 };
  const temp: ChecklistItem = { ...pf, answerType: 'number', range: { min: '18', max: '27' } };
  const atMost0: ChecklistItem = { ...pf, answerType: 'number', range: { max: '0' } };
  const free: ChecklistItem = { ...pf, answerType: 'number' };
  const text: ChecklistItem = { ...pf, answerType: 'text' };
  it.each<[string, ChecklistItem, string | undefined, string]>([
    ['pass', pf, 'pass', 'pass'],
    ['fail', pf, 'fail', 'fail'],
    ['na', pf, 'na', 'na'],
    ['missing answer', pf, undefined, 'unanswered'],
    ['blank', pf, '  ', 'unanswered'],
    ['other word', pf, 'ok', 'invalid'],
    ['score at pass mark', score, '6', 'pass'],
    ['score below pass mark', score, '5', 'fail'],
    ['score full', score, '10', 'pass'],
    ['score above max', score, '11', 'invalid'],
    ['score fraction', score, '6.5', 'invalid'],
    ['score na', score, 'na', 'na'],
    ['score without pass mark', scoreInfo, '2', 'info'],
    ['temperature inside', temp, '22.5', 'pass'],
    ['temperature on min', temp, '18', 'pass'],
    ['temperature on max', temp, '27.0', 'pass'],
    ['temperature above', temp, '27.01', 'fail'],
    ['temperature below', temp, '17.9', 'fail'],
    ['temperature not a number', temp, 'warm', 'invalid'],
    ['alarm count 0', atMost0, '0', 'pass'],
    ['alarm count 2', atMost0, '2', 'fail'],
    ['number without range', free, '-3', 'info'],
    ['text', text, 'anything', 'info'],
    ['text "na" is just text', text, 'na', 'info'],
  ])('%s', (_n, item, value, outcome) => {
    expect(itemOutcome(item, value)).toBe(outcome);
  });
});

/** A data-centre audit where everything passes, with photos on the three photo-required items. */
function audit(over: Partial<AuditRun> = {}): AuditRun {
  const values: Record<string, string> = {
    'dc-env-1': '22.5', 'dc-env-2': '45', 'dc-eqp-1': '8', 'dc-eqp-2': '7', 'dc-eqp-3': '0', 'dc-om-4': '运行良好',
  };
  const snapshot = snapshotTemplate({ ...dataCentre, rev: 1 });
  return {
    id: 'audit-1', createdAt: '2026-05-01T01:00:00.000Z', updatedAt: '2026-05-01T02:00:00.000Z', updatedBy: 'li', rev: 4, deleted: 0,
    projectId: 'p1', site: '市政务云机房 A区', date: '2026-05-01', auditors: ['李娜', '王强'],
    templateId: dataCentre.id, template: snapshot,
    answers: snapshot.sections.flatMap((s) => s.items).map((i) => ({ itemId: i.id, value: values[i.id] ?? 'pass', note: '' })),
    photos: [
      { id: 'ph-ups', itemId: 'dc-env-3', caption: 'UPS面板' },
      { id: 'ph-gas', itemId: 'dc-safe-1', caption: '' },
      { id: 'ph-alarm', itemId: 'dc-eqp-3', caption: '' },
      { id: 'ph-site', itemId: '', caption: '机房全景' },
    ],
    status: 'draft', signedBy: '', signedAt: '', signature: null, contentHash: '',
    ...over,
  };
}
const photoHashes = new Map([['ph-ups', H('a')], ['ph-gas', H('b')], ['ph-alarm', H('c')], ['ph-site', H('d')], ['sig-1', H('e')]]);
const answer = (a: AuditRun, itemId: string, value: string, note = '') => {
  a.answers = a.answers.map((x) => (x.itemId === itemId ? { ...x, value, note } : x));
  return a;
};

describe('validateAuditAnswers', () => {
  it.each<[string, (a: AuditRun) => AuditRun, object[]]>([
    ['complete audit', (a) => a, []],
    ['photo-required item without photo', (a) => ({ ...a, photos: a.photos.filter((p) => p.itemId !== 'dc-env-3') }), [{ code: 'answer.photo-required', params: { itemId: 'dc-env-3' } }]],
    ['photo-required item answered n/a needs no photo', (a) => answer({ ...a, photos: a.photos.filter((p) => p.itemId !== 'dc-env-3') }, 'dc-env-3', 'na'), []],
    ['a failed photo-required item still needs its photo', (a) => answer({ ...a, photos: a.photos.filter((p) => p.itemId !== 'dc-safe-1') }, 'dc-safe-1', 'fail'), [{ code: 'answer.photo-required', params: { itemId: 'dc-safe-1' } }]],
    ['unanswered item', (a) => answer(a, 'dc-om-1', ''), [{ code: 'answer.missing', params: { itemId: 'dc-om-1' } }]],
    ['answer removed entirely', (a) => ({ ...a, answers: a.answers.filter((x) => x.itemId !== 'dc-om-2') }), [{ code: 'answer.missing', params: { itemId: 'dc-om-2' } }]],
    ['unanswered text item is fine', (a) => answer(a, 'dc-om-4', ''), []],
    ['malformed pass/fail', (a) => answer(a, 'dc-om-1', 'yes'), [{ code: 'answer.invalid', params: { itemId: 'dc-om-1', value: 'yes' } }]],
    ['score above max', (a) => answer(a, 'dc-eqp-1', '11'), [{ code: 'answer.score-range', params: { itemId: 'dc-eqp-1', max: 10 } }]],
    ['number not a number', (a) => answer(a, 'dc-env-1', '二十'), [{ code: 'answer.invalid', params: { itemId: 'dc-env-1', value: '二十' } }]],
    ['answer for an unknown item', (a) => ({ ...a, answers: [...a.answers, { itemId: 'zz', value: 'pass', note: '' }] }), [{ code: 'answer.unknown-item', params: { itemId: 'zz' } }]],
    ['two answers for one item', (a) => ({ ...a, answers: [...a.answers, { itemId: 'dc-om-1', value: 'pass', note: '' }] }), [{ code: 'answer.duplicate', params: { itemId: 'dc-om-1' } }]],
    ['photo for an unknown item', (a) => ({ ...a, photos: [...a.photos, { id: 'x', itemId: 'zz', caption: '' }] }), [{ code: 'photo.unknown-item', params: { photoId: 'x', itemId: 'zz' } }]],
  ])('%s', (_n, change, expected) => {
    expect(validateAuditAnswers(change(audit()))).toEqual(expected);
  });

  it.each<[string, Partial<AuditRun>, string[]]>([
    ['ready', {}, []],
    ['no site', { site: ' ' }, ['audit.site-missing']],
    ['bad date', { date: '2026-02-30' }, ['audit.date-invalid']],
    ['no auditor', { auditors: [''] }, ['audit.auditors-missing']],
    ['already signed', { status: 'signed' }, ['audit.already-signed']],
  ])('validateAuditForSigning: %s', (_n, over, codes) => {
    expect(validateAuditForSigning(audit(over)).map((i) => i.code)).toEqual(codes);
  });
});

describe('findings and summary', () => {
  /** Cold aisle 28.5 °C (fail, medium), gas suppression fail (critical), labels 5/10 (fail, low), generator n/a. */
  const failing = () => {
    const a = audit();
    answer(a, 'dc-env-1', '28.5', '热通道封闭不严');
    answer(a, 'dc-safe-1', 'fail', '压力表指针低于绿区');
    answer(a, 'dc-eqp-1', '5');
    answer(a, 'dc-env-5', 'na');
    answer(a, 'dc-om-4', '');
    return a;
  };

  it('raises one finding per failed item, in checklist order, with the item severity', () => {
    expect(raiseFindings(failing())).toEqual([
      { itemId: 'dc-env-1', severity: 'medium', title: '冷通道温度', description: '热通道封闭不严', reason: 'out-of-range', value: '28.5', raisedOn: '2026-05-01' },
      { itemId: 'dc-safe-1', severity: 'critical', title: '气体灭火系统压力正常、药剂在有效期内', description: '压力表指针低于绿区', reason: 'failed', value: 'fail', raisedOn: '2026-05-01' },
      { itemId: 'dc-eqp-1', severity: 'low', title: '机柜及设备标识清晰，与资产台账一致', description: '', reason: 'below-pass-score', value: '5', raisedOn: '2026-05-01' },
    ]);
    expect(raiseFindings(failing(), 'en').map((f) => f.title)[0]).toBe('Cold-aisle temperature');
    expect(raiseFindings(audit())).toEqual([]);
  });

  it('summarises an all-pass audit', () => {
    // 15 items: 3 ranged numbers + 9 pass/fail + 2 scores with a pass mark judged; 1 text item is info.
    expect(auditSummary(audit())).toEqual({
      items: 15, pass: 14, fail: 0, na: 0, info: 1, unanswered: 0, invalid: 0,
      passRateBp: 10_000, scoreObtained: 15, scoreMax: 20, scoreShareBp: 7500,
      failedBySeverity: { low: 0, medium: 0, high: 0, critical: 0 }, photosMissing: 0,
    });
  });

  it('summarises the failing audit (worked by hand)', () => {
    // pass 10, fail 3, na 1, text unanswered 1; pass rate 10/13 = 76.923 % → 7692 bp;
    // scores 5 + 7 = 12 of 20 → 6000 bp.
    expect(auditSummary({ ...failing(), photos: [] })).toEqual({
      items: 15, pass: 10, fail: 3, na: 1, info: 0, unanswered: 1, invalid: 0,
      passRateBp: 7692, scoreObtained: 12, scoreMax: 20, scoreShareBp: 6000,
      failedBySeverity: { low: 1, medium: 1, high: 0, critical: 1 }, photosMissing: 3,
    });
  });

  it('has no pass rate when nothing was judged', () => {
    const a = audit();
    a.answers = [];
    expect(auditSummary(a)).toMatchObject({ unanswered: 15, passRateBp: null, scoreObtained: 0, scoreShareBp: 0 });
  });
});

describe('canonicalJson', () => {
  it.each<[string, unknown, string]>([
    ['sorted keys, nested', { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}'],
    ['undefined properties left out', { a: undefined, b: 'x' }, '{"b":"x"}'],
    ['strings escaped as JSON', { t: '引号"\n<script>' }, '{"t":"引号\\"\\n<script>"}'],
    ['negative zero is 0', { n: -0 }, '{"n":0}'],
    ['numbers in shortest form', [1.5, 100, 1e21], '[1.5,100,1e+21]'],
    ['booleans', [true, false], '[true,false]'],
    ['keys sorted by code unit', { 审: 1, a: 2, B: 3 }, '{"B":3,"a":2,"审":1}'],
  ])('%s', (_n, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });
  it.each<[string, unknown]>([
    ['NaN', { n: Number.NaN }],
    ['Infinity', [Infinity]],
    ['undefined in an array', [undefined]],
    ['BigInt', { n: 1n }],
    ['Date', { d: new Date(0) }],
    ['Map', new Map()],
    ['function', { f: () => 1 }],
  ])('refuses %s', (_n, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
  it('sha256Hex matches the standard test vector', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('content hash', () => {
  it('is the SHA-256 of the canonical content', async () => {
    const text = canonicalAuditContent(audit(), photoHashes);
    expect(await contentHash(audit(), photoHashes)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(text).toContain(`"sha256":"${H('a')}"`);
    expect(text).not.toContain('ph-ups');
  });

  const same: [string, (a: AuditRun) => AuditRun][] = [
    ['answers in another order', (a) => ({ ...a, answers: [...a.answers].reverse() })],
    ['photos in another order', (a) => ({ ...a, photos: [...a.photos].reverse() })],
    ['keys in another order', (a) => Object.fromEntries(Object.entries(a).reverse()) as unknown as AuditRun],
    ['photo stored under another id, same image', (a) => ({ ...a, photos: a.photos.map((p) => (p.id === 'ph-ups' ? { ...p, id: 'ph-copy' } : p)) })],
    ['bookkeeping changed (rev, updatedAt, updatedBy)', (a) => ({ ...a, rev: 9, updatedAt: '2027-01-01T00:00:00.000Z', updatedBy: 'zhao' })],
  ];
  it.each(same)('same content → same hash: %s', async (_n, change) => {
    const hashes = new Map([...photoHashes, ['ph-copy', H('a')]]);
    expect(await contentHash(change(audit()), hashes)).toBe(await contentHash(audit(), photoHashes));
  });

  const different: [string, (a: AuditRun) => AuditRun][] = [
    ['one answer changed', (a) => answer(a, 'dc-om-1', 'fail')],
    ['a note changed', (a) => answer(a, 'dc-om-1', 'pass', '已核对')],
    ['a photo replaced by another image', (a) => ({ ...a, photos: a.photos.map((p) => (p.id === 'ph-ups' ? { ...p, id: 'ph-site' } : p)) })],
    ['a photo caption changed', (a) => ({ ...a, photos: a.photos.map((p) => ({ ...p, caption: p.caption + '。' })) })],
    ['auditor order changed', (a) => ({ ...a, auditors: [...a.auditors].reverse() })],
    ['site changed', (a) => ({ ...a, site: a.site + ' ' })],
    ['template snapshot changed', (a) => { const b = structuredClone(a); b.template.sections[0].items[0].range = { min: '15', max: '27' }; return b; }],
  ];
  it.each(different)('changed content → different hash: %s', async (_n, change) => {
    expect(await contentHash(change(audit()), photoHashes)).not.toBe(await contentHash(audit(), photoHashes));
  });

  it('refuses to hash without every photo hash', () => {
    expect(() => canonicalAuditContent(audit(), new Map([['ph-ups', H('a')]]))).toThrow(RangeError);
    expect(() => canonicalAuditContent(audit(), new Map([...photoHashes, ['ph-gas', 'not-a-hash']]))).toThrow(RangeError);
  });
});

describe('sign-off', () => {
  const signOff = { by: '李娜', at: '2026-05-01T09:30:00.000Z', signature: { kind: 'typed' as const, name: '李娜' } };

  it('signs, locks and seals the audit; verification detects tampering', async () => {
    const draft = audit();
    const signed = await signAudit(draft, signOff, photoHashes);
    expect(signed).toMatchObject({ status: 'signed', signedBy: '李娜', signedAt: '2026-05-01T09:30:00.000Z', signature: { kind: 'typed', name: '李娜' } });
    expect(signed.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(draft.status).toBe('draft');
    expect(isAuditLocked(signed)).toBe(true);
    expect(isAuditLocked(draft)).toBe(false);
    expect(await verifyAuditHash(signed, photoHashes)).toBe(true);
    expect(await verifyAuditHash(answer(structuredClone(signed), 'dc-om-1', 'fail'), photoHashes)).toBe(false);
    expect(await verifyAuditHash({ ...signed, signedAt: '2026-05-02T09:30:00.000Z' }, photoHashes)).toBe(false);
    expect(await verifyAuditHash(signed, new Map([...photoHashes, ['ph-ups', H('f')]]))).toBe(false);
    expect(await verifyAuditHash(signed, new Map())).toBe(false);
    expect(await verifyAuditHash(draft, photoHashes)).toBe(false);
  });

  it('a drawn signature enters the hash by its image hash', async () => {
    const drawn = { ...signOff, signature: { kind: 'drawn' as const, name: '李娜', imageId: 'sig-1' } };
    const signed = await signAudit(audit(), drawn, photoHashes);
    expect(canonicalAuditContent(signed, photoHashes)).toContain(`"signature":{"kind":"drawn","name":"李娜","sha256":"${H('e')}"}`);
    expect(await verifyAuditHash(signed, new Map([...photoHashes, ['sig-1', H('0')]]))).toBe(false);
  });

  it.each<[string, AuditRun, typeof signOff | { by: string; at: string; signature: { kind: 'drawn'; name: string; imageId: string } }, string[]]>([
    ['missing photo', { ...audit(), photos: [] }, signOff, ['answer.photo-required', 'answer.photo-required', 'answer.photo-required']],
    ['no signer', audit(), { ...signOff, by: ' ' }, ['audit.signer-missing']],
    ['drawn signature image missing', audit(), { ...signOff, signature: { kind: 'drawn', name: 'x', imageId: 'nope' } }, ['audit.signature-image-missing']],
    ['already signed', audit({ status: 'signed' }), signOff, ['audit.already-signed']],
  ])('refuses to sign: %s', async (_n, a, s, codes) => {
    const err = await signAudit(a, s, photoHashes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuditNotSignableError);
    expect((err as AuditNotSignableError).problems.map((i) => i.code)).toEqual(codes);
  });
});
