// Child-process entry of one demo origin: `node origin-main.ts <role> <id> <fixturesDir> [environment]`.
// With an environment, every answer carries the model's class tags (`operations.classTags`) as `Cache-Tag`,
// like a real origin honouring the model's tagging contract, so purging a class works end to end.
// Prints {"port": N} once listening, so the parent knows where it is; exits on SIGTERM/SIGINT.
import { resolvePlatform } from "@edge/platform";
import { compileClassifier } from "@edge/platform/routing";
import { type DemoRole, startDemoOrigin } from "./origins.ts";

const [role, id, fixturesDir, environment] = process.argv.slice(2) as [DemoRole, string, string, string?];
if (!["web", "api", "ws"].includes(role) || !id || !fixturesDir) {
  console.error("usage: origin-main.ts <web|api|ws> <id> <fixturesDir>");
  process.exit(2);
}
const platform = environment ? resolvePlatform(environment) : undefined;
const classify = platform ? compileClassifier(platform.routeClasses) : undefined;
const tagsFor = (path: string) => platform?.operations.classTags[classify!(path)] ?? [];
const origin = await startDemoOrigin({ role, id, fixturesDir, tagsFor });
process.stdout.write(`${JSON.stringify({ port: origin.port })}\n`);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    origin.close().finally(() => process.exit(0));
  });
}
