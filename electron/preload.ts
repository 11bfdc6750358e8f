// Runs sandboxed with context isolation: it may only require 'electron', and the page sees exactly one
// object, window.desktop, whose methods are plain IPC invokes.
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'desktop',
  createDesktopBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
