// Local stand-ins for the two services the CDN metrics publisher talks to, real HTTP servers on 127.0.0.1:
// - the Analytics Engine SQL API: answers the publisher's query from data points the test recorded through the
//   worker (POST /__ingest), after checking the bearer token and the shape of the SQL;
// - CloudWatch PutMetricData: verifies the SigV4 signature independently (sigv4-verify.ts) and parses the
//   query-protocol body. Both keep what arrived for the test to read (GET /__received).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySigV4 } from "./sigv4-verify.ts";

export const STAND_IN_CREDENTIALS = {
  accountId: "0123456789abcdef0123456789abcdef",
  analyticsToken: "test-analytics-token-5d1f",
  accessKeyId: "AKIDEDGETESTPUBLISHER",
  secretAccessKey: "test-secret-access-key-9b7c2e",
  region: "eu-west-1",
} as const;

interface StoredPoint {
  timestampMs: number;
  blobs: string[];
  sampleInterval: number;
}

export interface ReceivedQuery {
  authorized: boolean;
  sql: string;
  dataset?: string;
  environment?: string;
  fromMs?: number;
  toMs?: number;
}

export interface ReceivedPut {
  signature: { valid: boolean; reason?: string };
  action: string | null;
  namespace: string | null;
  metrics: {
    name: string;
    unit: string;
    value: number;
    timestamp: string;
    dimensions: Record<string, string>;
  }[];
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
};

const SQL =
  /^SELECT blob2 AS routeClass, blob3 AS outcome, SUM\(_sample_interval\) AS requests FROM ([a-z][a-z0-9_]*) WHERE blob1 = '([a-z][a-z0-9-]*)' AND timestamp >= toDateTime\('([\d-]+ [\d:]+)'\) AND timestamp < toDateTime\('([\d-]+ [\d:]+)'\) GROUP BY routeClass, outcome FORMAT JSON$/;
const utc = (s: string) => Date.parse(`${s.replace(" ", "T")}Z`);

function parseMetrics(form: URLSearchParams): ReceivedPut["metrics"] {
  const metrics: ReceivedPut["metrics"] = [];
  for (let i = 1; form.has(`MetricData.member.${i}.MetricName`); i++) {
    const m = `MetricData.member.${i}`;
    const dimensions: Record<string, string> = {};
    for (let d = 1; form.has(`${m}.Dimensions.member.${d}.Name`); d++) {
      dimensions[form.get(`${m}.Dimensions.member.${d}.Name`) as string] =
        form.get(`${m}.Dimensions.member.${d}.Value`) ?? "";
    }
    metrics.push({
      name: form.get(`${m}.MetricName`) ?? "",
      unit: form.get(`${m}.Unit`) ?? "",
      value: Number(form.get(`${m}.Value`)),
      timestamp: form.get(`${m}.Timestamp`) ?? "",
      dimensions,
    });
  }
  return metrics;
}

export interface CdnMetricsStandIns {
  analyticsUrl: string;
  cloudwatchUrl: string;
  close: () => Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startCdnMetricsStandIns(): Promise<CdnMetricsStandIns> {
  const points: StoredPoint[] = [];
  const queries: ReceivedQuery[] = [];
  const puts: ReceivedPut[] = [];
  const c = STAND_IN_CREDENTIALS;

  const analytics = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const body = await readBody(req);
    if (url.pathname === "/__received") return json(res, 200, { queries });
    if (url.pathname === "/__ingest") {
      const { timestampMs, points: added } = JSON.parse(body.toString()) as {
        timestampMs: number;
        points: { blobs: string[] }[];
      };
      for (const p of added) points.push({ timestampMs, blobs: p.blobs, sampleInterval: 1 });
      return json(res, 200, { stored: added.length });
    }
    if (url.pathname !== `/client/v4/accounts/${c.accountId}/analytics_engine/sql` || req.method !== "POST") {
      return json(res, 404, { errors: [{ message: "not found" }] });
    }
    const sql = body.toString();
    const authorized = req.headers.authorization === `Bearer ${c.analyticsToken}`;
    const m = SQL.exec(sql);
    const q: ReceivedQuery = { authorized, sql };
    queries.push(q);
    if (!authorized) return json(res, 401, { errors: [{ message: "Authentication error" }] });
    if (!m) return json(res, 400, { errors: [{ message: "query not understood by the stand-in" }] });
    const [, dataset, environment, from, to] = m as unknown as string[];
    Object.assign(q, { dataset, environment, fromMs: utc(from as string), toMs: utc(to as string) });
    const sums = new Map<string, number>();
    for (const p of points) {
      if (
        p.blobs[0] !== environment ||
        p.timestampMs < (q.fromMs as number) ||
        p.timestampMs >= (q.toMs as number)
      )
        continue;
      const key = `${p.blobs[1]}\u0000${p.blobs[2]}`;
      sums.set(key, (sums.get(key) ?? 0) + p.sampleInterval);
    }
    const data = [...sums].map(([key, n]) => {
      const [routeClass, outcome] = key.split("\u0000");
      // ClickHouse's JSON format quotes 64-bit integers.
      return { routeClass, outcome, requests: String(n) };
    });
    return json(res, 200, { meta: [], data, rows: data.length });
  });

  const cloudwatch = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.url === "/__received") return json(res, 200, { puts });
    const signature = verifySigV4(
      { method: req.method ?? "", url: req.url ?? "/", headers: req.headers, body },
      { secrets: { [c.accessKeyId]: c.secretAccessKey }, region: c.region, service: "monitoring" },
    );
    const form = new URLSearchParams(body.toString());
    puts.push({
      signature: signature.valid ? { valid: true } : { valid: false, reason: signature.reason },
      action: form.get("Action"),
      namespace: form.get("Namespace"),
      metrics: parseMetrics(form),
    });
    res.writeHead(signature.valid ? 200 : 403, { "Content-Type": "text/xml" });
    res.end(
      signature.valid
        ? '<PutMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata></PutMetricDataResponse>'
        : "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>",
    );
  });

  const analyticsBase = await listen(analytics);
  const cloudwatchBase = await listen(cloudwatch);
  const close = (s: Server) =>
    new Promise<void>((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    });
  return {
    analyticsUrl: `${analyticsBase}/client/v4/accounts/${c.accountId}/analytics_engine/sql`,
    cloudwatchUrl: `${cloudwatchBase}/`,
    close: async () => {
      await Promise.all([close(analytics), close(cloudwatch)]);
    },
  };
}
