// Column specifications for the three spreadsheet imports. Each column lists the header names
// offices actually use (zh and en, common variants); the first name per language is the template's
// header. Enum columns name the code list whose zh/en labels (i18n `enums.<enumName>`) are accepted,
// plus spreadsheet synonyms for code lists the UI has no labels for yet.
import { CONTRACT_LIMITS } from '../contracts/contract-draft';
import { PAYMENT_LIMITS } from '../contracts/payment-rules';
import { CURRENCIES } from '../core/money';
import {
  CONTRACT_TYPES,
  INTEREST_POLICY_KINDS,
  OPERATING_MODELS,
  PHASES,
  PPP_MODELS,
  PPP_PAYMENT_MECHANISMS,
  PROJECT_CATEGORIES,
  REVIEW_CYCLES,
} from '../core/types';
import { BUDGET_KINDS } from '../fiscal/budgets';

export type SheetKind = 'projects' | 'contracts' | 'payments' | 'budgets';
export const SHEET_KINDS: readonly SheetKind[] = ['projects', 'contracts', 'payments', 'budgets'];

export type ColumnType =
  | 'text'
  | 'date'
  | 'money'
  | 'enum'
  | 'orgName'
  | 'projectRef'
  | 'contractRef'
  | 'integer'
  | 'bpPercent'
  | 'ppmPerDay';

interface BaseColumn {
  field: string;
  required: boolean;
  aliases: { zh: readonly string[]; en: readonly string[] };
  /** Template example cell (the template's second row). */
  example: { zh: string; en: string };
}
export interface TextColumn extends BaseColumn {
  type: 'text';
  max: number;
}
export interface EnumColumn extends BaseColumn {
  type: 'enum';
  /** Key of the label group in the i18n enums catalogue. */
  enumName: string;
  values: readonly string[];
  synonyms?: Readonly<Record<string, readonly string[]>>;
}
export interface IntegerColumn extends BaseColumn {
  type: 'integer';
  min: number;
  max: number;
}
export interface OtherColumn extends BaseColumn {
  type: 'date' | 'money' | 'orgName' | 'projectRef' | 'contractRef' | 'bpPercent' | 'ppmPerDay';
}
export type ColumnSpec = TextColumn | EnumColumn | IntegerColumn | OtherColumn;

const YES_NO = { values: ['yes', 'no'], synonyms: { yes: ['是', 'Y', 'true', '1', '√'], no: ['否', 'N', 'false', '0', '×'] } };

const currencyColumn: EnumColumn = {
  field: 'currency',
  required: false,
  type: 'enum',
  enumName: 'currency',
  values: CURRENCIES,
  synonyms: { CNY: ['人民币', 'RMB', '元', '¥'], EUR: ['欧元', '€'], GBP: ['英镑', '£'], USD: ['美元', 'US$'], HKD: ['港元', '港币'] },
  aliases: { zh: ['币种', '货币'], en: ['Currency'] },
  example: { zh: '人民币', en: 'CNY' },
};

