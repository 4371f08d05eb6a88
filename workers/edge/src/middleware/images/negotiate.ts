import type { ImageHeader } from "./formats/index.ts";
import type { ImageParams, ImagesPolicy, OutputFormat } from "./params.ts";

/** What the client can decode beyond the universal formats (JPEG, PNG, GIF). */
export interface Accepts {
  avif: boolean;
  webp: boolean;
}

/**
 * The output chosen before the source is seen: a format, or "original" (the source's own format when the
 * client can decode it). It is part of the cache key, so it depends only on the request.
 */
export type Negotiated = { kind: "format"; format: OutputFormat } | { kind: "original"; accepts: Accepts };

/** Media types listed with q > 0. Wildcards do not count: `*\/*` is sent by browsers without AVIF too. */
export function parseAccept(header: string | null): Accepts {
  const accepts: Accepts = { avif: false, webp: false };
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [type = "", ...params] = part.split(";").map((s) => s.trim());
    const q = params.find((p) => p.startsWith("q="));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    if (type === "image/avif") accepts.avif = true;
    else if (type === "image/webp") accepts.webp = true;
  }
  return accepts;
}

/** `format=auto`: the first of the model's formats the client accepts (AVIF, then WebP), else original. */
export function negotiate(params: ImageParams, accept: string | null, images: ImagesPolicy): Negotiated {
  if (params.format !== "auto") return { kind: "format", format: params.format };
  const accepts = parseAccept(accept);
  const best = images.formats.find((format) => accepts[format]);
  return best ? { kind: "format", format: best } : { kind: "original", accepts };
}

/** Cache-key token of a negotiation, e.g. `avif` or `original+webp`. */
export function negotiatedToken(n: Negotiated): string {
  if (n.kind === "format") return n.format;
  return ["original", n.accepts.avif && "avif", n.accepts.webp && "webp"].filter(Boolean).join("+");
}

/**
 * Every format a negotiation can be encoded to, before the source is seen: every `outputFormatFor` result
 * for any source. The variant key holds the quality of each (`keyQuality`), so it must cover them all.
 */
export function possibleOutputFormats(n: Negotiated): OutputFormat[] {
  if (n.kind === "format") return [n.format];
  const formats: OutputFormat[] = [];
  if (n.accepts.avif) formats.push("avif");
  if (n.accepts.webp) formats.push("webp");
  formats.push("jpeg", "png");
  return formats;
}

/**
 * The source's own format when the client can take it; otherwise a universal one (PNG if it has alpha,
 * else JPEG). GIF stays GIF only when passed through unchanged; a resized still GIF becomes PNG.
 */
export function originalFormat(header: ImageHeader, accepts: Accepts): OutputFormat | "gif" {
  switch (header.format) {
    case "jpeg":
    case "png":
    case "gif":
      return header.format;
    case "webp":
    case "avif":
      if (accepts[header.format]) return header.format;
      return header.alpha ? "png" : "jpeg";
    default:
      return header.alpha ? "png" : "jpeg";
  }
}

/**
 * The format `buildImage` encodes this source to (its quality is `qualityFor` that format), or null when an
 * unresized still GIF passes through as is. A resized still GIF becomes PNG: lossless, decodable everywhere.
 */
export function outputFormatFor(header: ImageHeader, n: Negotiated, resized: boolean): OutputFormat | null {
  const format = n.kind === "format" ? n.format : originalFormat(header, n.accepts);
  if (format !== "gif") return format;
  return resized ? "png" : null;
}
