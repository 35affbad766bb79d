/**
 * `npm run build` (and `prepack`): the published library, compiled by TypeScript 7 from
 * `tsconfig.build.json` into `dist/` as CommonJS with `.d.ts` beside each file.
 *
 *   node --import tsx scripts/build.ts     exit 1 on a compile error or a missing entry point
 *
 * CommonJS because Node imports it from both module systems: `require()` directly, and
 * `import` through Node's CommonJS named-export detection (tested by test/consumer).
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");
const DIST = join(ROOT, "dist");

/**
 * What tsc emits only because `naming/derived.ts` reads the config types at compile time.
 * The package ships naming's JavaScript (policies call it at runtime) but neither this
 * organisation's environments nor declarations that would point at them.
 */
const NOT_SHIPPED = ["environments"];

/**
 * Files constructs read at synth time beside their JavaScript (local Helm charts such as
 * `constructs/workloads/charts/karpenter-nodepools`, found through `__dirname`): tsc does
 * not copy them, so the build does.
 */
export const ASSET_DIRS = ["constructs/workloads/charts"];

/** Every `exports` target of package.json with `*` expanded over the construct domains. */
export function exportTargets(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    exports: Record<string, string | Record<string, string>>;
  };
  const domains = readdirSync(join(root, "constructs"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)));
  return targets.flatMap((t) => (t.includes("*") ? domains.map((d) => t.replace("*", d)) : [t]));
}

function main(): void {
  rmSync(DIST, { recursive: true, force: true });
  const tsc = join(ROOT, "node_modules", ".bin", "tsc");
  try {
    execFileSync(tsc, ["-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "inherit" });
  } catch {
    console.error("build: tsc reported errors (above). Fix: correct them, then run `npm run build` again.");
    process.exit(1);
  }
  for (const dir of NOT_SHIPPED) rmSync(join(DIST, dir), { recursive: true, force: true });
  for (const dir of ASSET_DIRS) cpSync(join(ROOT, dir), join(DIST, dir), { recursive: true });
  for (const file of readdirSync(join(DIST, "naming"))) {
    if (file.endsWith(".d.ts")) rmSync(join(DIST, "naming", file));
  }
  const missing = exportTargets(ROOT).filter((t) => !existsSync(join(ROOT, t)));
  if (missing.length > 0) {
    console.error(`build: package.json "exports" names files the build did not write: ${missing.join(", ")}`);
    console.error("Fix: give each construct domain an index.ts, or correct the exports map.");
    process.exit(1);
  }
  // stderr: `npm pack --json` prints its JSON on stdout after prepack.
  console.error(`build: dist/ written (${exportTargets(ROOT).length} export targets checked)`);
}

if (require.main === module) main();
