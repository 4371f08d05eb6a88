import { directive, type Entry } from "./serialize.ts";

/** One JSON object per request, with the upstream that answered and each phase's timing. */
const JSON_FIELDS: [string, string, "string" | "number"][] = [
  ["time", "$time_iso8601", "string"],
  ["request_id", "$request_id", "string"],
  ["remote_addr", "$remote_addr", "string"],
  ["host", "$host", "string"],
  ["method", "$request_method", "string"],
  ["uri", "$request_uri", "string"],
  ["protocol", "$server_protocol", "string"],
  ["tls", "$ssl_protocol", "string"],
  ["status", "$status", "number"],
  ["bytes_sent", "$bytes_sent", "number"],
  ["request_time", "$request_time", "number"],
  // Lists when nginx tried several servers ("10.0.1.10:3000, 10.0.2.10:3000"), so strings.
  ["upstream_addr", "$upstream_addr", "string"],
  ["upstream_status", "$upstream_status", "string"],
  ["upstream_connect_time", "$upstream_connect_time", "string"],
  ["upstream_header_time", "$upstream_header_time", "string"],
  ["upstream_response_time", "$upstream_response_time", "string"],
  ["user_agent", "$http_user_agent", "string"],
];

export const LOG_FORMAT = "edge_json";

export function loggingConf(): Entry[] {
  const json = `{${JSON_FIELDS.map(([k, v, t]) => (t === "number" ? `"${k}":${v}` : `"${k}":"${v}"`)).join(",")}}`;
  return [
    directive("log_format", LOG_FORMAT, "escape=json", json),
    directive("access_log", "logs/access.log", LOG_FORMAT, "buffer=32k", "flush=1s"),
  ];
}
