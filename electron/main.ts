// The only main-process module that imports electron at runtime: it wires Electron's objects into the
// logic modules (security, protocol, files, pdf, menu, ipc), which take them as parameters and are
// unit-tested with fakes.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, type WebContents } from 'electron';
import { backupPassphraseStore } from './backup-key';
import { promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AppInfo, MenuLocale } from './api';
import { chooseBackupFolder, openFileWithDialog, saveFileWithDialog, writeIntoGrantedFolder, type FileDeps } from './files';
import { loadFolderGrants, type FolderGrants } from './folder-grants';
import { registerDesktopIpc, type DesktopHandlers } from './ipc';
import { aboutMessage, buildMenuTemplate, menuLocaleFor, menuStrings } from './menu';
import { printPageToPdf, renderPdf } from './pdf';
import { createAppProtocolHandler } from './protocol';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  PRIVILEGED_SCHEMES,
  blockExternalRequests,
  hardenWebContents,
  restrictPermissions,
  type SecurityLog,
} from './security';
import { focusWindow, mainWindowOptions } from './window';
import { fileConfigStore } from '../sync/config';
import { createPgPool } from '../sync/pg';
import { loadMigrations } from '../sync/schema';
import { safeStorageSecretStore } from '../sync/secrets';
import { createSyncService, type SyncService } from '../sync/service';
import { forwardSyncEvents, registerSyncIpc } from './sync-ipc';
import { forbiddenDebugSwitch, guardDownloads, recoverFromCrashes } from './hardening';
import { chunkedReads, chunkedWrites, defaultBackupFolder, deleteFromBackupFolder, freeSpace, listBackupFolder, type StreamFs } from './streams';
import { UI_LANGUAGE_FILE, chromiumLangFor, readUiLanguage, uiLanguageMemory } from './ui-language';

// A packaged build refuses to be driven by a debugger (the fuses remove Node's inspector; Chromium's
// remote debugging is refused here).
const debugSwitch = forbiddenDebugSwitch(process.argv, app.isPackaged);
if (debugSwitch) {
  console.error(`[security] refusing to start with ${debugSwitch}`);
  app.exit(1);
}

// Must happen before 'ready': only schemes registered now get a real origin (and so IndexedDB).
protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
app.enableSandbox();

// Chromium's own controls (date pickers) take the language the app was last used in.
const uiLanguageFile = path.join(app.getPath('userData'), UI_LANGUAGE_FILE);
const rememberedLanguage = readUiLanguage((file) => readFileSync(file, 'utf8'), uiLanguageFile);
if (rememberedLanguage) app.commandLine.appendSwitch('lang', chromiumLangFor(rememberedLanguage));
const uiLanguage = uiLanguageMemory(fsp, uiLanguageFile, rememberedLanguage);

const logBlocked: SecurityLog = (reason, detail) => console.warn(`[security] blocked ${reason}: ${detail}`);

let mainWindow: BrowserWindow | null = null;
let menuLocale: MenuLocale = 'en';

function appInfo(): AppInfo {
  return {
    version: app.getVersion(),
    electron: process.versions.electron ?? null,
    platform: process.platform,
    desktop: true,
  };
}

