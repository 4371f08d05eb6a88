import { u16be, u16le, u32be, u32le } from "./bytes.ts";

const ORIENTATION_TAG = 0x0112;

/**
 * EXIF Orientation (1–8) from a TIFF structure at `start` (the bytes after "Exif\0\0" in JPEG, or a WebP/PNG
 * EXIF chunk). Anything unreadable counts as 1: orientation only changes which side is the width.
 */
export function exifOrientation(b: Uint8Array, start: number, end: number): number {
  try {
    const order = String.fromCharCode(b[start] ?? 0, b[start + 1] ?? 0);
    if (order !== "II" && order !== "MM") return 1;
    const le = order === "II";
    const u16 = (at: number) => (le ? u16le(b, at) : u16be(b, at));
    const u32 = (at: number) => (le ? u32le(b, at) : u32be(b, at));
    if (u16(start + 2) !== 42) return 1;
    const ifd = start + u32(start + 4);
    if (ifd + 2 > end) return 1;
    const count = u16(ifd);
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      if (entry + 12 > end) return 1;
      if (u16(entry) === ORIENTATION_TAG) {
        const value = u16(entry + 8);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
  } catch {
    // A broken EXIF block is not a broken image: the decoder ignores it too.
  }
  return 1;
}

/** Orientations 5–8 rotate by 90°: the displayed width is the stored height. */
export function swapsAxes(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}
