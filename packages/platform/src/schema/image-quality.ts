import { z } from "zod";
import { int } from "./primitives.ts";

/**
 * Default output quality per lossy output format, used when a request names no quality: each codec reaches
 * the same visual quality at a different number (imgproxy's defaults: WebP 79, AVIF 63, JPEG 80). PNG is
 * lossless and has none. Each must lie within images.minQuality–maxQuality (checked in refinements).
 */
export const QualityByFormatSchema = z.strictObject({
  avif: int(1, 100).describe("AVIF output quality when the request names none (AVIF needs a lower number)."),
  webp: int(1, 100).describe("WebP output quality when the request names none."),
  jpeg: int(1, 100).describe("JPEG output quality when the request names none."),
});

export type QualityByFormat = z.infer<typeof QualityByFormatSchema>;

/** Refuses a per-format default outside [minQuality, maxQuality], naming the format, value and range. */
export function checkQualityByFormat(
  images: { minQuality: number; maxQuality: number; qualityByFormat: QualityByFormat },
  issue: (path: (string | number)[], message: string, input: unknown) => void,
): void {
  for (const [format, quality] of Object.entries(images.qualityByFormat)) {
    if (quality < images.minQuality || quality > images.maxQuality) {
      issue(
        ["images", "qualityByFormat", format],
        `must be from minQuality (${images.minQuality}) to maxQuality (${images.maxQuality})`,
        quality,
      );
    }
  }
}
