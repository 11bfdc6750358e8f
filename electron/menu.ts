import type { MenuItemConstructorOptions } from 'electron';
import type { AppInfo, MenuLocale } from './api';

// The native menu lives outside the renderer's i18n catalogue (the main process cannot load it), so it
// keeps its own small table; the renderer switches it with DesktopApi.setMenuLanguage.
const zh = {
  appName: '智慧城市项目治理工作台',
  file: '文件',
  quit: '退出',
  edit: '编辑',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  selectAll: '全选',
  view: '视图',
  reload: '重新加载',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  toggleDevTools: '开发者工具',
  help: '帮助',
  about: '关于',
  aboutTitle: '关于智慧城市项目治理工作台',
  aboutDetail: '版本 {version}\nElectron {electron}\n平台 {platform}\n\n所有数据保存在本机，离线可用。',
  ok: '确定',
};

/** English must carry every key the Chinese table has. */
export type MenuStrings = typeof zh;

const en: MenuStrings = {
  appName: 'Smart City Project Workbench',
  file: 'File',
  quit: 'Quit',
  edit: 'Edit',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select All',
  view: 'View',
  reload: 'Reload',
  resetZoom: 'Actual Size',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  toggleDevTools: 'Developer Tools',
  help: 'Help',
  about: 'About',
  aboutTitle: 'About Smart City Project Workbench',
  aboutDetail: 'Version {version}\nElectron {electron}\nPlatform {platform}\n\nAll data stays on this computer and works offline.',
  ok: 'OK',
};

const STRINGS: Record<MenuLocale, MenuStrings> = { 'zh-CN': zh, en };

export function menuStrings(locale: MenuLocale): MenuStrings {
  return STRINGS[locale];
}

/** zh, zh-CN, zh-Hans-CN, zh-TW … get the Chinese menu; anything else gets English. */
export function menuLocaleFor(systemLocales: readonly string[]): MenuLocale {
  const first = systemLocales[0]?.toLowerCase() ?? '';
  return first === 'zh' || first.startsWith('zh-') ? 'zh-CN' : 'en';
}

export interface MenuContext {
  isPackaged: boolean;
  isMac: boolean;
  onAbout: () => void;
}

export function buildMenuTemplate(locale: MenuLocale, ctx: MenuContext): MenuItemConstructorOptions[] {
  const s = STRINGS[locale];
  const about: MenuItemConstructorOptions = { label: s.about, click: () => ctx.onAbout() };
  const quit: MenuItemConstructorOptions = { label: s.quit, role: 'quit' };

  const view: MenuItemConstructorOptions[] = [
    { label: s.reload, role: 'reload' },
    { type: 'separator' },
    { label: s.resetZoom, role: 'resetZoom' },
    { label: s.zoomIn, role: 'zoomIn' },
    { label: s.zoomOut, role: 'zoomOut' },
  ];
  // Shipped builds keep DevTools closed: they would let anyone edit records around the change log.
  if (!ctx.isPackaged) view.push({ type: 'separator' }, { label: s.toggleDevTools, role: 'toggleDevTools' });

  const template: MenuItemConstructorOptions[] = [
    { label: s.file, submenu: [quit] },
    {
      label: s.edit,
      submenu: [
        { label: s.undo, role: 'undo' },
        { label: s.redo, role: 'redo' },
        { type: 'separator' },
        { label: s.cut, role: 'cut' },
        { label: s.copy, role: 'copy' },
        { label: s.paste, role: 'paste' },
        { label: s.selectAll, role: 'selectAll' },
      ],
    },
    { label: s.view, submenu: view },
    { label: s.help, role: 'help', submenu: [about] },
  ];
  // macOS puts the application's own menu first and expects About and Quit there.
  if (ctx.isMac) template.unshift({ label: s.appName, submenu: [about, { type: 'separator' }, quit] });
  return template;
}

export function aboutMessage(locale: MenuLocale, info: AppInfo): { title: string; message: string; detail: string; ok: string } {
  const s = STRINGS[locale];
  const detail = s.aboutDetail
    .replace('{version}', info.version)
    .replace('{electron}', info.electron ?? '—')
    .replace('{platform}', info.platform);
  return { title: s.aboutTitle, message: s.appName, detail, ok: s.ok };
}
