import type { FileFilter, MenuLocale, OpenFileOptions, PdfBytesOptions, PrintToPdfOptions, SaveFileOptions, WriteTarget } from './api';
import { DesktopFailure } from './errors';

// Whatever arrives over IPC came from a renderer that may be compromised: each argument is checked for
// shape and size here, and unknown keys are refused so a typo cannot silently drop an option.

export const LIMITS = {
  nameLength: 255,
  folderLength: 4096,
  filters: 16,
  filterNameLength: 100,
  extensionsPerFilter: 16,
  saveBytes: 512 * 1024 * 1024,
  defaultOpenBytes: 256 * 1024 * 1024,
  openBytes: 1024 * 1024 * 1024,
  /** One chunk of a chunked write; the file itself has no ceiling. */
  chunkBytes: 64 * 1024 * 1024,
  handleLength: 64,
} as const;

const invalid = (what: string): never => {
  throw new DesktopFailure('invalid-argument', what);
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function objectWithKeys(value: unknown, allowed: readonly string[], what: string): Record<string, unknown> {
  if (!isPlainObject(value)) return invalid(`${what} must be an object`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) invalid(`${what} has unknown key ${key}`);
  }
  return value;
}

function boundedString(value: unknown, max: number, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    return invalid(`${what} must be a string of 1..${max} characters`);
  }
  return value;
}

function optionalBoolean(value: unknown, what: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  return invalid(`${what} must be a boolean`);
}

const EXTENSION = /^(\*|[A-Za-z0-9]{1,16})$/;

export function validateFilters(value: unknown): FileFilter[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > LIMITS.filters) return invalid(`filters must be an array of at most ${LIMITS.filters}`);
  return value.map((entry, i) => {
    const filter = objectWithKeys(entry, ['name', 'extensions'], `filters[${i}]`);
    const name = boundedString(filter.name, LIMITS.filterNameLength, `filters[${i}].name`);
    const { extensions } = filter;
    if (
      !Array.isArray(extensions) ||
      extensions.length === 0 ||
      extensions.length > LIMITS.extensionsPerFilter ||
      !extensions.every((ext) => typeof ext === 'string' && EXTENSION.test(ext))
    ) {
      return invalid(`filters[${i}].extensions must be 1..${LIMITS.extensionsPerFilter} bare extensions`);
    }
    return { name, extensions: [...(extensions as string[])] };
  });
}

export function validateBytes(value: unknown, max: number, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) return invalid(`${what} must be a Uint8Array`);
  if (value.byteLength > max) return invalid(`${what} exceeds ${max} bytes`);
  return value;
}

export function validateSaveFile(value: unknown): SaveFileOptions {
  const opts = objectWithKeys(value, ['suggestedName', 'data', 'filters'], 'saveFile options');
  const suggestedName = boundedString(opts.suggestedName, LIMITS.nameLength, 'suggestedName');
  const data =
    typeof opts.data === 'string'
      ? opts.data.length <= LIMITS.saveBytes
        ? opts.data
        : invalid('data exceeds the size limit')
      : validateBytes(opts.data, LIMITS.saveBytes, 'data');
  return { suggestedName, data, filters: validateFilters(opts.filters) };
}

export function validateOpenFile(value: unknown): Required<Pick<OpenFileOptions, 'maxBytes'>> & OpenFileOptions {
  const opts = objectWithKeys(value ?? {}, ['filters', 'maxBytes'], 'openFile options');
  const { maxBytes = LIMITS.defaultOpenBytes } = opts;
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes < 1 || maxBytes > LIMITS.openBytes) {
    return invalid(`maxBytes must be an integer in 1..${LIMITS.openBytes}`);
  }
  return { filters: validateFilters(opts.filters), maxBytes };
}

export function validatePrintToPdf(value: unknown): PrintToPdfOptions {
  const opts = objectWithKeys(value, ['suggestedName', 'landscape'], 'printToPdf options');
  return {
    suggestedName: boundedString(opts.suggestedName, LIMITS.nameLength, 'suggestedName'),
    landscape: optionalBoolean(opts.landscape, 'landscape'),
  };
}

export function validatePdfBytes(value: unknown): PdfBytesOptions {
  const opts = objectWithKeys(value ?? {}, ['landscape'], 'pdfBytes options');
  return { landscape: optionalBoolean(opts.landscape, 'landscape') };
}

export function validateWriteToFolder(folder: unknown, name: unknown, data: unknown): { folder: string; name: string; data: Uint8Array } {
  return {
    folder: boundedString(folder, LIMITS.folderLength, 'folder'),
    name: boundedString(name, LIMITS.nameLength, 'name'),
    data: validateBytes(data, LIMITS.saveBytes, 'data'),
  };
}

export function validateWriteTarget(value: unknown): WriteTarget {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'dialog') {
    const t = objectWithKeys(value, ['kind', 'suggestedName', 'filters'], 'write target');
    return { kind, suggestedName: boundedString(t.suggestedName, LIMITS.nameLength, 'suggestedName'), filters: validateFilters(t.filters) };
  }
  if (kind === 'folder') {
    const t = objectWithKeys(value, ['kind', 'folder', 'name'], 'write target');
    return { kind, folder: boundedString(t.folder, LIMITS.folderLength, 'folder'), name: boundedString(t.name, LIMITS.nameLength, 'name') };
  }
  return invalid('write target kind must be dialog or folder');
}

export function validateHandle(value: unknown): string {
  return boundedString(value, LIMITS.handleLength, 'handle');
}

/** beginRead's options: only file-type filters (a chunked read has no size ceiling). */
export function validateBeginRead(value: unknown): { filters?: FileFilter[] } {
  const opts = objectWithKeys(value ?? {}, ['filters'], 'beginRead options');
  return { filters: validateFilters(opts.filters) };
}

/** A chunk to read: a non-negative safe-integer offset and 1..LIMITS.chunkBytes bytes. */
export function validateReadRange(offset: unknown, length: unknown): { offset: number; length: number } {
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return invalid('offset must be a non-negative integer');
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 1 || length > LIMITS.chunkBytes) {
    return invalid(`length must be an integer in 1..${LIMITS.chunkBytes}`);
  }
  return { offset, length };
}

export function validateChunk(value: unknown): Uint8Array {
  return validateBytes(value, LIMITS.chunkBytes, 'chunk');
}

export function validateFolder(value: unknown): string {
  return boundedString(value, LIMITS.folderLength, 'folder');
}

export function validateName(value: unknown): string {
  return boundedString(value, LIMITS.nameLength, 'name');
}

export function validatePassphrase(value: unknown): string {
  return boundedString(value, 1000, 'passphrase');
}

export function validateMenuLocale(value: unknown): MenuLocale {
  if (value === 'zh-CN' || value === 'en') return value;
  return invalid('locale must be zh-CN or en');
}

/** Guards against extra positional arguments, which a well-formed bridge never sends. */
export function expectArgs(args: unknown[], count: number): void {
  if (args.length > count) invalid(`expected at most ${count} argument(s), got ${args.length}`);
}
