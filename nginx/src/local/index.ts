export {
  BROTLI_MODULE,
  NGINX_BIN,
  type RunningNginx,
  type StartNginxOptions,
  startRenderedNginx,
} from "./start-nginx.ts";
