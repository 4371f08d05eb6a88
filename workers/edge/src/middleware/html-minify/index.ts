export interface HtmlMinifyOptions {
  /** Elements whose content is kept byte for byte. @default ["pre", "textarea", "script", "style"] */
  preserve?: readonly string[];
  /**
   * Output is regrouped into chunks of at least this many bytes (the rewriter emits one tiny chunk per token,
   * tens of thousands per page, and every later stage pays per chunk). Bounded: never the whole page.
   * @default 16384
   */
  chunkBytes?: number;
}

/**
 * Regroups a stream of small chunks into chunks of at least `min` bytes (the last one may be smaller).
 * Holds at most `min` + one chunk in memory.
 */
export function rechunk(source: ReadableStream<Uint8Array>, min: number): ReadableStream<Uint8Array> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const pump = async () => {
    const reader = source.getReader();
    const writer = writable.getWriter();
    let parts: Uint8Array[] = [];
    let size = 0;
    const flush = async () => {
      if (size === 0) return;
      const out = new Uint8Array(size);
      let offset = 0;
      for (const part of parts) {
        out.set(part, offset);
        offset += part.byteLength;
      }
      parts = [];
      size = 0;
      await writer.write(out);
    };
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        size += value.byteLength;
        if (size >= min) await flush();
      }
      await flush();
      await writer.close();
    } catch (err) {
      await writer.abort(err).catch(() => {});
      await reader.cancel(err).catch(() => {});
    }
  };
  void pump();
  return readable;
}

const DEFAULT_PRESERVE = ["pre", "textarea", "script", "style"];
/** IE conditional comments (`<!--[if lt IE 9]>` … `<![endif]-->`) carry markup: kept. */
const CONDITIONAL = /^\s*\[if\s|\[endif\]/;
const WHITESPACE_RUN = /[ \t\n\r\f]+/g;
/** Elements that never have an end tag. */
const VOID = new Set("area base br col embed hr img input link meta param source track wbr".split(" "));

/**
 * Streaming HTML minification with HTMLRewriter: comments removed (conditional comments kept), whitespace runs
 * collapsed to one space outside `pre`, `textarea`, `script` and `style`. The page is never buffered: each
 * text chunk is rewritten as it passes. Idempotent: whitespace is only joined within runs that have no tag
 * between them (removed comments do not count), and the output has no such runs left.
 *
 * Returns a transform for origin responses; non-HTML responses pass unchanged.
 * @example edgeCache({ ..., transform: htmlMinifier() })
 */
export function htmlMinifier(options: HtmlMinifyOptions = {}): (res: Response) => Response {
  const preserve = new Set(options.preserve ?? DEFAULT_PRESERVE);
  const chunkBytes = options.chunkBytes ?? 16_384;

  return function minifyHtml(res) {
    if (!res.body || !(res.headers.get("content-type") ?? "").includes("text/html")) return res;
    // Per-response state: how deep inside preserved elements, and whether output so far ends in a space.
    let preserved = 0;
    let endsWithSpace = false;
    const tagBoundary = () => {
      endsWithSpace = false;
    };
    const closePreserved = () => {
      preserved--;
      endsWithSpace = false;
    };
    const minified = new HTMLRewriter()
      .on("*", {
        element(el) {
          endsWithSpace = false;
          if (preserve.has(el.tagName)) {
            preserved++;
            el.onEndTag(closePreserved);
          } else if (!VOID.has(el.tagName)) {
            try {
              el.onEndTag(tagBoundary);
            } catch {
              // self-closing foreign element (<path/> in SVG): no end tag to watch
            }
          }
        },
      })
      .onDocument({
        comments(comment) {
          if (!CONDITIONAL.test(comment.text)) comment.remove();
          else endsWithSpace = false;
        },
        text(text) {
          if (preserved > 0) return;
          const raw = text.text;
          if (raw.length === 0) return;
          let out = raw.replace(WHITESPACE_RUN, " ");
          if (endsWithSpace && out.charCodeAt(0) === 32) out = out.slice(1);
          if (out.length > 0) endsWithSpace = out.charCodeAt(out.length - 1) === 32;
          if (out !== raw) text.replace(out, { html: true });
        },
      })
      .transform(res);
    return new Response(rechunk(minified.body!, chunkBytes), minified);
  };
}
