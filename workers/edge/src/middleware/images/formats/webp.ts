import { corrupt, fourcc, need, u16le, u24le, u32le } from "./bytes.ts";
import { exifOrientation } from "./exif.ts";
import type { ImageHeader } from "./types.ts";

export function isWebp(b: Uint8Array): boolean {
  return fourcc(b, 0) === "RIFF" && fourcc(b, 8) === "WEBP";
}

/**
 * RIFF container: the declared size must fit the bytes we have (a cut-off file does not), and every chunk
 * must fit the RIFF. Size from VP8 (lossy frame header), VP8L (lossless header) or VP8X (extended canvas,
 * which also flags alpha and animation).
 */
export function parseWebp(b: Uint8Array): ImageHeader {
  const riffEnd = 8 + u32le(b, 4);
  need(b, riffEnd, "WebP RIFF");
  let width = 0;
  let height = 0;
  let alpha = false;
  let animated = false;
  let orientation = 1;
  let sawImage = false;
  let pos = 12;
  while (pos + 8 <= riffEnd) {
    const type = fourcc(b, pos);
    const size = u32le(b, pos + 4);
    const data = pos + 8;
    if (data + size > riffEnd) corrupt(`truncated WebP ${type.trim() || "chunk"}`);
    if (pos === 12) {
      if (type === "VP8 ") {
        need(b, data + 10, "VP8 header");
        if (b[data + 3] !== 0x9d || b[data + 4] !== 0x01 || b[data + 5] !== 0x2a)
          corrupt("VP8 start code missing");
        width = u16le(b, data + 6) & 0x3fff;
        height = u16le(b, data + 8) & 0x3fff;
      } else if (type === "VP8L") {
        need(b, data + 5, "VP8L header");
        if (b[data] !== 0x2f) corrupt("VP8L signature missing");
        const bits = u32le(b, data + 1);
        width = (bits & 0x3fff) + 1;
        height = ((bits >>> 14) & 0x3fff) + 1;
        alpha = ((bits >>> 28) & 1) === 1;
      } else if (type === "VP8X") {
        need(b, data + 10, "VP8X header");
        alpha = (b[data]! & 0x10) !== 0;
        animated = (b[data]! & 0x02) !== 0;
        width = u24le(b, data + 4) + 1;
        height = u24le(b, data + 7) + 1;
      } else {
        corrupt("WebP does not start with VP8, VP8L or VP8X");
      }
    }
    if (type === "VP8 " || type === "VP8L" || type === "ANMF") sawImage = true;
    if (type === "EXIF") orientation = exifOrientation(b, data, data + size);
    pos = data + size + (size & 1); // chunks are padded to an even size
  }
  if (!sawImage) corrupt("WebP has no image data");
  if (width === 0 || height === 0) corrupt("WebP size is zero");
  return { format: "webp", width, height, orientation, animated, alpha };
}
