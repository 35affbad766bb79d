/**
 * Runs the consumer test (test/consumer/run.ts) and checks what it measured: the tarball's
 * contents, an install with no nested constructs, and the TypeScript, CommonJS and ESM
 * stacks each synthesized, gated and validated by terraform. Twice: with the oldest peers
 * the ranges allow (constructs 10.4.2) and with issue 14's acceptance set (cdktf 0.21.0,
 * constructs 10.4.5, provider-aws 20.1.0).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

interface Figures {
  readonly tarballFiles: readonly string[];
  readonly installedCdktfScope: readonly string[];
  readonly nestedConstructs: boolean;
  readonly installedConstructs: string;
  readonly readmeExample: string;
  readonly synth: Record<string, { gate: string }>;
  readonly validate: Record<string, string>;
  readonly optionalDomains: Record<string, { name?: string; message?: string }>;
}

const peers = (
  JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as {
    peerDependencies: Record<string, string>;
  }
).peerDependencies;

describe.each([
  ["the oldest supported peers", "10.4.2"],
  ["the acceptance's peers", "10.4.5"],
])("the package from a consumer's project, with %s (constructs %s)", (_peers, constructsVersion) => {
  let figures: Figures;
  beforeAll(
    () => {
      const args = ["--import", "tsx", join(__dirname, "run.ts"), "--constructs", constructsVersion];
      const out = execFileSync(process.execPath, args, {
        cwd: join(__dirname, "../.."),
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      figures = JSON.parse(out.trim().split("\n").pop()!) as Figures;
    },
    20 * 60 * 1000,
  );

  it("packs declarations, the exports' targets and the license, and no tests, stacks or environments", () => {
    const files = figures.tarballFiles;
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "package.json", "dist/constructs/index.d.ts"]));
    expect(files).toEqual(expect.arrayContaining(["dist/constructs/network/index.js", "dist/policies/index.d.ts"]));
    // Karpenter's node pools ship as a local chart the construct finds beside its JavaScript.
    const chart = "dist/constructs/workloads/charts/karpenter-nodepools";
    expect(files).toEqual(expect.arrayContaining([`${chart}/Chart.yaml`, `${chart}/values.yaml`]));
    expect(files.filter((f) => /^(test|stacks|environments|scripts|\.ci)\//.test(f))).toEqual([]);
    expect(
      files.filter((f) => /^dist\/(environments|stacks)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts"))),
    ).toEqual([]);
  });

  it("installs with the AWS provider only and the consumer's own constructs (no nested copy)", () => {
    expect(figures.installedCdktfScope).toEqual(["provider-aws"]);
    expect(figures.nestedConstructs).toBe(false);
    expect(figures.installedConstructs).toBe(constructsVersion);
  });

  it("names the missing optional peers, their ranges and the install command when a domain needs them", () => {
    const install = (names: string[]) => names.map((n) => `${n}@"${peers[n]}"`).join(" ");
    const cloudflare = ["@cdktf/provider-cloudflare"];
    expect(figures.optionalDomains.cloudflare).toEqual({
      name: "MissingPeerDependencyError",
      message:
        "@plataforma/infra/constructs/cloudflare: the cloudflare domain needs the optional peer dependency " +
        `${cloudflare[0]} (${peers[cloudflare[0]!]}), which is not installed. Fix: npm install ${install(cloudflare)}`,
    });
    const workloads = ["@cdktf/provider-kubernetes", "@cdktf/provider-helm"];
    expect(figures.optionalDomains.workloads).toEqual({
      name: "MissingPeerDependencyError",
      message:
        "@plataforma/infra/constructs/workloads: the workloads domain needs the optional peer dependencies " +
        `${workloads.map((n) => `${n} (${peers[n]})`).join(" and ")}, which are not installed. ` +
        `Fix: npm install ${install(workloads)}`,
    });
  });

  it("compiles and runs the README's library example as written: it synthesizes and passes the gate", () => {
    expect(figures.readmeExample).toBe("ran: synthesized and passed the gate");
  });

  it("type-checks strictly, then synthesizes, gates and validates the TypeScript, CommonJS and ESM stacks", () => {
    for (const variant of ["ts", "cjs", "esm"]) {
      expect(figures.synth[variant]?.gate).toMatch(/^policy check: \d+ rules, 0 errors, 0 warning\(s\), 1 suppressed$/);
      expect(figures.validate[variant]).toBe("Success! The configuration is valid.");
    }
  });
});
