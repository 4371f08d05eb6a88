// The "Worker bundle" section: size of what `wrangler deploy` would upload, raw and gzipped, base → head.
import type { ReviewData, WorkerBundle } from "../types.ts";
import { code, formatBytes, formatDelta, table, unavailable } from "./markdown.ts";

export function renderWorker(data: ReviewData): { body: string; summary: string } {
  const { base, head } = data;
  if (head.worker.status !== "ok") {
    const why = unavailable(head.worker, head);
    return { body: `Worker bundle: ${why}.`, summary: why };
  }
  const after = head.worker.value;
  if (base.worker.status !== "ok") {
    const why = unavailable(base.worker, base);
    return {
      body: `Worker bundle at head: ${formatBytes(after.bytes)}, gzip ${formatBytes(after.gzipBytes)}. Base: ${why}.`,
      summary: `${formatBytes(after.gzipBytes)} gzip at head; base ${base.worker.status}`,
    };
  }
  const before = base.worker.value;
  const rows = [
    ["Bundle", formatBytes(before.bytes), formatBytes(after.bytes), formatDelta(before.bytes, after.bytes)],
    [
      "Gzipped",
      formatBytes(before.gzipBytes),
      formatBytes(after.gzipBytes),
      formatDelta(before.gzipBytes, after.gzipBytes),
    ],
  ];
  const out = [table(["", "Base", "Head", "Δ"], rows)];
  if (before.files.length > 1 || after.files.length > 1) out.push(fileTable(before, after));
  return {
    body: out.join("\n\n"),
    summary: `gzip ${formatBytes(before.gzipBytes)} → ${formatBytes(after.gzipBytes)}, ${formatDelta(before.gzipBytes, after.gzipBytes)}`,
  };
}

function fileTable(before: WorkerBundle, after: WorkerBundle): string {
  const names = [...new Set([...before.files, ...after.files].map((f) => f.name))].sort();
  const rows = names.map((name) => {
    const a = before.files.find((f) => f.name === name);
    const b = after.files.find((f) => f.name === name);
    return [
      code(name),
      a ? formatBytes(a.gzipBytes) : "—",
      b ? formatBytes(b.gzipBytes) : "—",
      formatDelta(a?.gzipBytes ?? 0, b?.gzipBytes ?? 0),
    ];
  });
  return table(["Module (gzipped)", "Base", "Head", "Δ"], rows);
}