export const PROJECT_COLUMNS: readonly ColumnSpec[] = [
  { field: 'code', required: true, type: 'text', max: 40, aliases: { zh: ['项目编号', '项目代码', '项目编码', '编号'], en: ['Project code', 'Code', 'Project no', 'Project number', 'Project ID'] }, example: { zh: 'ZH-2024-001', en: 'ZH-2024-001' } },
  { field: 'name', required: true, type: 'text', max: 120, aliases: { zh: ['项目名称', '名称'], en: ['Project name', 'Name', 'Title'] }, example: { zh: '城市大脑二期', en: 'City brain phase 2' } },
  { field: 'category', required: true, type: 'enum', enumName: 'category', values: PROJECT_CATEGORIES, aliases: { zh: ['项目类别', '类别', '项目分类', '项目类型'], en: ['Category', 'Project category', 'Type'] }, example: { zh: '城市大脑', en: 'City brain' } },
  { field: 'department', required: false, type: 'orgName', aliases: { zh: ['主管部门', '责任部门', '牵头部门', '建设单位', '业主单位'], en: ['Department', 'Responsible department', 'Owner'] }, example: { zh: '市大数据管理局', en: 'Municipal Big Data Bureau' } },
  { field: 'phase', required: false, type: 'enum', enumName: 'phase', values: PHASES, synonyms: { plan: ['规划', '识别', '准备', '采购'], build: ['建设', '在建', '实施'], operate: ['运营', '运维'], transferred: ['移交'], closed: ['结项'], cancelled: ['终止', '取消'] }, aliases: { zh: ['项目阶段', '阶段', '当前阶段', '状态'], en: ['Phase', 'Stage', 'Status'] }, example: { zh: '建设', en: 'Build' } },
  { field: 'phaseSince', required: false, type: 'date', aliases: { zh: ['阶段起始日期', '进入阶段日期', '阶段开始日期'], en: ['Phase since', 'Phase start date'] }, example: { zh: '2024-03-01', en: '2024-03-01' } },
  { field: 'budget', required: false, type: 'money', aliases: { zh: ['总投资（万元）', '总投资', '项目总投资', '预算', '项目预算', '投资额'], en: ['Budget (CNY)', 'Budget', 'Total investment'] }, example: { zh: '1500', en: '15000000.00' } },
  currencyColumn,
  { field: 'startDate', required: false, type: 'date', aliases: { zh: ['开始日期', '开工日期', '启动日期', '立项日期'], en: ['Start date', 'Start'] }, example: { zh: '2024年3月1日', en: '2024-03-01' } },
  { field: 'plannedEndDate', required: false, type: 'date', aliases: { zh: ['计划完成日期', '计划结束日期', '计划竣工日期'], en: ['Planned end date', 'End date', 'Planned completion'] }, example: { zh: '2025/12/31', en: '2025-12-31' } },
  { field: 'operator', required: false, type: 'orgName', aliases: { zh: ['运营单位', '运营方', '运营主体'], en: ['Operator'] }, example: { zh: '', en: '' } },
  { field: 'operatingModel', required: false, type: 'enum', enumName: 'operatingModel', values: OPERATING_MODELS, synonyms: { 'purchase-of-service': ['购买服务'] }, aliases: { zh: ['运营模式'], en: ['Operating model'] }, example: { zh: '政府购买服务', en: 'Government purchase of service' } },
  { field: 'reviewCycle', required: false, type: 'enum', enumName: 'reviewCycle', values: REVIEW_CYCLES, synonyms: { quarterly: ['季度', '按季度'], 'half-yearly': ['半年', '每半年度'], yearly: ['年度', '每年度', '按年'] }, aliases: { zh: ['评价周期', '绩效评价周期'], en: ['Review cycle'] }, example: { zh: '每年', en: 'Yearly' } },
  { field: 'completionAcceptanceDate', required: false, type: 'date', aliases: { zh: ['验收日期', '竣工验收日期', '终验日期'], en: ['Acceptance date', 'Completion acceptance date'] }, example: { zh: '', en: '' } },
  { field: 'completionAcceptanceRef', required: false, type: 'text', max: 200, aliases: { zh: ['验收文号', '验收文件'], en: ['Acceptance reference'] }, example: { zh: '', en: '' } },
  { field: 'description', required: false, type: 'text', max: 4000, aliases: { zh: ['项目简介', '建设内容', '项目描述', '描述', '备注'], en: ['Description', 'Notes'] }, example: { zh: '汇聚全市数据，建设城市运行指标体系', en: 'City-wide data hub and city operation indicators' } },
];

