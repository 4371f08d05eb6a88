// Child-process entry of one demo origin: `node origin-main.ts <role> <id> <fixturesDir>`.
// Prints {"port": N} once listening, so the parent knows where it is; exits on SIGTERM/SIGINT.
import { type DemoRole, startDemoOrigin } from "./origins.ts";

const [role, id, fixturesDir] = process.argv.slice(2) as [DemoRole, string, string];
if (!["web", "api", "ws"].includes(role) || !id || !fixturesDir) {
  console.error("usage: origin-main.ts <web|api|ws> <id> <fixturesDir>");
  process.exit(2);
}
const origin = await startDemoOrigin({ role, id, fixturesDir });
process.stdout.write(`${JSON.stringify({ port: origin.port })}\n`);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    origin.close().finally(() => process.exit(0));
  });
}
