import { env } from "cloudflare:workers";
import { Hono } from "hono";
import type { Env } from "../../src/env.ts";
import { type ImageHeader, readImageHeader } from "../../src/middleware/images/formats/index.ts";
import { images } from "../../src/middleware/images/index.ts";
import { policyFor, type WorkerPolicy } from "../../src/policy.ts";

export const policy = policyFor("production");

export const ACCEPT = {
  avif: "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
  webp: "image/webp,image/apng,image/*,*/*;q=0.8",
  none: "image/png,image/*;q=0.8,*/*;q=0.5",
} as const;

/** Bytes of a fixture under fixtures/images (e.g. "hostile/bomb-20000x20000.png"). */
export async function fixture(name: string): Promise<Uint8Array> {
  const res = await env.IMAGE_FIXTURES.fetch(`http://fixtures/${name}`);
  if (res.status !== 200) throw new Error(`fixture ${name}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The origin for tests: /images/<name> is the fixture <name>, served as the origin would. */
export async function fixtureOrigin(sourcePath: string): Promise<Response> {
  return env.IMAGE_FIXTURES.fetch(`http://fixtures/${sourcePath.slice("/images/".length)}`);
}

interface BindingCalls {
  transforms: number;
  /** The output options handed to the binding, in order (the local binding ignores quality). */
  outputs: ImageOutputOptions[];
}

/** Passes every call through to the real transformer, recording the output options on the way. */
function recording(transformer: ImageTransformer, outputs: ImageOutputOptions[]): ImageTransformer {
  return {
    transform: (transform) => recording(transformer.transform(transform), outputs),
    draw: (image, options) => recording(transformer.draw(image, options), outputs),
    output: (options) => {
      outputs.push(options);
      return transformer.output(options);
    },
  };
}

/**
 * Counts Images binding calls, so tests can prove a refusal happened before any decode, and records the
 * output options the worker asked for.
 */
function countingImages(calls: BindingCalls): ImagesBinding {
  return {
    info: (stream, options) => env.IMAGES.info(stream, options),
    input: (stream, options) => {
      calls.transforms++;
      return recording(env.IMAGES.input(stream, options), calls.outputs);
    },
    text: (content, options) => env.IMAGES.text(content, options),
    get hosted() {
      return env.IMAGES.hosted;
    },
  };
}

let hosts = 0;

/** A host name no other app of this test file uses. */
export const freshHost = () => `img-${++hosts}.test`;

/**
 * The images middleware mounted on every path of a fresh Hono app, with its own host name (so cache
 * entries of one test never answer another) and a counter of source fetches and binding transforms.
 */
export function imageApp(
  options: {
    policy?: WorkerPolicy;
    origin?: (sourcePath: string) => Promise<Response>;
    isPurged?: (sourcePath: string, tags: readonly string[], filledAt: number) => boolean;
    /** Host name of the requests; two apps given the same one share cache entries (a redeploy). */
    host?: string;
  } = {},
) {
  const fetches: string[] = [];
  const calls: BindingCalls = { transforms: 0, outputs: [] };
  const app = new Hono<{ Bindings: Env }>();
  app.use(
    "*",
    images({
      policy: options.policy ?? policy,
      fetchSource: async (_c, sourcePath) => {
        fetches.push(sourcePath);
        return (options.origin ?? fixtureOrigin)(sourcePath);
      },
      ...(options.isPurged && { isPurged: (_c, ...args) => options.isPurged!(...args) }),
    }),
  );
  const host = options.host ?? freshHost();
  const testEnv: Env = { ...env, IMAGES: countingImages(calls) };
  return {
    fetches,
    calls,
    request(path: string, init: RequestInit & { accept?: string } = {}): Promise<Response> {
      const headers = new Headers(init.headers);
      if (init.accept !== undefined) headers.set("Accept", init.accept);
      return Promise.resolve(app.request(`https://${host}${path}`, { ...init, headers }, testEnv));
    },
  };
}

/** A response's image, decoded twice: by the binding's info() (sharp locally) and by our header parser. */
export async function decoded(res: Response) {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const info = (await env.IMAGES.info(new Response(bytes).body!)) as {
    format: string;
    width: number;
    height: number;
  };
  const header = readImageHeader(bytes) as ImageHeader;
  return { bytes, info, header };
}

/** A policy with some `images` limits replaced. */
export function withImages(overrides: Partial<WorkerPolicy["images"]>): WorkerPolicy {
  return { ...policy, images: { ...policy.images, ...overrides } };
}

export function expectShortReason(text: string): void {
  if (text.length > 200 || /\n\s+at /.test(text) || /node_modules|\.js:\d+/.test(text)) {
    throw new Error(`reason is not short and safe: ${JSON.stringify(text)}`);
  }
}