export const CONTRACT_COLUMNS: readonly ColumnSpec[] = [
  { field: 'projectCode', required: true, type: 'projectRef', aliases: { zh: ['项目编号', '所属项目编号', '项目代码'], en: ['Project code', 'Project'] }, example: { zh: 'ZH-2024-001', en: 'ZH-2024-001' } },
  { field: 'code', required: true, type: 'text', max: CONTRACT_LIMITS.code, aliases: { zh: ['合同编号', '合同号', '合同代码'], en: ['Contract code', 'Contract no', 'Contract number', 'Code'] }, example: { zh: 'HT-2024-018', en: 'HT-2024-018' } },
  { field: 'title', required: true, type: 'text', max: 200, aliases: { zh: ['合同名称', '名称'], en: ['Contract title', 'Title', 'Name'] }, example: { zh: '城市大脑二期运营服务采购合同', en: 'City brain phase 2 operation service' } },
  {
    field: 'type',
    required: true,
    type: 'enum',
    enumName: 'contractType',
    values: CONTRACT_TYPES,
    synonyms: {
      bot: ['BOT', '建设-运营-移交', '建设运营移交'],
      ppp: ['PPP', '政府和社会资本合作'],
      'purchase-of-service': ['政府购买服务', '购买服务', 'Purchase of service', 'Government purchase of service'],
      traditional: ['传统采购', '总集成', '总集成+分包', 'Traditional procurement', 'Traditional'],
      lease: ['租赁', '政府租赁服务', '租赁服务', 'Lease'],
      franchise: ['特许经营', '特许经营项目', '使用者付费特许经营', 'Franchise', 'Concession'],
    },
    aliases: { zh: ['合同类型', '类型', '合作模式'], en: ['Contract type', 'Type'] },
    example: { zh: '政府购买服务', en: 'Purchase of service' },
  },
  { field: 'pppModel', required: false, type: 'enum', enumName: 'pppModel', values: PPP_MODELS, synonyms: { OM: ['O&M', '委托运营'], MC: ['管理合同'] }, aliases: { zh: ['PPP运作方式', '运作方式', 'PPP模式'], en: ['PPP model'] }, example: { zh: '', en: '' } },
  {
    field: 'pppPaymentMechanism',
    required: false,
    type: 'enum',
    enumName: 'pppPaymentMechanism',
    values: PPP_PAYMENT_MECHANISMS,
    synonyms: {
      'government-pays': ['政府付费', 'Government pays'],
      'user-pays': ['使用者付费', 'User pays'],
      'viability-gap': ['可行性缺口补助', 'Viability gap funding', 'VGF'],
    },
    aliases: { zh: ['付费机制', '回报机制'], en: ['Payment mechanism'] },
    example: { zh: '', en: '' },
  },
  { field: 'government', required: false, type: 'orgName', aliases: { zh: ['甲方', '采购人', '政府方', '委托方'], en: ['Government party', 'Buyer', 'Client'] }, example: { zh: '市大数据管理局', en: 'Municipal Big Data Bureau' } },
  { field: 'counterparty', required: true, type: 'orgName', aliases: { zh: ['乙方', '供应商', '中标单位', '承建单位', '社会资本方', '运营商', '签约单位'], en: ['Counterparty', 'Supplier', 'Contractor', 'Operator'] }, example: { zh: '城市大脑运营有限公司', en: 'City Brain Operations Co.' } },
  { field: 'counterpartyIsSme', required: false, type: 'enum', enumName: 'yesNo', ...YES_NO, aliases: { zh: ['是否中小企业', '中小企业'], en: ['SME', 'Is SME'] }, example: { zh: '是', en: 'yes' } },
  { field: 'signedOn', required: false, type: 'date', aliases: { zh: ['签订日期', '签约日期', '合同签订日期'], en: ['Signed on', 'Signing date', 'Date signed'] }, example: { zh: '2024-02-20', en: '2024-02-20' } },
  { field: 'constructionStart', required: false, type: 'date', aliases: { zh: ['建设期开始', '建设开始日期'], en: ['Construction start'] }, example: { zh: '', en: '' } },
  { field: 'constructionEnd', required: false, type: 'date', aliases: { zh: ['建设期结束', '建设结束日期'], en: ['Construction end'] }, example: { zh: '', en: '' } },
  { field: 'operationStart', required: false, type: 'date', aliases: { zh: ['运营期开始', '运营开始日期', '服务期开始'], en: ['Operation start'] }, example: { zh: '2024-03-01', en: '2024-03-01' } },
  { field: 'operationEnd', required: false, type: 'date', aliases: { zh: ['运营期结束', '运营结束日期', '服务期结束'], en: ['Operation end'] }, example: { zh: '2025-02-28', en: '2025-02-28' } },
  { field: 'value', required: true, type: 'money', aliases: { zh: ['合同金额（万元）', '合同金额', '合同价款', '合同总价', '金额'], en: ['Contract value (CNY)', 'Contract value', 'Value', 'Amount'] }, example: { zh: '860.5', en: '8605000.00' } },
  currencyColumn,
  { field: 'paymentTermDays', required: false, type: 'integer', min: 0, max: 3650, aliases: { zh: ['付款期限（天）', '付款期限', '支付期限'], en: ['Payment term (days)', 'Payment term'] }, example: { zh: '30', en: '30' } },
  { field: 'paymentTermBasis', required: false, type: 'enum', enumName: 'paymentTermBasis', values: ['acceptance', 'invoice'], synonyms: { acceptance: ['验收', '验收后', '验收合格'], invoice: ['发票', '收到发票', '开票'] }, aliases: { zh: ['付款起算依据', '付款起算', '起算依据'], en: ['Payment term basis', 'Term runs from'] }, example: { zh: '验收', en: 'acceptance' } },
  { field: 'performanceLinkedBp', required: false, type: 'bpPercent', aliases: { zh: ['绩效挂钩比例（%）', '绩效挂钩比例', '绩效付费比例'], en: ['Performance-linked share (%)', 'Performance-linked share'] }, example: { zh: '30%', en: '30%' } },
  {
    field: 'interestPolicy',
    required: false,
    type: 'enum',
    enumName: 'interestPolicy',
    values: INTEREST_POLICY_KINDS,
    synonyms: {
      'contract-rate': ['合同约定', '约定利率', 'Contract rate'],
      'cn-sme': ['法定利率', '中小企业条例', '保障中小企业款项支付条例', 'China SME statute'],
      eu: ['欧盟', 'EU'],
      uk: ['英国', 'UK'],
      none: ['无', '不计息', 'None'],
    },
    aliases: { zh: ['逾期利息约定', '逾期利息', '利息政策'], en: ['Interest policy', 'Late interest'] },
    example: { zh: '合同约定', en: 'Contract rate' },
  },
  { field: 'contractRatePpmPerDay', required: false, type: 'ppmPerDay', aliases: { zh: ['约定日利率', '逾期日利率', '日利率'], en: ['Daily rate (%)', 'Contract rate per day'] }, example: { zh: '万分之五', en: '0.05%' } },
  { field: 'indexationBp', required: false, type: 'bpPercent', aliases: { zh: ['调价比例（%/年）', '年调价比例', '调价比例', '价格调整比例'], en: ['Indexation (% a year)', 'Indexation', 'Yearly indexation'] }, example: { zh: '', en: '' } },
  { field: 'riskAllocation', required: false, type: 'text', max: CONTRACT_LIMITS.notes, aliases: { zh: ['风险分配'], en: ['Risk allocation'] }, example: { zh: '', en: '' } },
  { field: 'benefitSharing', required: false, type: 'text', max: CONTRACT_LIMITS.notes, aliases: { zh: ['收益分享', '利益分享'], en: ['Benefit sharing'] }, example: { zh: '', en: '' } },
];

