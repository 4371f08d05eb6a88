export {
  BROTLI_MODULE,
  NGINX_BIN,
  newOriginAuthValue,
  type RunningNginx,
  type StartNginxOptions,
  startRenderedNginx,
} from "./start-nginx.ts";
