// Zod-free entry: safe to bundle into the edge worker.
export {
  cacheControlFor,
  renderCsp,
  renderHsts,
  renderPermissionsPolicy,
  securityHeadersFor,
} from "./security-headers.ts";