export const PAYMENT_COLUMNS: readonly ColumnSpec[] = [
  { field: 'contractCode', required: true, type: 'contractRef', aliases: { zh: ['合同编号', '合同号'], en: ['Contract code', 'Contract no', 'Contract'] }, example: { zh: 'HT-2024-018', en: 'HT-2024-018' } },
  { field: 'projectCode', required: false, type: 'projectRef', aliases: { zh: ['项目编号'], en: ['Project code'] }, example: { zh: 'ZH-2024-001', en: 'ZH-2024-001' } },
  { field: 'obligation', required: false, type: 'text', max: 200, aliases: { zh: ['款项名称', '款项', '支付节点', '期次', '应付款项'], en: ['Obligation', 'Instalment', 'Milestone'] }, example: { zh: '', en: '' } },
  { field: 'paidOn', required: true, type: 'date', aliases: { zh: ['支付日期', '付款日期', '到账日期', '日期'], en: ['Paid on', 'Payment date', 'Date'] }, example: { zh: '2024/6/30', en: '2024-06-30' } },
  { field: 'amount', required: true, type: 'money', aliases: { zh: ['支付金额（万元）', '支付金额', '付款金额', '金额'], en: ['Amount (CNY)', 'Amount', 'Amount paid'] }, example: { zh: '120', en: '1200000.00' } },
  currencyColumn,
  { field: 'voucherNo', required: false, type: 'text', max: PAYMENT_LIMITS.voucherNo, aliases: { zh: ['凭证号', '凭证编号', '付款凭证号'], en: ['Voucher no', 'Voucher number', 'Voucher'] }, example: { zh: '记-2024-06-118', en: 'V-2024-06-118' } },
  { field: 'note', required: false, type: 'text', max: PAYMENT_LIMITS.note, aliases: { zh: ['备注', '说明'], en: ['Note', 'Notes', 'Remarks'] }, example: { zh: '', en: '' } },
];

/** Budget figures: appropriations by paying department and year, the general public budget expenditure by year. */
export const BUDGET_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'kind',
    required: true,
    type: 'enum',
    enumName: 'budgetKind',
    values: BUDGET_KINDS,
    synonyms: {
      appropriation: ['部门预算', '年度预算安排', '预算安排数', 'Appropriation'],
      'general-expenditure': ['一般公共预算支出', '本级一般公共预算支出', '一般预算支出', 'Budget expenditure', 'General public budget expenditure'],
    },
    aliases: { zh: ['类别', '预算类别', '类型'], en: ['Kind', 'Type'] },
    example: { zh: '一般公共预算支出', en: 'General public budget expenditure' },
  },
  { field: 'department', required: false, type: 'orgName', aliases: { zh: ['付款部门', '部门', '预算单位', '单位'], en: ['Paying department', 'Department'] }, example: { zh: '', en: '' } },
  { field: 'year', required: true, type: 'integer', min: 2000, max: 2100, aliases: { zh: ['年度', '预算年度', '年份'], en: ['Year', 'Fiscal year'] }, example: { zh: '2027', en: '2027' } },
  { field: 'amount', required: true, type: 'money', aliases: { zh: ['金额（万元）', '金额', '预算金额', '预算数'], en: ['Amount (CNY)', 'Amount'] }, example: { zh: '398100', en: '3981000000.00' } },
  { field: 'note', required: false, type: 'text', max: 500, aliases: { zh: ['说明', '备注'], en: ['Note', 'Notes'] }, example: { zh: '', en: '' } },
];

export const SHEET_COLUMNS: Record<SheetKind, readonly ColumnSpec[]> = {
  projects: PROJECT_COLUMNS,
  contracts: CONTRACT_COLUMNS,
  payments: PAYMENT_COLUMNS,
  budgets: BUDGET_COLUMNS,
};
