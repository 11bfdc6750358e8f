// Runs sandboxed with context isolation: it may only require 'electron', and the page sees exactly one
// object, window.desktop, whose methods are plain IPC invokes (and, for sync events, a listener on
// the one main → renderer channel, whose unsubscribe function it returns).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createDesktopBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'desktop',
  createDesktopBridge(
    (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    (channel, listener) => {
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  ),
);
