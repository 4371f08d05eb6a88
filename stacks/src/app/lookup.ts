/** `record[key]`, or an error naming what was looked up (the model's refinements make this unreachable). */
export function lookup<T>(record: Readonly<Record<string, T>>, key: string, what: string): T {
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  if (value === undefined)
    throw new Error(`${what} "${key}" does not exist (known: ${Object.keys(record).join(", ")})`);
  return value;
}
