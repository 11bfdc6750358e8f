// gzip through the platform's CompressionStream (Chromium, Electron and Node 20 all have it), so
// JSON pages shrink several-fold without a compression library in the bundle.
import { BackupError } from '../../../domain/interchange/backup-format';

function streamOf(bytes: Uint8Array): ReadableStream<BufferSource> {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream() as ReadableStream<BufferSource>;
}

export async function gzip(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(streamOf(bytes).pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
}

/**
 * Inflates one page, refusing to grow past `maxBytes` (a damaged or hostile file must not be able
 * to fill memory). Bad gzip data is reported as a damaged file.
 */
export async function gunzip(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = streamOf(bytes).pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BackupError('damaged', { where: 'rows' });
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError('damaged', { where: 'rows' });
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
