// The "NGINX" section: per environment, a unified diff of every rendered file, in ```diff fences.
import { diffStat, unifiedDiff } from "../diff/unified.ts";
import type { NginxFiles, ReviewData, Section } from "../types.ts";
import type { ReportLimits } from "./limits.ts";
import { code, details, escapeHtml, fenced, plural, unavailable } from "./markdown.ts";

/**
 * Key and certificate files, and the origin-auth values file (its lines are the secrets NGINX accepts): never
 * printed (a PR comment is public) and not compared, since a renderer that generates a local self-signed pair
 * makes new ones on every render.
 */
export const KEY_MATERIAL = /(^|\/)tls\/|\.(key|pem|crt|csr|p12|pfx)$|(^|\/)origin-auth\.values\.conf$/;

/** `nginx.conf` first, then the snippets alphabetically. */
function compareFiles(a: string, b: string): number {
  const rank = (f: string) => (f === "nginx.conf" ? 0 : 1);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function renderNginx(data: ReviewData, limits: ReportLimits): { body: string; summary: string } {
  const { base, head } = data;
  if (head.nginx.status !== "ok") {
    const why = unavailable(head.nginx, head);
    return { body: `NGINX: ${why}.`, summary: why };
  }
  if (base.nginx.status !== "ok") {
    const why = unavailable(base.nginx, base);
    return { body: `NGINX: ${why}, so there is nothing to compare.`, summary: why };
  }
  const baseEnvs = base.nginx.value;
  const headEnvs = head.nginx.value;
  const envs = [...new Set([...Object.keys(baseEnvs), ...Object.keys(headEnvs)])].sort();
  const parts: string[] = [];
  const summaries: string[] = [];
  for (const env of envs) {
    const before: Section<NginxFiles> = baseEnvs[env] ?? {
      status: "missing",
      reason: `no environment ${env}`,
    };
    const after: Section<NginxFiles> = headEnvs[env] ?? {
      status: "missing",
      reason: `no environment ${env}`,
    };
    if (after.status !== "ok") {
      parts.push(`### ${code(env)}\n\n${unavailable(after, head)}.`);
      summaries.push(`${env}: ${after.status === "failed" ? "failed at head" : "gone at head"}`);
      continue;
    }
    if (before.status === "failed") {
      parts.push(`### ${code(env)}\n\n${unavailable(before, base)}.`);
      summaries.push(`${env}: failed at base`);
      continue;
    }
    if (before.status === "missing") {
      // A new environment: its files are its model rendered (summarized above), listed but not printed.
      const files = Object.keys(after.value).sort(compareFiles);
      const lines = files.map((f) => (KEY_MATERIAL.test(f) ? 0 : after.value[f]!.split("\n").length - 1));
      const total = lines.reduce((a, b) => a + b, 0);
      const list = files.map(
        (f, i) =>
          `- ${code(f)}${KEY_MATERIAL.test(f) ? " (key material, not shown)" : ` (${lines[i]} lines)`}`,
      );
      parts.push(
        `### ${code(env)} (new environment)\n\n${details(`${plural(files.length, "generated file")}, ${total} lines (not printed)`, list.join("\n"))}`,
      );
      summaries.push(`${env}: new, ${plural(files.length, "file")}`);
      continue;
    }
    const oldFiles = before.status === "ok" ? before.value : {};
    const allFiles = [...new Set([...Object.keys(oldFiles), ...Object.keys(after.value)])].sort(compareFiles);
    const files = allFiles.filter((file) => !KEY_MATERIAL.test(file));
    const keyFiles = allFiles.filter((file) => KEY_MATERIAL.test(file));
    const diffs: string[] = [];
    let added = 0;
    let removed = 0;
    for (const file of files) {
      const text = unifiedDiff(oldFiles[file], after.value[file], {
        oldName: `base/${env}/${file}`,
        newName: `head/${env}/${file}`,
      });
      if (!text) continue;
      const stat = diffStat(oldFiles[file], after.value[file]);
      added += stat.added;
      removed += stat.removed;
      const lines = text.split("\n");
      const shown =
        lines.length > limits.diffLinesPerFile
          ? `${lines.slice(0, limits.diffLinesPerFile).join("\n")}\n… ${lines.length - limits.diffLinesPerFile} more lines`
          : text;
      diffs.push(
        details(`<code>${escapeHtml(file)}</code> (+${stat.added} −${stat.removed})`, fenced("diff", shown)),
      );
    }
    const heading = `### ${code(env)}`;
    const keyNote = keyMaterialNote(keyFiles, oldFiles, after.value);
    if (diffs.length === 0) {
      parts.push([heading, `No change (${plural(files.length, "file")}).`, ...keyNote].join("\n\n"));
      summaries.push(`${env}: no change`);
    } else {
      parts.push([heading, ...diffs, ...keyNote].join("\n\n"));
      summaries.push(`${env}: ${plural(diffs.length, "file")} changed (+${added} −${removed})`);
    }
  }
  if (envs.length === 0) parts.push("No environments rendered.");
  return { body: parts.join("\n\n"), summary: summaries.join("; ") };
}

/** One line naming the key material that was left out, and which of it appeared or disappeared. */
function keyMaterialNote(files: string[], before: NginxFiles, after: NginxFiles): string[] {
  if (files.length === 0) return [];
  const named = files.map((file) => {
    const state = !(file in before) ? " (added)" : !(file in after) ? " (removed)" : "";
    return `${code(file)}${state}`;
  });
  return [`Key material, not shown or compared: ${named.join(", ")}.`];
}
