export { ALBHttpDropInvalidHeaderEnabled } from "./ALBHttpDropInvalidHeaderEnabled.ts";
