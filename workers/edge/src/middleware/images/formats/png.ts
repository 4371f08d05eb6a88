import { corrupt, fourcc, need, startsWith, u32be } from "./bytes.ts";
import { exifOrientation } from "./exif.ts";
import type { ImageHeader } from "./types.ts";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const MAX_DIMENSION = 0x7fffffff; // PNG spec: 2^31 - 1

export function isPng(b: Uint8Array): boolean {
  return startsWith(b, SIGNATURE);
}

/**
 * IHDR gives the size; the chunk walk checks every chunk fits and the file reaches IEND (a cut-off file
 * does not). acTL marks APNG, tRNS or an alpha colour type marks transparency. CRCs are not checked: the
 * decoder does that, and a wrong CRC fails cleanly there.
 */
export function parsePng(b: Uint8Array): ImageHeader {
  need(b, 8 + 8 + 13, "PNG header");
  if (fourcc(b, 12) !== "IHDR" || u32be(b, 8) !== 13) corrupt("PNG does not start with IHDR");
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  if (width === 0 || height === 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
    corrupt("PNG size is out of range");
  }
  const colorType = b[25]!;
  let alpha = colorType === 4 || colorType === 6;
  let animated = false;
  let orientation = 1;
  let sawData = false;
  let pos = 8;
  for (;;) {
    const length = u32be(b, pos);
    const type = fourcc(b, pos + 4);
    const data = pos + 8;
    need(b, data + length + 4, `PNG ${type || "chunk"}`);
    if (type === "IEND") break;
    if (type === "IDAT") sawData = true;
    else if (type === "tRNS") alpha = true;
    else if (type === "acTL") animated = length >= 4 && u32be(b, data) > 1;
    else if (type === "eXIf") orientation = exifOrientation(b, data, data + length);
    pos = data + length + 4;
  }
  if (!sawData) corrupt("PNG has no image data");
  return { format: "png", width, height, orientation, animated, alpha };
}
