// Child-process entry of one demo origin: `node origin-main.ts <role> <id> <fixturesDir> [tagging JSON]`.
// With the tagging JSON ({routeClasses, classTags} of the model), every answer carries the class's tags
// (`operations.classTags`) as `Cache-Tag`, like a real origin honouring the model's tagging contract, so purging
// a class works end to end. Only the zod-free classifier is loaded: origins start fast on a busy machine.
// Prints {"port": N} once listening, so the parent knows where it is; exits on SIGTERM/SIGINT.
import type { RouteClass } from "@edge/platform";
import { compileClassifier } from "@edge/platform/routing";
import { type DemoRole, startDemoOrigin } from "./origins.ts";

const [role, id, fixturesDir, tagging] = process.argv.slice(2) as [DemoRole, string, string, string?];
if (!["web", "api", "ws"].includes(role) || !id || !fixturesDir) {
  console.error("usage: origin-main.ts <web|api|ws> <id> <fixturesDir>");
  process.exit(2);
}
const model = tagging
  ? (JSON.parse(tagging) as { routeClasses: Record<string, RouteClass>; classTags: Record<string, string[]> })
  : undefined;
const classify = model ? compileClassifier(model.routeClasses) : undefined;
const tagsFor = (path: string) => model?.classTags[classify!(path)] ?? [];
const origin = await startDemoOrigin({ role, id, fixturesDir, tagsFor });
process.stdout.write(`${JSON.stringify({ port: origin.port })}\n`);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    origin.close().finally(() => process.exit(0));
  });
}
