import { type ImageHeader, readImageHeader } from "./formats/index.ts";
import type { OutputFormat } from "./params.ts";
import type { ResizePlan } from "./plan.ts";
import { refuse } from "./refusal.ts";

const OUTPUT_MIME: Record<OutputFormat, ImageOutputOptions["format"]> = {
  avif: "image/avif",
  webp: "image/webp",
  jpeg: "image/jpeg",
  png: "image/png",
};

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Response(bytes).body!;
}

/**
 * Resizes/converts through the Images binding and checks what comes back before anyone can cache it: the
 * bytes must parse as an image the client can decode (production Images may fall back from AVIF to another
 * format for some inputs, so the type comes from the bytes, not from what we asked), within the pixel limit. Binding errors become short
 * refusals: decode failures are the source's fault (422); anything else is the transform's (502). The
 * binding's own message is never forwarded (locally it carries a Node stack).
 */
export interface TransformRequest {
  plan: ResizePlan;
  format: OutputFormat;
  quality: number;
  maxOutputPixels: number;
  /** Output formats the client can decode. */
  decodable: (format: string) => boolean;
}

export async function transformImage(
  images: ImagesBinding,
  source: Uint8Array,
  { plan, format, quality, maxOutputPixels, decodable }: TransformRequest,
): Promise<{ bytes: Uint8Array; header: ImageHeader }> {
  let bytes: Uint8Array;
  try {
    let transformer = images.input(streamOf(source));
    if (plan.resize) transformer = transformer.transform(plan.resize);
    const result = await transformer.output({
      format: OUTPUT_MIME[format],
      quality,
      // JPEG has no alpha: flatten onto white rather than whatever colour the transparent pixels hold.
      ...(format === "jpeg" && { background: "#ffffff" }),
    });
    bytes = new Uint8Array(await new Response(result.image()).arrayBuffer());
  } catch (error) {
    const code =
      typeof error === "object" && error !== null && "code" in error ? Number(error.code) : Number.NaN;
    if (Number.isFinite(code)) refuse(422, `source image could not be decoded (images error ${code})`);
    refuse(502, "image transform failed");
  }
  let header: ImageHeader | null = null;
  try {
    header = readImageHeader(bytes);
  } catch {
    // falls through to the refusal below
  }
  if (!header || !decodable(header.format)) refuse(502, "image transform returned an unexpected format");
  if (header.width * header.height > maxOutputPixels) refuse(502, "image transform returned too many pixels");
  return { bytes, header };
}
