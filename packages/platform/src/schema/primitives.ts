import { z } from "zod";
import { SECONDS_PER_YEAR } from "../defaults/units.ts";

/**
 * Small builders for the numbers and strings of the model. Each message states the allowed range, so a
 * formatted issue reads "field: value — must be ...", naming field, value and what is allowed.
 */
export const int = (min: number, max: number, unit = "") =>
  z
    .number({ error: `must be a whole number from ${min} to ${max}${unit}` })
    .int({ error: `must be a whole number from ${min} to ${max}${unit}` })
    .min(min, { error: `must be a whole number from ${min} to ${max}${unit}` })
    .max(max, { error: `must be a whole number from ${min} to ${max}${unit}` });

/** The longest duration most fields accept. */
export const ONE_YEAR_SECONDS = SECONDS_PER_YEAR;

/** Seconds, 0 to one year unless a tighter range is given. */
export const seconds = (min = 0, max = ONE_YEAR_SECONDS) => int(min, max, " seconds");
export const minutes = (min: number, max: number) => int(min, max, " minutes");
export const percent = (min = 0, max = 100) => int(min, max, " percent");
export const port = () => int(1, 65_535, " (TCP port)");
export const bytes = (min: number, max: number) => int(min, max, " bytes");

export const nonEmptyString = (what: string) =>
  z.string({ error: `must be ${what}` }).min(1, { error: `must be ${what} (not empty)` });

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
export const hostname = () =>
  z
    .string({ error: "must be a lower-case DNS name such as example.com" })
    .regex(HOSTNAME, { error: "must be a lower-case DNS name such as example.com" });

export const httpsUrl = () =>
  z
    .string({ error: "must be an https:// or http:// URL" })
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { error: "must be an https:// or http:// URL" });

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;
const IPV6_CIDR = /^[0-9a-f:]+:[0-9a-f:]*\/(12[0-8]|1[01]\d|[1-9]?\d)$/i;
export const cidr = () =>
  z
    .string({ error: "must be a CIDR block such as 192.0.2.0/24 or 2001:db8::/32" })
    .refine((s) => IPV4_CIDR.test(s) || IPV6_CIDR.test(s), {
      error: "must be a CIDR block such as 192.0.2.0/24 or 2001:db8::/32",
    });

/** A name used as a map key and in resource names: lower-case letters, digits and dashes. */
export const KEY = /^[a-z][a-z0-9-]{0,30}$/;
export const keyName = () =>
  z.string().regex(KEY, { error: "must be lower-case letters, digits and dashes, starting with a letter" });

/** Cron in the 5-field form AWS scheduled actions accept (minute hour day-of-month month day-of-week). */
export const cron = () =>
  z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, { error: 'must be a 5-field cron expression such as "0 8 * * MON-FRI"' });

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export const httpMethod = () => z.enum(HTTP_METHODS, { error: `must be one of ${HTTP_METHODS.join(", ")}` });
