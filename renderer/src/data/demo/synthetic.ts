// Deterministic synthetic portfolios for tests and benchmarks (thousands of projects).
import type { Organisation, Phase, Project } from '../../domain/core/types';
import { PHASES, PROJECT_CATEGORIES, OPERATING_MODELS, REVIEW_CYCLES } from '../../domain/core/types';
import { makeRng } from '../../domain/core/random';
import { projectSearchText } from '../../domain/projects/project-rules';
import { addDays } from '../../domain/core/dates';
import { buildRecord, type NewRecord, type Writer } from '../repo';

const PLACES = ['东湖', '南山', '西城', '北港', '高新', '滨江', '临空', '新城', '老城', '开发区'];
const THEMES = [
  '城市大脑', '一网通办', '一网统管', '时空信息云平台', '城市运行管理指挥中心', '智慧交通', '数据底座',
  '政务云', '智慧停车', '城市感知网', '智慧社区', '公共数据开放', '城市生命线监测', '数字孪生', '雪亮工程',
];
const SUFFIX = ['一期', '二期', '升级改造', '运营服务', '扩容', '（PPP）', '试点', '运维'];

export interface SyntheticPortfolio {
  organisations: NewRecord<Organisation>[];
  projects: NewRecord<Project>[];
}

export function generatePortfolio(seed: number, projectCount: number): SyntheticPortfolio {
  const rng = makeRng(seed);
  const departments = Array.from({ length: 40 }, (_, i) => ({
    id: rng.uuid(), name: `${PLACES[i % PLACES.length]}区第${Math.floor(i / PLACES.length) + 1}部门`, kind: 'government' as const,
    isSme: false, creditCode: '', contact: '',
  }));
  const companies = Array.from({ length: 200 }, (_, i) => ({
    id: rng.uuid(), name: `${rng.pick(PLACES)}${rng.pick(['数智', '云图', '畅行', '安视', '政通', '华信'])}科技有限公司 ${i + 1}`,
    kind: 'company' as const, isSme: rng.chance(0.6), creditCode: '', contact: '',
  }));
  const projects: NewRecord<Project>[] = [];
  for (let i = 0; i < projectCount; i++) {
    const phase: Phase = rng.pick(PHASES);
    const start = addDays('2016-01-01', rng.int(0, 3600));
    const name = `${rng.pick(PLACES)}${rng.pick(THEMES)}${rng.pick(SUFFIX)}`;
    const code = `SY-${String(i + 1).padStart(6, '0')}`;
    const operating = phase !== 'plan';
    projects.push({
      id: rng.uuid(),
      code,
      name,
      searchText: projectSearchText({ name, code }),
      category: rng.pick(PROJECT_CATEGORIES),
      departmentId: rng.pick(departments).id,
      phase,
      phaseSince: addDays(start, rng.int(0, 900)),
      description: '',
      budget: { amount: rng.int(50, 50_000) * 1_000_000, currency: 'CNY' },
      startDate: start,
      plannedEndDate: addDays(start, rng.int(180, 1200)),
      operatorId: rng.pick(companies).id,
      operatingModel: rng.pick(OPERATING_MODELS),
      omFundingSource: operating ? '市级财政预算' : '',
      benefitSharing: '',
      supervision: '',
      valueForMoney: { date: '', reference: '' },
      fiscalAffordability: { date: '', reference: '' },
      completionAcceptance: operating ? { date: addDays(start, 700), reference: `验〔${i}〕号` } : { date: '', reference: '' },
      reviewCycle: operating ? rng.pick(REVIEW_CYCLES) : '',
      transferAudit: { date: '', reference: '' },
      indicatorSystemId: '',
    });
  }
  return { organisations: [...departments, ...companies], projects };
}

/**
 * Stores a synthetic portfolio in chunks (one transaction each) so a browser stays responsive.
 * Synthetic rows skip the change log: they are bulk test data, not officers' edits.
 */
export async function storeSynthetic(
  w: Writer,
  data: SyntheticPortfolio,
  onProgress?: (done: number, total: number) => void,
  chunk = 2000,
): Promise<void> {
  const at = (w.now ? w.now() : new Date()).toISOString();
  await w.db.organisations.bulkAdd(data.organisations.map((o) => buildRecord<Organisation>(w, o, at)));
  for (let i = 0; i < data.projects.length; i += chunk) {
    const rows = data.projects.slice(i, i + chunk).map((p) => buildRecord<Project>(w, p, at));
    await w.db.projects.bulkAdd(rows);
    onProgress?.(Math.min(i + chunk, data.projects.length), data.projects.length);
  }
}
