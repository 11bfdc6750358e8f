import type { Shape } from '../shape';

export const zh = {
  title: '设置',
  profile: {
    title: '操作员',
    hint: '本机操作员的姓名会记录在每一条变更中。',
    name: '姓名',
    department: '部门',
    role: '角色',
    saved: '操作员信息已保存',
  },
  language: {
    title: '界面语言',
    system: '跟随系统（{locale}）',
  },
  storage: {
    title: '本地存储',
    persistence: '持久化存储',
    granted: '已获准：浏览器不会自动清除本机数据。',
    denied: '未获准：存储空间紧张时浏览器可能清除数据，请定期备份。',
    unsupported: '此环境不支持持久化存储申请。',
    pending: '尚未申请。',
    requestAgain: '再次申请',
    requestedAt: '申请时间：{at}',
  },
  demo: {
    title: '演示数据',
    hint: '创建一个示例项目办公室：约 15 个覆盖各阶段的项目、政府部门与企业。',
    load: '加载演示数据',
    loaded: '演示数据已加载：{count} 个项目。',
    already: '演示数据已经加载过。',
  },
  about: {
    title: '关于',
    version: '版本 {version}',
    desktop: '桌面版（Electron {electron}）',
    web: '浏览器版',
  },
};

export const en: Shape<typeof zh> = {
  title: 'Settings',
  profile: {
    title: 'Operator',
    hint: 'The name of this machine’s operator is recorded on every change.',
    name: 'Name',
    department: 'Department',
    role: 'Role',
    saved: 'Operator saved',
  },
  language: {
    title: 'Language',
    system: 'Follow the system ({locale})',
  },
  storage: {
    title: 'Local storage',
    persistence: 'Persistent storage',
    granted: 'Granted: the browser will not evict this machine’s data.',
    denied: 'Not granted: the browser may clear data under storage pressure; back up regularly.',
    unsupported: 'This environment cannot request persistent storage.',
    pending: 'Not requested yet.',
    requestAgain: 'Request again',
    requestedAt: 'Requested {at}',
  },
  demo: {
    title: 'Demo data',
    hint: 'Creates a sample project office: about 15 projects across all phases, departments and companies.',
    load: 'Load demo portfolio',
    loaded: 'Demo portfolio loaded: {count|# project|# projects}.',
    already: 'The demo portfolio has already been loaded.',
  },
  about: {
    title: 'About',
    version: 'Version {version}',
    desktop: 'Desktop (Electron {electron})',
    web: 'Browser build',
  },
};
