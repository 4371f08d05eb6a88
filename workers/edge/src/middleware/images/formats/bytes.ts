// Bounds-checked big/little-endian readers: every parser reads hostile bytes, so no read may go past the end.

/** Thrown by a parser when the container structure is broken or cut short. */
export class CorruptImageError extends Error {
  override name = "CorruptImageError";
}

export function corrupt(detail: string): never {
  throw new CorruptImageError(detail);
}

export function need(bytes: Uint8Array, end: number, what: string): void {
  if (end > bytes.length) corrupt(`truncated ${what}`);
}

export function u16be(b: Uint8Array, at: number): number {
  need(b, at + 2, "header");
  return (b[at]! << 8) | b[at + 1]!;
}

export function u16le(b: Uint8Array, at: number): number {
  need(b, at + 2, "header");
  return b[at]! | (b[at + 1]! << 8);
}

export function u24le(b: Uint8Array, at: number): number {
  need(b, at + 3, "header");
  return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
}

export function u32be(b: Uint8Array, at: number): number {
  need(b, at + 4, "header");
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

export function u32le(b: Uint8Array, at: number): number {
  need(b, at + 4, "header");
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** The 4 ASCII characters at `at` (chunk and box types), or "" past the end. */
export function fourcc(b: Uint8Array, at: number): string {
  if (at + 4 > b.length) return "";
  return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
}

export function startsWith(b: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (at + magic.length > b.length) return false;
  return magic.every((v, i) => b[at + i] === v);
}
