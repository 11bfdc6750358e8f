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
};
