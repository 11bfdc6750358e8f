import type { Shape } from '../shape';

export const zh = {
  title: '组织名录',
  hint: '政府部门与企业共用一份名录，供项目与合同引用。',
  newOrg: '新建组织',
  editOrg: '编辑组织',
  empty: '名录为空。',
  fields: {
    name: '名称',
    kind: '类型',
    creditCode: '统一社会信用代码',
    isSme: '中小企业',
    contact: '联系人/电话',
  },
  smeBadge: '中小企业',
  saved: '已保存',
  filterKind: '类型',
  nameTaken: '名录中已有同名组织。',
  badCreditCode: '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）。',
  badCreditCheck: '统一社会信用代码的校验位不符，请核对是否录错。',
  smeHint: '以对方签约时的自我声明为准；《保障中小企业款项支付条例》据此适用。',
  deleteConfirm: '确认删除“{name}”？',
  inUse: '“{name}”仍被 {projects} 个项目、{contracts} 份合同引用，不能删除。请先在这些项目与合同中改选其他单位。',
};

export const en: Shape<typeof zh> = {
  title: 'Organisations',
  hint: 'One directory of government departments and companies, used by projects and contracts.',
  newOrg: 'New organisation',
  editOrg: 'Edit organisation',
  empty: 'The directory is empty.',
  fields: {
    name: 'Name',
    kind: 'Kind',
    creditCode: 'Unified social credit code',
    isSme: 'SME',
    contact: 'Contact',
  },
  smeBadge: 'SME',
  saved: 'Saved',
  filterKind: 'Kind',
  nameTaken: 'An organisation with this name is already in the directory.',
  badCreditCode: 'A unified social credit code has 18 digits or capital letters (no I, O, S, V or Z).',
  badCreditCheck: 'The check character of this credit code does not match; please look for a typing error.',
  smeHint: 'As declared by the counterparty when signing; the SME payment regulation applies on that basis.',
  deleteConfirm: 'Delete “{name}”?',
  inUse: '“{name}” cannot be deleted: projects referring to it: {projects}; contracts: {contracts}. Choose another organisation on those first.',
};
