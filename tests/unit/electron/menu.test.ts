import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { aboutMessage, buildMenuTemplate, menuLocaleFor } from '../../../electron/menu';

type Item = MenuItemConstructorOptions;
const submenu = (item: Item) => item.submenu as Item[];
const summary = (template: Item[]) =>
  template.map((top) => [top.label, submenu(top).map((i) => (i.type === 'separator' ? '—' : `${i.label}${i.role ? `(${i.role})` : ''}`))]);

describe('application menu', () => {
  const ctx = { isPackaged: false, isMac: false, onAbout: () => {} };

  it('zh-CN', () => {
    expect(summary(buildMenuTemplate('zh-CN', ctx))).toEqual([
      ['文件', ['退出(quit)']],
      ['编辑', ['撤销(undo)', '重做(redo)', '—', '剪切(cut)', '复制(copy)', '粘贴(paste)', '全选(selectAll)']],
      ['视图', ['重新加载(reload)', '—', '实际大小(resetZoom)', '放大(zoomIn)', '缩小(zoomOut)', '—', '开发者工具(toggleDevTools)']],
      ['帮助', ['关于']],
    ]);
  });

  it('en', () => {
    expect(summary(buildMenuTemplate('en', ctx))).toEqual([
      ['File', ['Quit(quit)']],
      ['Edit', ['Undo(undo)', 'Redo(redo)', '—', 'Cut(cut)', 'Copy(copy)', 'Paste(paste)', 'Select All(selectAll)']],
      ['View', ['Reload(reload)', '—', 'Actual Size(resetZoom)', 'Zoom In(zoomIn)', 'Zoom Out(zoomOut)', '—', 'Developer Tools(toggleDevTools)']],
      ['Help', ['About']],
    ]);
  });

  it.each(['zh-CN', 'en'] as const)('%s: a packaged build has no developer tools entry', (locale) => {
    const roles = buildMenuTemplate(locale, { ...ctx, isPackaged: true }).flatMap((top) => submenu(top).map((i) => i.role));
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).toContain('reload');
  });

  it('macOS gets the application menu first, with About and Quit', () => {
    const [appMenu, file] = buildMenuTemplate('zh-CN', { ...ctx, isMac: true });
    expect(appMenu.label).toBe('智慧城市项目治理工作台');
    expect(submenu(appMenu).map((i) => i.label ?? i.type)).toEqual(['关于', 'separator', '退出']);
    expect(file.label).toBe('文件');
  });

  it('About calls back into the shell', () => {
    const onAbout = vi.fn();
    const help = buildMenuTemplate('en', { ...ctx, onAbout }).at(-1)!;
    (submenu(help)[0].click as () => void)();
    expect(onAbout).toHaveBeenCalledOnce();
  });
});

describe('menuLocaleFor', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh-Hans-CN', 'en-US'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['ZH-TW'], 'zh-CN'],
    [['en-US', 'zh-CN'], 'en'],
    [['de-DE'], 'en'],
    [[], 'en'],
  ])('%j → %s', (locales, expected) => {
    expect(menuLocaleFor(locales)).toBe(expected);
  });
});

describe('aboutMessage', () => {
  it.each([
    ['zh-CN', '关于智慧城市项目治理工作台', '版本 0.1.0\nElectron 41.7.1\n平台 win32'],
    ['en', 'About Smart City Project Workbench', 'Version 0.1.0\nElectron 41.7.1\nPlatform win32'],
  ] as const)('%s', (locale, title, detailStart) => {
    const text = aboutMessage(locale, { version: '0.1.0', electron: '41.7.1', platform: 'win32', desktop: true });
    expect(text.title).toBe(title);
    expect(text.detail.startsWith(detailStart)).toBe(true);
  });
});
