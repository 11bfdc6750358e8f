// The indicator-system editor works on text (what the user typed) and converts to the stored shape
// on every change, so validation can run on exactly what would be saved. Points and percentages
// are typed with up to two decimals and stored as integer hundredths (centipoints / basis points);
// anything else converts to NaN, which the domain validation reports next to the field.
import type { SystemContent } from '../../data/indicator-systems';
import { parseDecimal } from '../../domain/core/decimal';
import type { Problem } from '../../domain/core/problems';
import { DEFAULT_COEFFICIENT_BANDS, DEFAULT_GRADE_BANDS } from '../../domain/reviews/review-scoring';
import type { Direction, IndicatorNode, ReviewGrade, ScoringRule, ScoringRuleType } from '../../domain/reviews/review-types';
import { pointsShort } from './review-text';

export interface RuleForm {
  type: ScoringRuleType;
  direction: Direction;
  target: string;
  zero: string;
  bands: { bound: string; share: string }[];
  grades: { key: string; share: string }[];
  pointsPerIncident: string;
}

export interface NodeForm {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  weight: string;
  unitZh: string;
  unitEn: string;
  hintZh: string;
  hintEn: string;
  /** Kept for every node so turning a leaf into a parent and back loses nothing typed. */
  rule: RuleForm;
  children: NodeForm[];
}

export interface SystemForm {
  nameZh: string;
  nameEn: string;
  descZh: string;
  descEn: string;
  indicators: NodeForm[];
  gradeBands: { grade: ReviewGrade; min: string; max: string }[];
  coefficientBands: { min: string; max: string; coefficient: string }[];
}

/** "12.5" → 1250; more than two decimals, negatives or anything else → NaN. */
export function parseHundredths(text: string): number {
  const d = parseDecimal(text);
  if (!d || d.scale > 2 || d.units < 0n) return NaN;
  return Number(d.units * 10n ** BigInt(2 - d.scale));
}

function defaultRule(): RuleForm {
  return {
    type: 'target-linear',
    direction: 'higher-better',
    target: '100',
    zero: '0',
    bands: [
      { bound: '90', share: '60' },
      { bound: '95', share: '100' },
    ],
    grades: [
      { key: '优', share: '100' },
      { key: '良', share: '80' },
      { key: '中', share: '60' },
      { key: '差', share: '30' },
    ],
    pointsPerIncident: '1',
  };
}

function ruleToForm(rule: ScoringRule | undefined): RuleForm {
  const form = defaultRule();
  if (!rule) return form;
  form.type = rule.type;
  switch (rule.type) {
    case 'target-linear':
      return { ...form, direction: rule.direction, target: rule.target, zero: rule.zero };
    case 'threshold-bands':
      return { ...form, direction: rule.direction, bands: rule.bands.map((b) => ({ bound: b.bound, share: pointsShort(b.scoreShareBp) })) };
    case 'qualitative-grade':
      return { ...form, grades: rule.grades.map((g) => ({ key: g.key, share: pointsShort(g.scoreShareBp) })) };
    case 'deduction-per-incident':
      return { ...form, pointsPerIncident: pointsShort(rule.pointsPerIncident) };
  }
}

function nodeToForm(n: IndicatorNode): NodeForm {
  return {
    id: n.id,
    code: n.code,
    nameZh: n.name.zh,
    nameEn: n.name.en,
    weight: pointsShort(n.weight),
    unitZh: n.unit.zh,
    unitEn: n.unit.en,
    hintZh: n.evidenceHint.zh,
    hintEn: n.evidenceHint.en,
    rule: ruleToForm(n.rule),
    children: n.children.map(nodeToForm),
  };
}

export function toForm(s: SystemContent): SystemForm {
  return {
    nameZh: s.name.zh,
    nameEn: s.name.en,
    descZh: s.description.zh,
    descEn: s.description.en,
    indicators: s.indicators.map(nodeToForm),
    gradeBands: s.gradeBands.map((b) => ({ grade: b.grade, min: pointsShort(b.min), max: pointsShort(b.max) })),
    coefficientBands: s.coefficientBands.map((b) => ({ min: pointsShort(b.min), max: pointsShort(b.max), coefficient: pointsShort(b.coefficientBp) })),
  };
}

function ruleFromForm(r: RuleForm): ScoringRule {
  switch (r.type) {
    case 'target-linear':
      return { type: r.type, direction: r.direction, target: r.target.trim(), zero: r.zero.trim() };
    case 'threshold-bands':
      return { type: r.type, direction: r.direction, bands: r.bands.map((b) => ({ bound: b.bound.trim(), scoreShareBp: parseHundredths(b.share) })) };
    case 'qualitative-grade':
      return { type: r.type, grades: r.grades.map((g) => ({ key: g.key.trim(), scoreShareBp: parseHundredths(g.share) })) };
    case 'deduction-per-incident':
      return { type: r.type, pointsPerIncident: parseHundredths(r.pointsPerIncident) };
  }
}

