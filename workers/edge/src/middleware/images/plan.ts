import { type ImageHeader, swapsAxes } from "./formats/index.ts";
import type { Fit, ImageParams, ImagesPolicy } from "./params.ts";
import { refuse } from "./refusal.ts";

/** The resize the binding will do and the size it should produce. */
export interface ResizePlan {
  /** Source size as displayed (EXIF orientation applied, as the binding does). */
  source: { width: number; height: number };
  /** Expected output size. Exact for scale-down/contain; an upper bound for crop. */
  output: { width: number; height: number };
  /** Transform for the binding, or null when the size stays (format conversion only). */
  resize: { width?: number; height?: number; fit: Fit } | null;
}

/** Fits that never enlarge. */
const SHRINK_ONLY: readonly Fit[] = ["scale-down", "crop"];

function scaled(source: { width: number; height: number }, factor: number) {
  return {
    width: Math.max(1, Math.round(source.width * factor)),
    height: Math.max(1, Math.round(source.height * factor)),
  };
}

/** Output size of one request on one source, following the binding's fit semantics. */
export function predictOutput(
  source: { width: number; height: number },
  fit: Fit,
  width?: number,
  height?: number,
): { width: number; height: number } {
  const cap = SHRINK_ONLY.includes(fit) ? 1 : Number.POSITIVE_INFINITY;
  if (width !== undefined && height !== undefined) {
    if (fit === "scale-down" || fit === "contain") {
      return scaled(source, Math.min(width / source.width, height / source.height, cap));
    }
    if (fit === "crop")
      return { width: Math.min(width, source.width), height: Math.min(height, source.height) };
    return { width, height }; // cover, pad, squeeze fill the box
  }
  if (width !== undefined) return scaled(source, Math.min(width / source.width, cap));
  if (height !== undefined) return scaled(source, Math.min(height / source.height, cap));
  return source;
}

/**
 * Plans the resize. Without a requested size the output keeps the source size, except that it never
 * exceeds the ladder's top width or maxOutputPixels (the largest ladder width that fits is used). A
 * requested size whose output would exceed maxOutputPixels on this source is refused (422).
 */
export function planResize(header: ImageHeader, params: ImageParams, images: ImagesPolicy): ResizePlan {
  const swap = swapsAxes(header.orientation);
  const source = { width: swap ? header.height : header.width, height: swap ? header.width : header.height };
  let { width, height } = params;
  const fit = width === undefined && height === undefined ? "scale-down" : params.fit;
  if (width === undefined && height === undefined) {
    const fits = (w: number) => {
      const out = predictOutput(source, "scale-down", w);
      return out.width * out.height <= images.maxOutputPixels;
    };
    const top = images.widths[images.widths.length - 1]!;
    if (source.width > top || !fits(source.width)) {
      width = [...images.widths].reverse().find(fits);
      if (width === undefined) refuse(422, "source image is too tall to fit the output pixel limit");
    }
  }
  const output = predictOutput(source, fit, width, height);
  if (output.width * output.height > images.maxOutputPixels) {
    refuse(422, `output ${output.width}x${output.height} exceeds ${images.maxOutputPixels} pixels`);
  }
  const unchanged = output.width === source.width && output.height === source.height;
  const resize = unchanged
    ? null
    : { fit, ...(width !== undefined && { width }), ...(height !== undefined && { height }) };
  return { source, output, resize };
}