function showAbout(): void {
  const text = aboutMessage(menuLocale, appInfo());
  const options = { type: 'info' as const, title: text.title, message: text.message, detail: text.detail, buttons: [text.ok] };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function setMenuLanguage(locale: MenuLocale): void {
  menuLocale = locale;
  const template = buildMenuTemplate(locale, {
    isPackaged: app.isPackaged,
    isMac: process.platform === 'darwin',
    onAbout: showAbout,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Dialogs are modal to the window that asked, so they cannot end up behind it. */
function fileDepsFor(sender: WebContents): FileDeps {
  const win = BrowserWindow.fromWebContents(sender);
  return {
    dialog: {
      showSaveDialog: (options) => (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options)),
      showOpenDialog: (options) => (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options)),
    },
    fs: fsp,
    defaultDir: app.getPath('documents'),
  };
}

function desktopHandlers(grants: FolderGrants): DesktopHandlers<WebContents> {
  const streamFs = fsp as unknown as StreamFs;
  const writes = chunkedWrites<WebContents>({ fs: streamFs, grants, dialogFor: fileDepsFor });
  const reads = chunkedReads<WebContents>({ open: (file, flags) => fsp.open(file, flags), dialogFor: fileDepsFor });
  const backupKey = backupPassphraseStore(safeStorage, fsp, path.join(app.getPath('userData'), 'backup-key.bin'));
  return {
    beginWrite: (sender, target) => writes.begin(sender, target),
    writeChunk: (sender, handle, data) => writes.write(sender, handle, data),
    finishWrite: (sender, handle) => writes.finish(sender, handle),
    abortWrite: (sender, handle) => writes.abort(sender, handle),
    beginRead: (sender, opts) => reads.begin(sender, opts),
    readChunk: (sender, handle, offset, length) => reads.read(sender, handle, offset, length),
    finishRead: (sender, handle) => reads.finish(sender, handle),
    defaultBackupFolder: () => defaultBackupFolder({ mkdir: fsp.mkdir, grants, documents: app.getPath('documents') }),
    setBackupPassphrase: (_sender, passphrase) => backupKey.set(passphrase),
    backupPassphrase: () => backupKey.get(),
    diskSpace: () => freeSpace(streamFs, app.getPath('userData')),
    listBackupFolder: (_sender, folder) => listBackupFolder({ fs: streamFs, grants }, folder),
    deleteFromBackupFolder: (_sender, folder, name) => deleteFromBackupFolder({ fs: streamFs, grants }, folder, name),
    saveFile: (sender, opts) => saveFileWithDialog(fileDepsFor(sender), opts),
    openFile: (sender, opts) => openFileWithDialog(fileDepsFor(sender), opts),
    printToPdf: (sender, opts) => printPageToPdf(fileDepsFor(sender), sender, opts),
    pdfBytes: (sender, opts) => renderPdf(sender, opts.landscape ?? false),
    chooseFolder: (sender) => chooseBackupFolder(fileDepsFor(sender), grants),
    writeFileToFolder: (_sender, folder, name, data) => writeIntoGrantedFolder({ fs: fsp }, grants, folder, name, data),
    appInfo: async () => appInfo(),
    setMenuLanguage: async (_sender, locale) => {
      setMenuLanguage(locale);
      await uiLanguage.remember(locale).catch((err: unknown) => console.warn(`[ui-language] not remembered: ${String(err)}`));
    },
  };
}

let syncService: SyncService | null = null;

/**
 * The office-server sync (sync/): connection settings in userData, the password sealed with
 * safeStorage beside them, the SQL migrations shipped in dist-electron/sql (build-electron.mjs).
 */
async function startSync(): Promise<SyncService> {
  const userData = app.getPath('userData');
  const service = createSyncService({
    createPool: createPgPool,
    configStore: fileConfigStore(fsp, path.join(userData, 'office-server.json')),
    secretStore: safeStorageSecretStore({ safeStorage, fs: fsp, file: path.join(userData, 'office-server.password') }),
    migrations: await loadMigrations(path.join(__dirname, 'sql', 'migrations'), fsp),
    log: (message) => console.log(message),
  });
  registerSyncIpc<WebContents>(ipcMain, service, (message) => console.warn(message));
  forwardSyncEvents(service, () => mainWindow?.webContents ?? null);
  return service;
}

function createWindow(): void {
  const win = new BrowserWindow(
    mainWindowOptions(path.join(__dirname, 'preload.cjs'), {
      devTools: !app.isPackaged,
      title: menuStrings(menuLocale).appName,
    }),
  );
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  recoverFromCrashes(win.webContents, {
    log: (details) => console.error(`[renderer] gone: ${details.reason} (${details.exitCode ?? ''})`),
    giveUp: (details) => dialog.showErrorBox(menuStrings(menuLocale).appName, `The window stopped repeatedly (${details.reason}). Your saved data is kept; restart the app. / 窗口多次意外终止（${details.reason}），已保存的数据均保留，请重新启动本软件。`),
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
}

async function start(): Promise<void> {
  const ses = session.defaultSession;
  restrictPermissions(ses, logBlocked);
  blockExternalRequests(ses, logBlocked);
  guardDownloads(ses, logBlocked);
  ses.protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ root: path.join(app.getAppPath(), 'dist'), files: fsp }),
  );

  const grants = await loadFolderGrants(fsp, path.join(app.getPath('userData'), 'backup-folders.json'));
  registerDesktopIpc<WebContents>(ipcMain, desktopHandlers(grants));
  syncService = await startSync();

  setMenuLanguage(menuLocaleFor([...app.getPreferredSystemLanguages(), app.getLocale()]));
  createWindow();
}

// One running instance per user: two windows would be two writers on the same IndexedDB.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    focusWindow(mainWindow);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logBlocked));
  app.on('will-quit', () => {
    void syncService?.close();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.whenReady().then(start, (err: unknown) => {
    dialog.showErrorBox('Smart City Project Workbench', String(err));
    app.exit(1);
  });
}
