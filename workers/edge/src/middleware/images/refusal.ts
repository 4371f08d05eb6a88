/** A request the image endpoint answers with a 4xx (or 502) and a short, safe reason — never a stack. */
export class ImageRefusal extends Error {
  override name = "ImageRefusal";
  readonly status: 400 | 404 | 405 | 415 | 422 | 502 | 504;

  constructor(status: ImageRefusal["status"], reason: string) {
    super(reason);
    this.status = status;
  }
}

export function refuse(status: ImageRefusal["status"], reason: string): never {
  throw new ImageRefusal(status, reason);
}

/** The response for a refusal: plain text, never stored, never sniffed. */
export function refusalResponse(status: number, reason: string, extra: HeadersInit = {}): Response {
  const headers = new Headers(extra);
  headers.set("Content-Type", "text/plain; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  headers.set("X-Content-Type-Options", "nosniff");
  return new Response(`${reason}\n`, { status, headers });
}
