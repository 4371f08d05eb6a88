import { varyValuesOf } from "./entry.ts";
import type { Fill } from "./fill.ts";

interface Flight {
  promise: Promise<Fill>;
  waiters: number;
}

/**
 * Fills in flight per key in this isolate, so that concurrent misses (and stale-while-revalidate refreshes)
 * share one origin fetch. A flight leaves the map once its cache write is done.
 */
export class Flights {
  readonly #flights = new Map<string, Flight>();
  readonly #maxWaiters: number;

  constructor(maxWaiters: number) {
    this.#maxWaiters = maxWaiters;
  }

  has(key: string): boolean {
    return this.#flights.has(key);
  }

  /** The flight of `key` if there is one with room for another waiter (then counted as one). */
  join(key: string): Promise<Fill> | undefined {
    const flight = this.#flights.get(key);
    if (!flight || flight.waiters >= this.#maxWaiters) return undefined;
    flight.waiters++;
    return flight.promise;
  }

  /**
   * Registers a fill that later requests join.
   * @returns the promise that settles when the fill and its cache write are done (for `waitUntil`).
   */
  start(key: string, promise: Promise<Fill>): Promise<unknown> {
    this.#flights.set(key, { promise, waiters: 0 });
    return promise
      .then((fill) => (fill.kind === "stored" ? fill.put : undefined))
      .finally(() => this.#flights.delete(key));
  }
}

/** Someone else's personal response or another Vary variant is never handed to a waiter: it fetches its own. */
export function fitsWaiter(fill: Fill, request: Headers): boolean {
  if (fill.kind === "unstored") return false;
  if (fill.kind === "stored" && fill.meta.vary)
    return fill.meta.varyValues === varyValuesOf(fill.meta.vary, request);
  return true;
}
