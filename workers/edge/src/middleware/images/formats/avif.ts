import { corrupt, fourcc, need, u32be } from "./bytes.ts";
import type { ImageHeader, SourceFormat } from "./types.ts";

const AVIF_BRANDS = new Set(["avif", "avis"]);
const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"]);

interface Box {
  type: string;
  start: number; // first byte of the payload
  end: number; // one past the last byte
}

/** Children of an ISO-BMFF box region; every box must fit inside it. */
function boxes(b: Uint8Array, start: number, end: number): Box[] {
  const out: Box[] = [];
  let pos = start;
  while (pos + 8 <= end) {
    let size = u32be(b, pos);
    const type = fourcc(b, pos + 4);
    let header = 8;
    if (size === 1) {
      need(b, pos + 16, "box size");
      size = u32be(b, pos + 8) * 2 ** 32 + u32be(b, pos + 12);
      header = 16;
    } else if (size === 0) {
      size = end - pos; // extends to the end of the container
    }
    if (size < header || pos + size > end) corrupt(`truncated or oversized ${type.trim() || "box"} box`);
    out.push({ type, start: pos + header, end: pos + size });
    pos += size;
  }
  if (pos !== end) corrupt("trailing bytes after the last box");
  return out;
}

/** The major and compatible brands of an `ftyp` box at the start of the file, or null. */
function brands(b: Uint8Array): string[] | null {
  if (fourcc(b, 4) !== "ftyp" || b.length < 16) return null;
  const size = u32be(b, 0);
  const list = [fourcc(b, 8)];
  for (let at = 16; at + 4 <= Math.min(size, b.length); at += 4) list.push(fourcc(b, at));
  return list;
}

/** "avif" / "heic" from the ftyp brands, or null when this is some other ISO-BMFF file (MP4, …). */
export function heifKind(b: Uint8Array): Extract<SourceFormat, "avif" | "heic"> | null {
  const list = brands(b);
  if (!list) return null;
  if (list.some((brand) => AVIF_BRANDS.has(brand))) return "avif";
  if (list.some((brand) => HEIC_BRANDS.has(brand))) return "heic";
  return null;
}

/**
 * AVIF/HEIF: every top-level box must fit the file (a cut-off `mdat` does not), and the item properties
 * (`meta/iprp/ipco`) give the size: `ispe` per image item (we take the largest, so a grid or a hidden
 * big item still counts), `irot` for rotation, `auxC` naming an alpha plane.
 */
export function parseHeif(b: Uint8Array): ImageHeader {
  const format = heifKind(b) ?? corrupt("not an AVIF/HEIF file");
  const top = boxes(b, 0, b.length);
  const meta = top.find((box) => box.type === "meta") ?? corrupt("AVIF has no meta box");
  if (!top.some((box) => box.type === "mdat")) corrupt("AVIF has no media data");
  const iprp = boxes(b, meta.start + 4, meta.end).find((box) => box.type === "iprp"); // meta is a FullBox
  const ipco = iprp && boxes(b, iprp.start, iprp.end).find((box) => box.type === "ipco");
  if (!ipco) corrupt("AVIF has no item properties");
  let width = 0;
  let height = 0;
  let rotation = 0;
  let alpha = false;
  for (const prop of boxes(b, ipco.start, ipco.end)) {
    if (prop.type === "ispe") {
      const w = u32be(b, prop.start + 4);
      const h = u32be(b, prop.start + 8);
      if (w * h > width * height) [width, height] = [w, h];
    } else if (prop.type === "irot") {
      need(b, prop.start + 1, "irot");
      rotation = b[prop.start]! & 0x03;
    } else if (prop.type === "auxC") {
      const urn = new TextDecoder().decode(b.subarray(prop.start + 4, prop.end));
      if (urn.includes("alpha")) alpha = true;
    }
  }
  if (width === 0 || height === 0) corrupt("AVIF has no image size");
  const animated = fourcc(b, 8) === "avis" || top.some((box) => box.type === "moov");
  // irot 1/3 = 90°/270°: report it as an EXIF-style transpose so callers swap the axes the same way.
  return { format, width, height, orientation: rotation % 2 === 1 ? 6 : 1, animated, alpha };
}
