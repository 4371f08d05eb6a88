import { refuse } from "./refusal.ts";

/** Characters a source path may hold (RFC 3986 pchar minus ":" so no segment can read as a scheme). */
const SAFE_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=@%/]+$/;
/** Percent-escapes that would smuggle a separator, a dot segment, a scheme, a control or a second decode. */
const UNSAFE_ESCAPE = /%(2f|5c|2e|3a|25|00|0[0-9a-f]|1[0-9a-f]|7f)/i;

/**
 * The origin path of the source image: the request path itself, which must sit under the model's
 * `images.sourcePathPrefix`. Refuses anything that could leave that prefix or reach another host once
 * joined to the origin: dot segments, empty segments (`//host`), backslashes, encoded separators or dots,
 * colons (`http:`), control characters and malformed escapes. The URL parser already resolved plain `..`,
 * which is why the prefix is checked on the parsed path.
 */
export function sourcePathOf(url: URL, prefix: string): string {
  const path = url.pathname;
  if (!path.startsWith(prefix) || path.length === prefix.length) {
    refuse(400, `image path must be under ${prefix}`);
  }
  if (!SAFE_PATH.test(path) || UNSAFE_ESCAPE.test(path)) refuse(400, "image path has forbidden characters");
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    refuse(400, "image path has a malformed escape");
  }
  const segments = decoded.split("/").slice(1);
  if (segments.some((s) => s === "" || s === "." || s === ".."))
    refuse(400, "image path has an empty or dot segment");
  if (path.length > 1024) refuse(400, "image path is too long");
  return path;
}

/** SVG is only ever passed through for a path that says .svg. */
export function hasSvgExtension(path: string): boolean {
  return path.toLowerCase().endsWith(".svg");
}
