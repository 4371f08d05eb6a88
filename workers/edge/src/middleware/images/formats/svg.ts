const SNIFF_BYTES = 4096;

/**
 * SVG is text: after an optional BOM, whitespace, XML declaration, processing instructions, comments and
 * DOCTYPE, the first element must be `<svg`. Only the first few KB are looked at.
 */
export function isSvg(b: Uint8Array): boolean {
  let text = new TextDecoder().decode(b.subarray(0, SNIFF_BYTES));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let pos = 0;
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    if (text.startsWith("<?", pos)) pos = skipPast(text, pos, "?>");
    else if (text.startsWith("<!--", pos)) pos = skipPast(text, pos, "-->");
    else if (/^<!doctype/i.test(text.slice(pos, pos + 9))) pos = skipDoctype(text, pos);
    else break;
    if (pos < 0) return false;
  }
  return /^<(svg:)?svg[\s>/]/.test(text.slice(pos, pos + 9));
}

function skipPast(text: string, from: number, end: string): number {
  const at = text.indexOf(end, from);
  return at < 0 ? -1 : at + end.length;
}

function skipDoctype(text: string, from: number): number {
  const bracket = text.indexOf("[", from);
  const close = text.indexOf(">", from);
  if (bracket >= 0 && bracket < close) return skipPast(text, bracket, "]>");
  return close < 0 ? -1 : close + 1;
}
