import type { Shape } from '../shape';

// Labels for the domain's code lists. Keys must match the enum values in domain/types.ts.
export const zh = {
  phase: {
    plan: '规划',
    build: '建设',
    operate: '运营',
    transferred: '已移交',
    closed: '已结项',
    cancelled: '已终止',
  },
  category: {
    'city-brain': '城市大脑',
    'gov-services': '一网通办',
    'city-governance': '一网统管',
    'data-platform': '数据平台',
    'smart-transport': '智慧交通',
    spatiotemporal: '时空信息',
    'command-centre': '指挥中心',
    'public-safety': '公共安全',
    other: '其他',
  },
  operatingModel: {
    'government-self': '政府自建自运营',
    'state-owned-platform': '国有平台公司运营',
    'purchase-of-service': '政府购买服务',
    ppp: '政府和社会资本合作（PPP）',
    'joint-venture': '合资公司运营',
    other: '其他',
  },
  reviewCycle: {
    quarterly: '每季度',
    'half-yearly': '每半年',
    yearly: '每年',
  },
  orgKind: {
    government: '政府部门',
    company: '企业',
    institution: '事业单位',
  },
  role: {
    officer: '项目专员',
    auditor: '核查员',
    lead: '负责人',
    finance: '财务',
  },
};

export const en: Shape<typeof zh> = {
  phase: {
    plan: 'Plan',
    build: 'Build',
    operate: 'Operate',
    transferred: 'Transferred',
    closed: 'Closed',
    cancelled: 'Cancelled',
  },
  category: {
    'city-brain': 'City brain',
    'gov-services': 'One-stop government services',
    'city-governance': 'Unified city governance',
    'data-platform': 'Data platform',
    'smart-transport': 'Smart transport',
    spatiotemporal: 'Spatio-temporal information',
    'command-centre': 'Command centre',
    'public-safety': 'Public safety',
    other: 'Other',
  },
  operatingModel: {
    'government-self': 'Government builds and operates',
    'state-owned-platform': 'State-owned platform company',
    'purchase-of-service': 'Government purchase of service',
    ppp: 'Public-private partnership (PPP)',
    'joint-venture': 'Joint-venture operator',
    other: 'Other',
  },
  reviewCycle: {
    quarterly: 'Quarterly',
    'half-yearly': 'Half-yearly',
    yearly: 'Yearly',
  },
  orgKind: {
    government: 'Government department',
    company: 'Company',
    institution: 'Public institution',
  },
  role: {
    officer: 'Project officer',
    auditor: 'Auditor',
    lead: 'Team lead',
    finance: 'Finance',
  },
};
