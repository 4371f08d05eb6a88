import { corrupt, need, startsWith, u16be } from "./bytes.ts";
import { exifOrientation } from "./exif.ts";
import type { ImageHeader } from "./types.ts";

const SOI = [0xff, 0xd8, 0xff] as const;
const EXIF_ID = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00] as const; // "Exif\0\0"

export function isJpeg(b: Uint8Array): boolean {
  return startsWith(b, SOI);
}

/** SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * Walks the marker segments up to the first scan (SOS): size from SOFn, orientation from the EXIF APP1.
 * The entropy-coded data after SOS is not decoded; the file must still end with EOI after it, which is
 * what a cut-off download lacks.
 */
export function parseJpeg(b: Uint8Array): ImageHeader {
  let pos = 2;
  let width = 0;
  let height = 0;
  let orientation = 1;
  let scanStart = -1;
  while (scanStart < 0) {
    need(b, pos + 2, "JPEG marker");
    if (b[pos] !== 0xff) corrupt("JPEG segment does not start with a marker");
    while (b[pos] === 0xff && pos < b.length) pos++; // fill bytes
    need(b, pos + 1, "JPEG marker");
    const marker = b[pos]!;
    pos++;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd9) corrupt("JPEG ends before its first scan");
    const length = u16be(b, pos);
    if (length < 2) corrupt("JPEG segment length is invalid");
    need(b, pos + length, "JPEG segment");
    if (isStartOfFrame(marker)) {
      height = u16be(b, pos + 3);
      width = u16be(b, pos + 5);
    } else if (marker === 0xe1 && orientation === 1 && startsWith(b, EXIF_ID, pos + 2)) {
      orientation = exifOrientation(b, pos + 8, pos + length);
    } else if (marker === 0xda) {
      scanStart = pos + length;
    }
    pos += length;
  }
  if (width === 0 || height === 0) corrupt("JPEG has no frame size before its scan");
  if (!endsWithEoi(b, scanStart)) corrupt("JPEG is truncated (no end-of-image marker)");
  return { format: "jpeg", width, height, orientation, animated: false, alpha: false };
}

/** EOI (FF D9) somewhere after the scan start; entropy-coded data can never contain it (FF is stuffed). */
function endsWithEoi(b: Uint8Array, scanStart: number): boolean {
  for (let i = b.length - 2; i >= scanStart; i--) {
    if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  }
  return false;
}
