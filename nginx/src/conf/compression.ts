import type { Resolved } from "../options.ts";
import { blank, comment, directive, type Entry } from "./serialize.ts";

/** Compression from the model: brotli only when its module is loaded, gzip as the fallback. */
export function compressionConf(r: Resolved): Entry[] {
  const c = r.platform.compression;
  // text/html is always compressed by both filters; listing it again makes nginx warn.
  const types = c.contentTypes.filter((t) => t !== "text/html");
  const typeArgs = types.length > 0 ? types : ["text/html"];
  const gzip = c.algorithms.includes("gzip");
  const brotli = c.algorithms.includes("br") && r.brotliModule !== null;
  const entries: Entry[] = [];
  if (brotli) {
    entries.push(
      comment("Brotli first (compression.algorithms); clients without br get gzip."),
      directive("brotli", "on"),
      directive("brotli_comp_level", c.brotliLevel),
      directive("brotli_min_length", c.minSizeBytes),
      directive("brotli_types", ...typeArgs),
      blank,
    );
  } else if (c.algorithms.includes("br")) {
    entries.push(comment("Brotli wanted but its module is not installed: gzip only."));
  }
  entries.push(
    directive("gzip", gzip ? "on" : "off"),
    ...(gzip
      ? [
          directive("gzip_vary", "on"),
          directive("gzip_proxied", "any"),
          directive("gzip_comp_level", c.gzipLevel),
          directive("gzip_min_length", c.minSizeBytes),
          directive("gzip_types", ...typeArgs),
        ]
      : []),
  );
  return entries;
}
