import { refuse } from "./refusal.ts";

/**
 * Reads a source body into memory, refusing more than `maxBytes`: first by Content-Length (before a byte
 * is read), then by counting while reading (a missing or lying Content-Length does not help). The body is
 * cancelled as soon as the limit is passed.
 */
export async function readBounded(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = res.headers.get("Content-Length");
  if (declared !== null && Number(declared) > maxBytes) {
    await res.body?.cancel();
    refuse(422, `source image exceeds ${maxBytes} bytes`);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      refuse(422, `source image exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
