import { corrupt, need, startsWith, u16le } from "./bytes.ts";
import type { ImageHeader } from "./types.ts";

const GIF87 = [0x47, 0x49, 0x46, 0x38, 0x37, 0x61] as const;
const GIF89 = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61] as const;

export function isGif(b: Uint8Array): boolean {
  return startsWith(b, GIF87) || startsWith(b, GIF89);
}

/** Skips a chain of data sub-blocks (size byte, bytes; a zero size ends it). Returns the next position. */
function skipSubBlocks(b: Uint8Array, pos: number): number {
  for (;;) {
    need(b, pos + 1, "GIF data block");
    const size = b[pos]!;
    pos += 1 + size;
    if (size === 0) return pos;
  }
}

/**
 * Logical screen size from the header, then a walk over every block to the trailer: counts frames (so an
 * animation is never mistaken for a still), notes transparency, and takes the largest frame extent so a
 * frame bigger than the declared screen still counts towards the pixel limit.
 */
export function parseGif(b: Uint8Array): ImageHeader {
  let width = u16le(b, 6);
  let height = u16le(b, 8);
  const packed = b[10]!;
  let pos = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);
  let frames = 0;
  let alpha = false;
  for (;;) {
    need(b, pos + 1, "GIF block");
    const introducer = b[pos]!;
    if (introducer === 0x3b) break; // trailer
    if (introducer === 0x21) {
      need(b, pos + 2, "GIF extension");
      if (b[pos + 1] === 0xf9 && pos + 3 < b.length && (b[pos + 3]! & 0x01) === 1) alpha = true;
      pos = skipSubBlocks(b, pos + 2);
    } else if (introducer === 0x2c) {
      need(b, pos + 10, "GIF image descriptor");
      width = Math.max(width, u16le(b, pos + 1) + u16le(b, pos + 5));
      height = Math.max(height, u16le(b, pos + 3) + u16le(b, pos + 7));
      const flags = b[pos + 9]!;
      pos += 10 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
      pos = skipSubBlocks(b, pos + 1); // +1: LZW minimum code size
      frames++;
    } else {
      corrupt("GIF has an unknown block");
    }
  }
  if (frames === 0) corrupt("GIF has no image");
  if (width === 0 || height === 0) corrupt("GIF size is zero");
  return { format: "gif", width, height, orientation: 1, animated: frames > 1, alpha };
}
