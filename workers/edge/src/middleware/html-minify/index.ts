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

  // Only preserved elements get an element handler: a handler (and an end-tag callback) on every element was
  // most of the cost. Tag boundaries are seen through `lastInTextNode` instead (a text node ends at a tag or a
  // comment).
  const preservedSelector = [...preserve].join(", ");

  return function minifyHtml(res) {
    if (!res.body || !(res.headers.get("content-type") ?? "").includes("text/html")) return res;
    // Per-response state: how deep inside preserved elements, and whether output so far ends in a space.
    let preserved = 0;
    let endsWithSpace = false;
    /** endsWithSpace before the last text node ended: restored when what ended it was a removed comment. */
    let beforeBoundary = false;
    const closePreserved = () => {
      preserved--;
      endsWithSpace = false;
    };
    let rewriter = new HTMLRewriter();
    if (preservedSelector)
      rewriter = rewriter.on(preservedSelector, {
        element(el) {
          endsWithSpace = false;
          preserved++;
          el.onEndTag(closePreserved);
        },
      });
    const minified = rewriter
      .onDocument({
        comments(comment) {
          // A removed comment is no boundary: the whitespace on both sides joins into one run.
          if (!CONDITIONAL.test(comment.text)) {
            comment.remove();
            endsWithSpace = beforeBoundary;
          } else endsWithSpace = false;
        },
        text(text) {
          if (preserved > 0) return;
          const raw = text.text;
          if (raw.length > 0) {
            let out = raw.replace(WHITESPACE_RUN, " ");
            if (endsWithSpace && out.charCodeAt(0) === 32) out = out.slice(1);
            if (out.length > 0) endsWithSpace = out.charCodeAt(out.length - 1) === 32;
            if (out !== raw) text.replace(out, { html: true });
          }
          if (text.lastInTextNode) {
            beforeBoundary = endsWithSpace;
            endsWithSpace = false; // a tag (or a comment, see above) follows
          }
        },
      })
      .transform(res);
    return new Response(rechunk(minified.body!, chunkBytes), minified);
  };
}
