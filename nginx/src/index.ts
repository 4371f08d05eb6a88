export { DEFAULT_ROUTE, FILES, WRITABLE_DIRS } from "./conf/names.ts";
export {
  checkOriginAuthValues,
  originAuthValuesFile,
  parseOriginAuthValues,
} from "./conf/origin-auth.ts";
export { quote, toConf, toFile } from "./conf/serialize.ts";
export {
  DEBIAN_BROTLI_MODULE,
  type RenderOptions,
  SELF_SIGNED,
  type UpstreamServer,
} from "./options.ts";
export { type NginxFiles, renderNginx } from "./render.ts";
export { generateSelfSigned, writeOriginAuthValues, writeTree } from "./write.ts";
