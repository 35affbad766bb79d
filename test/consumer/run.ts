/**
 * The consumer test (issue 14): packs the package, installs the tarball into a fresh project
 * with the OLDEST supported peers from the registry, then type-checks (strict,
 * noUncheckedIndexedAccess, exactOptionalPropertyTypes), synthesizes a TypeScript, a CommonJS
 * and an ESM stack, runs the policy gate on each, and `terraform validate`s them offline.
 *
 *   node --import tsx test/consumer/run.ts [--keep] [--constructs 10.4.5]
 *
 * Prints one JSON line of figures at the end (tarball and install size, step times, import
 * cost); test/consumer/consumer.test.ts runs it and checks them. Needs the npm registry.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { findProviderMirror, writeCliConfig } from "../../scripts/lib/terraform";

const ROOT = resolve(__dirname, "../..");
/** The oldest peers the package supports (package.json peerDependencies lower bounds). */
export const OLDEST_PEERS = { cdktf: "0.21.0", constructs: "10.4.2", "@cdktf/provider-aws": "20.1.0" } as const;

function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

function timed<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e9];
}

function duBytes(path: string): number {
  return Number(execFileSync("du", ["-sb", path], { encoding: "utf8" }).split("\t")[0]);
}

/** Median wall time (ms) and peak RSS (MiB) of `node -e <code>` in `cwd`, over `runs` fresh processes. */
function importCost(cwd: string, code: string, runs = 5): { ms: number; rssMiB: number } {
  const samples = Array.from({ length: runs }, () => {
    const script =
      `const t=process.hrtime.bigint();${code};` +
      "const ms=Number(process.hrtime.bigint()-t)/1e6;" +
      "process.stdout.write(JSON.stringify({ms,rss:process.resourceUsage().maxRSS/1024}))";
    return JSON.parse(run(process.execPath, ["-e", script], cwd)) as { ms: number; rss: number };
  });
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { ms: Math.round(median(samples.map((s) => s.ms))), rssMiB: Math.round(median(samples.map((s) => s.rss))) };
}

/** The first TypeScript block of the README's "As a library" section. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### As a library"));
  const block = /```ts\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error('README.md: no ```ts block under "### As a library"');
  return `${block[1]}\n`;
}

function main(): void {
  const keep = process.argv.includes("--keep");
  const i = process.argv.indexOf("--constructs");
  const constructsVersion = i > 0 ? process.argv[i + 1]! : OLDEST_PEERS.constructs;
  const work = mkdtempSync(join(tmpdir(), "plataforma-consumer-"));
  const figures: Record<string, unknown> = { work, peers: { ...OLDEST_PEERS, constructs: constructsVersion } };
  try {
    const [packOut, packSeconds] = timed(() =>
      run("npm", ["pack", "--json", "--pack-destination", work], ROOT, {
        ...process.env,
        npm_config_loglevel: "error",
      }),
    );
    const packed = (JSON.parse(packOut) as { filename: string; files: { path: string }[] }[])[0]!;
    const tarball = join(work, packed.filename);
    Object.assign(figures, {
      packSeconds,
      tarballBytes: statSync(tarball).size,
      tarballFiles: packed.files.map((f) => f.path),
    });

    const project = join(work, "project");
    cpSync(join(__dirname, "project"), project, { recursive: true });
    const pkg = {
      name: "consumer",
      private: true,
      dependencies: {
        "@plataforma/infra": `file:${tarball}`,
        cdktf: OLDEST_PEERS.cdktf,
        constructs: constructsVersion,
        "@cdktf/provider-aws": OLDEST_PEERS["@cdktf/provider-aws"],
      },
    };
    writeFileSync(join(project, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
    const [, installSeconds] = timed(() =>
      run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], project),
    );
    const modules = join(project, "node_modules");
    const scoped = readdirSync(join(modules, "@cdktf"));
    Object.assign(figures, {
      installSeconds,
      installBytes: duBytes(modules),
      installedCdktfScope: scoped,
      nestedConstructs: readdirSync(join(modules, "@plataforma/infra")).includes("node_modules"),
      installedConstructs: (
        JSON.parse(readFileSync(join(modules, "constructs", "package.json"), "utf8")) as {
          version: string;
        }
      ).version,
    });

    // The README's "As a library" example, exactly as written, compiled and run with the stacks.
    writeFileSync(join(project, "readme-example.ts"), readmeExample());
    const tsconfigPath = join(project, "tsconfig.json");
    const tsconfig = JSON.parse(readFileSync(tsconfigPath, "utf8")) as { files: string[] };
    writeFileSync(tsconfigPath, JSON.stringify({ ...tsconfig, files: [...tsconfig.files, "readme-example.ts"] }));
    const tsc = join(ROOT, "node_modules", ".bin", "tsc");
    const [, typecheckSeconds] = timed(() => run(tsc, ["-p", "tsconfig.json"], project));
    run(process.execPath, [join(project, "out", "readme-example.js")], project, {
      ...process.env,
      CHECKPOINT_DISABLE: "1",
    });
    figures.readmeExample = "ran: synthesized and passed the gate";
    const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
    const variants = {
      ts: [join(project, "out", "stack.js")],
      cjs: [join(project, "stack.cjs")],
      esm: [join(project, "stack.mjs")],
    };
    const synth: Record<string, { seconds: number; gate: string }> = {};
    for (const [variant, [file]] of Object.entries(variants)) {
      const [out, seconds] = timed(() => run(process.execPath, [file!, join(project, `out-${variant}`)], project, env));
      synth[variant] = { seconds, gate: out.trim().split("\n").pop() ?? "" };
    }
    Object.assign(figures, { typecheckSeconds, synth });

    const mirror = findProviderMirror();
    if (!mirror) throw new Error("no terraform provider mirror found. Fix: set TF_PLUGIN_MIRROR");
    const cliConfig = writeCliConfig(join(work, "tf"), mirror);
    const tfEnv = { ...env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: "1" };
    const validate: Record<string, string> = {};
    const [, validateSeconds] = timed(() => {
      for (const variant of Object.keys(variants)) {
        const dir = join(project, `out-${variant}`, "stacks", `consumer-${variant}`);
        run("terraform", ["init", "-input=false", "-backend=false"], dir, tfEnv);
        validate[variant] = run("terraform", ["validate", "-no-color"], dir, tfEnv).trim();
      }
    });
    Object.assign(figures, { validate, validateSeconds });

    // The project has no optional peer installed: each domain built on them must say so by name.
    const optionalDomains = Object.fromEntries(
      ["cloudflare", "workloads"].map((domain) => {
        const script =
          `try { require("@plataforma/infra/constructs/${domain}"); process.stdout.write("{}"); } catch (e) ` +
          "{ process.stdout.write(JSON.stringify({ name: e.name, message: e.message })); }";
        return [domain, JSON.parse(run(process.execPath, ["-e", script], project)) as Record<string, string>];
      }),
    );
    Object.assign(figures, { optionalDomains });

    const probe = "require('@plataforma/infra/constructs/network')";
    Object.assign(figures, {
      importOneDomain: importCost(project, probe),
      importAllDomains: importCost(project, "require('@plataforma/infra/constructs')"),
      importPolicies: importCost(project, "require('@plataforma/infra/policies')"),
    });
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

if (require.main === module) main();
