/** Formats the worker recognises from magic bytes. */
export type SourceFormat = "jpeg" | "png" | "gif" | "webp" | "avif" | "heic" | "svg";

/** What a parser reads from the container headers, before any pixel is decoded. */
export interface ImageHeader {
  format: SourceFormat;
  /** Stored (coded) width and height in pixels; 0 for SVG. For animations, the largest frame extent. */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent); 5–8 swap width and height on display. */
  orientation: number;
  /** More than one frame (GIF, APNG, animated WebP, AVIF sequence). */
  animated: boolean;
  /** Has an alpha channel or transparency. */
  alpha: boolean;
}

export const MIME_TYPES: Record<SourceFormat, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  heic: "image/heic",
  svg: "image/svg+xml",
};
