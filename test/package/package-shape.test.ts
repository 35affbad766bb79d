/**
 * The npm package's shape (README "As a library"): entry points, peer dependencies and what
 * the tarball may contain. The consumer test (test/consumer) installs the real tarball; these
 * checks are the fast half that runs with every unit run.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as library from "../../constructs";
import { OPTIONAL_PEER_DOMAINS } from "../../constructs";
import { exportTargets } from "../../scripts/build";

const root = join(__dirname, "../..");

interface PackageJson {
  readonly license: string;
  readonly sideEffects: boolean;
  readonly files: readonly string[];
  readonly exports: Record<string, unknown>;
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
  readonly peerDependenciesMeta: Record<string, { optional?: boolean }>;
  readonly scripts: Record<string, string>;
  readonly private?: boolean;
  readonly publishConfig?: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as PackageJson;
const domains = readdirSync(join(root, "constructs"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("package.json", () => {
  it("exports the construct library, one subpath per domain, and the policies", () => {
    expect(Object.keys(pkg.exports)).toEqual([".", "./constructs", "./constructs/*", "./policies", "./package.json"]);
    const targets = exportTargets(root);
    for (const domain of domains) {
      expect(targets).toContain(`./dist/constructs/${domain}/index.js`);
      expect(targets).toContain(`./dist/constructs/${domain}/index.d.ts`);
    }
    expect(targets).toContain("./dist/policies/index.js");
  });

  it("takes cdktf, constructs and the providers as peers with ranges the pinned dev versions satisfy", () => {
    const peers = ["@cdktf/provider-aws", "@cdktf/provider-cloudflare", "@cdktf/provider-helm"];
    for (const name of [...peers, "@cdktf/provider-kubernetes", "cdktf", "constructs"]) {
      expect(pkg.dependencies[name]).toBeUndefined();
      const range = pkg.peerDependencies[name];
      const dev = pkg.devDependencies[name];
      expect(range).toMatch(/^\^\d+\.\d+\.\d+$/);
      expect(dev).toMatch(/^\d+\.\d+\.\d+$/);
      // ^a.b.c admits dev when dev >= a.b.c with the same leading non-zero part.
      const [lo, v] = [range!.slice(1).split(".").map(Number), dev!.split(".").map(Number)];
      const lead = lo[0] === 0 ? 2 : 1;
      expect(v.slice(0, lead)).toEqual(lo.slice(0, lead));
      expect(v[0]! * 1e6 + v[1]! * 1e3 + v[2]!).toBeGreaterThanOrEqual(lo[0]! * 1e6 + lo[1]! * 1e3 + lo[2]!);
    }
    const optional = Object.keys(pkg.peerDependenciesMeta).filter((k) => pkg.peerDependenciesMeta[k]?.optional);
    expect(optional.sort()).toEqual([
      "@cdktf/provider-cloudflare",
      "@cdktf/provider-helm",
      "@cdktf/provider-kubernetes",
    ]);
  });

  it("ships only the build, has no side effects, a license and a build run by prepack", () => {
    expect(pkg.files.every((f) => f.startsWith("dist/") || f === "CHANGELOG.md")).toBe(true);
    expect(pkg.files.some((f) => /test|environments|stacks|scripts/.test(f))).toBe(false);
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.license).toBe("Apache-2.0");
    expect(readFileSync(join(root, "LICENSE"), "utf8")).toContain("Apache License");
    expect(pkg.scripts.prepack).toBe("npm run build");
  });

  it("can be published, to the organisation only: not private, restricted access", () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.publishConfig).toEqual({ access: "restricted" });
  });
});

describe("the constructs entry point", () => {
  it("holds every domain except those needing optional peers, which keep their own entry", () => {
    const optional = Object.keys(OPTIONAL_PEER_DOMAINS);
    const inRoot = Object.keys(library).filter((k) => k !== "OPTIONAL_PEER_DOMAINS");
    expect([...inRoot, ...optional].sort()).toEqual(domains);
  });

  it("loads no optional peer: an AWS-only project can require it", () => {
    const script = [
      'require("./constructs/index.ts");',
      "process.stdout.write(JSON.stringify(Object.keys(require.cache)));",
    ].join("\n");
    const out = execFileSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: root, encoding: "utf8" });
    const loaded = (JSON.parse(out) as string[]).map((p) => p.replace(/\\/g, "/"));
    expect(loaded.filter((p) => /node_modules\/@cdktf\/provider-(cloudflare|helm|kubernetes)\//.test(p))).toEqual([]);
    // The check above means something only if the AWS provider and the database domain loaded.
    expect(loaded.some((p) => /node_modules\/@cdktf\/provider-aws\//.test(p))).toBe(true);
    expect(loaded.some((p) => p.endsWith("constructs/database/cockroachdb-cluster.ts"))).toBe(true);
  });
});
