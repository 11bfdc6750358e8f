// Bytes as lower-case hex: one table of the 256 two-digit forms, shared by the hashes, the UUIDs
// and the ledger decode, which turn bytes into hex on hot paths.

export const HEX_OF_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_OF_BYTE[bytes[i]];
  return out;
}
