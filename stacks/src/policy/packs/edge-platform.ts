import { ALBHttpDropInvalidHeaderEnabled } from "../rules/alb/index.ts";
import type { PackEntry, PolicyPack } from "../types.ts";

// Packs only wire rules: id, texts, level. The checks live in ../rules/<area>/.
const entries: PackEntry[] = [
  {
    id: "ALB3",
    rule: ALBHttpDropInvalidHeaderEnabled,
    info: "The ALB does not drop invalid HTTP header fields.",
    explanation:
      "Headers with invalid names reach the targets unfiltered, which enables request smuggling and " +
      "header-injection tricks against backends that parse them leniently.",
    fix: "Set drop_invalid_header_fields = true on the aws_lb.",
    level: "error",
  },
];

/** The rule pack every stack of this repository runs at synth. */
export const edgePlatformPack: PolicyPack = { name: "edge-platform", entries };