function nodeFromForm(n: NodeForm): IndicatorNode {
  const node: IndicatorNode = {
    id: n.id,
    code: n.code.trim(),
    name: { zh: n.nameZh.trim(), en: n.nameEn.trim() },
    weight: parseHundredths(n.weight),
    unit: { zh: n.unitZh.trim(), en: n.unitEn.trim() },
    evidenceHint: { zh: n.hintZh.trim(), en: n.hintEn.trim() },
    children: n.children.map(nodeFromForm),
  };
  if (n.children.length === 0) node.rule = ruleFromForm(n.rule);
  return node;
}

export function fromForm(f: SystemForm): SystemContent {
  return {
    name: { zh: f.nameZh.trim(), en: f.nameEn.trim() },
    description: { zh: f.descZh.trim(), en: f.descEn.trim() },
    indicators: f.indicators.map(nodeFromForm),
    gradeBands: f.gradeBands.map((b) => ({ grade: b.grade, min: parseHundredths(b.min), max: parseHundredths(b.max) })),
    coefficientBands: f.coefficientBands.map((b) => ({ min: parseHundredths(b.min), max: parseHundredths(b.max), coefficientBp: parseHundredths(b.coefficient) })),
  };
}

export function newNode(code: string, weight = ''): NodeForm {
  return {
    id: `n-${globalThis.crypto.randomUUID().slice(0, 8)}`,
    code,
    nameZh: '',
    nameEn: '',
    weight,
    unitZh: '',
    unitEn: '',
    hintZh: '',
    hintEn: '',
    rule: defaultRule(),
    children: [],
  };
}

/** A new system's starting point: one indicator worth 100 points and the default bands. */
export function blankForm(): SystemForm {
  const first = newNode('1', '100');
  return {
    nameZh: '',
    nameEn: '',
    descZh: '',
    descEn: '',
    indicators: [first],
    gradeBands: DEFAULT_GRADE_BANDS.map((b) => ({ grade: b.grade, min: pointsShort(b.min), max: pointsShort(b.max) })),
    coefficientBands: DEFAULT_COEFFICIENT_BANDS.map((b) => ({ min: pointsShort(b.min), max: pointsShort(b.max), coefficient: pointsShort(b.coefficientBp) })),
  };
}

/** The list that holds the node with `id` (top level or some node's children), and its index. */
export function locate(nodes: NodeForm[], id: string): { list: NodeForm[]; index: number } | null {
  const index = nodes.findIndex((n) => n.id === id);
  if (index >= 0) return { list: nodes, index };
  for (const n of nodes) {
    const found = locate(n.children, id);
    if (found) return found;
  }
  return null;
}

export interface PlacedIssues {
  /** By indicator node id. */
  nodes: Map<string, Problem[]>;
  /** Name, tree-level (top sum, no indicators). */
  system: Problem[];
  tree: Problem[];
  /** Bands: by row index, and for the table as a whole. */
  gradeRows: Map<number, Problem[]>;
  grade: Problem[];
  coefficientRows: Map<number, Problem[]>;
  coefficient: Problem[];
}

function push<K>(map: Map<K, Problem[]>, key: K, i: Problem) {
  map.set(key, [...(map.get(key) ?? []), i]);
}

/** Puts each validation issue next to the row or field it is about. */
export function placeIssues(form: SystemForm, issues: readonly Problem[]): PlacedIssues {
  const out: PlacedIssues = { nodes: new Map(), system: [], tree: [], gradeRows: new Map(), grade: [], coefficientRows: new Map(), coefficient: [] };
  const idsByCode = new Map<string, string[]>();
  const walk = (nodes: NodeForm[]) =>
    nodes.forEach((n) => {
      idsByCode.set(n.code.trim(), [...(idsByCode.get(n.code.trim()) ?? []), n.id]);
      walk(n.children);
    });
  walk(form.indicators);
  for (const i of issues) {
    const [group] = i.code.split('.');
    const index = typeof i.params.index === 'number' ? i.params.index : null;
    if (group === 'bands') {
      const isGrade = i.params.kind === 'grade' || i.code.startsWith('bands.grade-');
      const rows = isGrade ? out.gradeRows : out.coefficientRows;
      if (index !== null) push(rows, index, i);
      else (isGrade ? out.grade : out.coefficient).push(i);
    } else if (i.code === 'system.name-missing') out.system.push(i);
    else if (typeof i.params.code === 'string' && idsByCode.has(i.params.code)) {
      for (const id of idsByCode.get(i.params.code)!) push(out.nodes, id, i);
    } else if (typeof i.params.id === 'string' && i.params.id) push(out.nodes, i.params.id, i);
    else out.tree.push(i);
  }
  return out;
}
