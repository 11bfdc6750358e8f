import type { DesktopErrorCode, DesktopErrorTag } from './api';

/**
 * A failure the renderer can act on. Electron forwards only the message of an error thrown in an
 * ipcMain.handle listener, so the code travels inside the message as `desktop-error:<code>`.
 */
export class DesktopFailure extends Error {
  readonly code: DesktopErrorCode;

  constructor(code: DesktopErrorCode, detail?: string) {
    const tag: DesktopErrorTag = `desktop-error:${code}`;
    super(detail ? `${tag} ${detail}` : tag);
    this.name = 'DesktopFailure';
    this.code = code;
  }
}

export function isDesktopFailure(err: unknown, code?: DesktopErrorCode): err is DesktopFailure {
  return err instanceof DesktopFailure && (code === undefined || err.code === code);
}
