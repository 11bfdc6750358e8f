import type { DesktopErrorCode } from '../../../electron/api';

const CODES = [
  'file-too-large',
  'invalid-argument',
  'forbidden-sender',
  'folder-not-granted',
  'read-failed',
  'write-failed',
  'disk-full',
  'secure-storage-unavailable',
  'pdf-failed',
] as const satisfies readonly DesktopErrorCode[];

// Fails the type check if api.ts gains a code this list does not know.
const _allCodesListed: Exclude<DesktopErrorCode, (typeof CODES)[number]> extends never ? true : never = true;
void _allCodesListed;

/** A DesktopApi failure with a code the UI can translate (e.g. t(`platform.error.${code}`)). */
export class DesktopError extends Error {
  readonly code: DesktopErrorCode;

  constructor(code: DesktopErrorCode, detail?: string) {
    super(detail ? `desktop-error:${code} ${detail}` : `desktop-error:${code}`);
    this.name = 'DesktopError';
    this.code = code;
  }
}

const TAG = /desktop-error:([a-z-]+)/;

/** The code carried by an error from either implementation, or null for anything else. */
export function desktopErrorCode(err: unknown): DesktopErrorCode | null {
  if (err instanceof DesktopError) return err.code;
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const code = TAG.exec(message)?.[1];
  return (CODES as readonly string[]).includes(code ?? '') ? (code as DesktopErrorCode) : null;
}

/**
 * Electron hands the renderer a plain Error whose message reads
 * "Error invoking remote method 'desktop:openFile': Error: desktop-error:file-too-large";
 * this turns it back into a DesktopError so callers check `.code` on both platforms.
 */
export function toDesktopError(err: unknown): unknown {
  const code = desktopErrorCode(err);
  if (code === null || err instanceof DesktopError) return err;
  return new DesktopError(code, err instanceof Error ? err.message : undefined);
}
