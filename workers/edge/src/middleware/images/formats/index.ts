import { heifKind, parseHeif } from "./avif.ts";
import { CorruptImageError } from "./bytes.ts";
import { isGif, parseGif } from "./gif.ts";
import { isJpeg, parseJpeg } from "./jpeg.ts";
import { isPng, parsePng } from "./png.ts";
import { isSvg } from "./svg.ts";
import type { ImageHeader, SourceFormat } from "./types.ts";
import { isWebp, parseWebp } from "./webp.ts";

export { CorruptImageError } from "./bytes.ts";
export { swapsAxes } from "./exif.ts";
export { type ImageHeader, MIME_TYPES, type SourceFormat } from "./types.ts";

/** The format named by the magic bytes — never by a file extension or a Content-Type. */
export function sniffFormat(b: Uint8Array): SourceFormat | null {
  if (isJpeg(b)) return "jpeg";
  if (isPng(b)) return "png";
  if (isGif(b)) return "gif";
  if (isWebp(b)) return "webp";
  const heif = heifKind(b);
  if (heif) return heif;
  if (isSvg(b)) return "svg";
  return null;
}

/**
 * Sniffs and reads the header of a whole file. Returns null for an unknown format; throws
 * CorruptImageError (with a short reason) for a known format whose structure is broken or cut short.
 * No pixel data is decoded, so a decompression bomb costs only its header walk.
 */
export function readImageHeader(b: Uint8Array): ImageHeader | null {
  const format = sniffFormat(b);
  switch (format) {
    case "jpeg":
      return parseJpeg(b);
    case "png":
      return parsePng(b);
    case "gif":
      return parseGif(b);
    case "webp":
      return parseWebp(b);
    case "avif":
    case "heic":
      return parseHeif(b);
    case "svg":
      return { format, width: 0, height: 0, orientation: 1, animated: false, alpha: true };
    case null:
      return null;
  }
}

export function isCorruptImageError(error: unknown): error is CorruptImageError {
  return error instanceof CorruptImageError;
}
