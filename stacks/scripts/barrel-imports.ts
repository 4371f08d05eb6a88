// Benchmark baseline only: `node --import ./scripts/barrel-imports.ts ...` makes src/providers/*.ts import each
// class from the provider's package barrel instead of its deep path — the same stacks, the other import style.
import { registerHooks } from "node:module";

const PROVIDER_MODULE = /\/src\/providers\/(aws|cloudflare)\.ts$/;
const DEEP_EXPORT = /^export \{ (\w+) \} from "(@cdktf\/provider-[a-z]+)\/lib\/([a-z0-9-]+)\/index\.js";$/gm;

const camel = (dir: string) => dir.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

registerHooks({
  load(url, context, nextLoad) {
    const result = nextLoad(url, context);
    if (!PROVIDER_MODULE.test(url)) return result;
    const source = String(result.source);
    let barrel = "";
    const rewritten = source.replace(DEEP_EXPORT, (_line, name: string, pkg: string, dir: string) => {
      barrel = pkg;
      return `export const { ${name} } = __barrel.${camel(dir)};`;
    });
    if (!barrel) throw new Error(`barrel-imports: no deep provider exports found in ${url}`);
    return { ...result, source: `import * as __barrel from "${barrel}";\n${rewritten}` };
  },
});
