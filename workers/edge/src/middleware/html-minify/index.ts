export interface HtmlMinifyOptions {
  /** Elements whose content is kept byte for byte. @default ["pre", "textarea", "script", "style"] */
  preserve?: readonly string[];
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
    return new HTMLRewriter()
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
  };
}
