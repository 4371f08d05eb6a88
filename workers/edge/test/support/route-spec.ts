// Shared by the Node-side test origin and the workerd-side helpers that program it (types only).

/** How the origin answers one path (query strings ignored). */
export interface RouteSpec {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** A file under the repository's fixtures/ (@edge/fixtures) served as the body. */
  fixture?: string;
  delayMs?: number;
  /** Request headers copied into the response (an origin that reflects what it got, e.g. a debug page). */
  echoHeaders?: string[];
  /** "reset": destroy the socket without answering (network error); "hang": never answer. */
  fail?: "reset" | "hang";
}
