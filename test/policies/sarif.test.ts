import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { evaluate } from "../../policies/engine";
import { ALL_PACKS } from "../../policies/packs/all";
import { SECURITY_PACK } from "../../policies/packs/security";
import { formatSarif, toSarif } from "../../policies/sarif";
import { sarifLocator, stackSourceFile } from "../../scripts/lib/sarif-locations";
import { INSECURE_STACK, synthInsecureApp } from "./fixtures/insecure-app";
import { PROD, tfStack } from "./helpers";

/** The OASIS SARIF 2.1.0 schema (draft-04), as shipped by @microsoft/jest-sarif (MIT): available offline. */
const SCHEMA = JSON.parse(
  readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
) as Record<string, unknown>;
// The schema's language-tag pattern is not valid with the u flag; the schema predates it.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const root = resolve(__dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "policy-sarif-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("SARIF output", () => {
  const weak = {
    name: "production-sa-east-1-data",
    json: tfStack([
      ["aws_kms_key", "a", { "//": { metadata: { path: "production-sa-east-1-data/key-a/key" } } }],
      ["aws_kms_key", "b", { policy: JSON.stringify({ Statement: [] }) }],
    ]),
    context: PROD,
  };
  const report = evaluate([weak], {
    packs: [SECURITY_PACK],
    today: "2026-11-23",
    suppressions: [
      { ruleId: "SEC-KMS-ROTATION", resource: "aws_kms_key.b", reason: "rotated by the HSM team", source: "config" },
      { ruleId: "SEC-KMS-ROTATION", resource: "aws_kms_key.gone", reason: "a stale suppression", source: "config" },
    ],
  });
  const log = toSarif(report, {
    packs: [SECURITY_PACK],
    toolVersion: "0.1.0",
    locate: (f) => [{ uri: "stacks/data-stack.ts", line: 12, description: `source of ${f.address}` }],
  });
  const run = (log.runs as Record<string, unknown>[])[0] as {
    tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } };
    results: Record<string, unknown>[];
  };

  it("validates against the SARIF 2.1.0 schema", () => {
    expectValid(log);
    expect(log.version).toBe("2.1.0");
  });

  it("the validator refuses a log that breaks the schema (so the check above means something)", () => {
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { level: string }[] }[] };
    broken.runs[0].results[0].level = "fatal";
    expect(validate(broken)).toBe(false);
    expect(validate({ ...log, version: "2.0.0" })).toBe(false);
  });

  it("describes every rule of the packs, and the engine's own rules that fired", () => {
    const ids = run.tool.driver.rules.map((r) => r.id);
    for (const rule of SECURITY_PACK.rules) expect(ids).toContain(rule.id);
    expect(ids).toContain("POLICY-SUPPRESSION-UNUSED");
  });

  it("locates results at the construct path and the file the caller names", () => {
    const rotation = run.results.find(
      (r) => r.ruleId === "SEC-KMS-ROTATION" && (r.properties as { address: string }).address === "aws_kms_key.a",
    );
    expect(rotation).toMatchObject({
      level: "error",
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: "stacks/data-stack.ts" }, region: { startLine: 12 } },
          logicalLocations: [{ fullyQualifiedName: "production-sa-east-1-data/key-a/key", name: "aws_kms_key.a" }],
        },
      ],
    });
    const index = rotation?.ruleIndex as number;
    expect(run.tool.driver.rules[index].id).toBe("SEC-KMS-ROTATION");
  });

  it("carries suppressed findings with their justification", () => {
    const suppressed = run.results.find((r) => r.suppressions !== undefined);
    expect(suppressed).toMatchObject({
      ruleId: "SEC-KMS-ROTATION",
      suppressions: [{ kind: "external", justification: "rotated by the HSM team (config)" }],
    });
  });

  it("falls back to the stack and address when no construct path or file is known", () => {
    const text = formatSarif(report, { packs: [SECURITY_PACK] });
    const parsed = JSON.parse(text) as { runs: { results: { locations: Record<string, unknown>[] }[] }[] };
    expectValid(parsed);
    const first = parsed.runs[0].results.find((r) => JSON.stringify(r).includes("aws_kms_key.b"));
    expect(first?.locations[0].physicalLocation).toBeUndefined();
  });
});

describe("npm run policy -- --format sarif", () => {
  it("writes reports/policy.sarif that validates and points at the stack source and synthesized file", () => {
    const outdir = join(work, "insecure");
    const reports = join(work, "reports");
    synthInsecureApp(outdir);
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/policy.ts", "--outdir", outdir, "--out", reports, "--format", "sarif"],
      { cwd: root, encoding: "utf8", env: { ...process.env, POLICY_TODAY: "2026-11-23" } },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(join(reports, "policy.sarif"));
    const log = JSON.parse(readFileSync(join(reports, "policy.sarif"), "utf8")) as {
      runs: { tool: { driver: { rules: unknown[] } }; results: Record<string, unknown>[] }[];
    };
    expectValid(log);
    expect(log.runs[0].tool.driver.rules).toHaveLength(ALL_PACKS.flatMap((p) => p.rules).length);
    const result0 = log.runs[0].results[0] as {
      locations: { logicalLocations: { fullyQualifiedName: string }[] }[];
      relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[];
    };
    expect(result0.locations[0].logicalLocations[0].fullyQualifiedName.startsWith(`${INSECURE_STACK}/`)).toBe(true);
    expect(JSON.stringify(log.runs[0].results)).toContain("cdk.tf.json");
  });

  it("refuses an unknown format with the fix", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/policy.ts", "--format", "xml"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Fix: use --format table or --format sarif");
  });
});

describe("SARIF file locations", () => {
  it("maps stacks to the class file that builds them", () => {
    expect(stackSourceFile("production-sa-east-1-data")).toBe("stacks/data-stack.ts");
    expect(stackSourceFile("staging-global-network")).toBe("stacks/global-network-stack.ts");
    expect(stackSourceFile("staging-sa-east-1-network")).toBe("stacks/network-stack.ts");
    expect(stackSourceFile("bootstrap-plataforma-dev")).toBe("stacks/bootstrap-stack.ts");
    expect(stackSourceFile("someone-elses-stack")).toBeUndefined();
  });

  it("points at the line naming the top-level construct, then the resource in the synthesized JSON", () => {
    const outdir = join(work, "located");
    const stackDir = join(outdir, "stacks", "dev-global-edge");
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(
      join(stackDir, "cdk.tf.json"),
      '{\n  "resource": {\n    "aws_s3_bucket": {\n      "access-logs_bucket_1": {\n      }\n    }\n  }\n}\n',
    );
    const locate = sarifLocator(root, outdir);
    const [source, synthesized] = locate({
      ruleId: "X",
      severity: "error",
      stack: "dev-global-edge",
      address: "aws_s3_bucket.access-logs_bucket_1",
      constructPath: "dev-global-edge/access-logs/bucket",
      title: "t",
      message: "m",
      why: "w",
      fix: "f",
      checkov: [],
      cdkNag: [],
      trivy: [],
      kubeLinter: [],
    });
    const edge = readFileSync(join(root, "stacks/edge-stack.ts"), "utf8").split("\n");
    expect(source.uri).toBe("stacks/edge-stack.ts");
    expect(edge[(source.line ?? 0) - 1]).toContain('"access-logs"');
    expect(synthesized).toMatchObject({ line: 4 });
    expect(synthesized.uri.endsWith("stacks/dev-global-edge/cdk.tf.json")).toBe(true);
  });
});
