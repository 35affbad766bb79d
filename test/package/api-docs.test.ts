/**
 * The API reference (`npm run docs`) is generated from the TSDoc; every public construct
 * carries an `@example`. Constructs written before the package existed are listed below
 * until theirs is written: the list may only shrink, and a new construct cannot join it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { apiEntries, renderPage } from "../../scripts/docs";

const root = join(__dirname, "../..");

/** Constructs still without an `@example` (issue 14 follow-up). Remove a name when you add its example. */
const WITHOUT_EXAMPLE_YET = new Set([
  ...["AuroraPostgres", "CloudFrontLogBucket", "CockroachBackupAccess", "CockroachDbCluster", "CrossRegionBackups"],
  ...["DataBucket", "DnsValidatedCertificate", "EdgeWebAcl", "EksCluster", "EncryptionKey", "EnhancedMonitoringRole"],
  ...["HelmAddon", "InterfaceEndpoints", "IrsaRole", "ManagedNodeGroup", "ModuleCacheRules", "ModuleDistribution"],
  ...["ModuleNetworkPolicies", "ModuleWorkload", "MonthlyBudget", "PlatformAddons", "ProxiedRecords", "PublicZone"],
  ...["RdsPostgres", "RedisCache", "RegionPeering", "RegionalApiRecords", "RegionalLoadBalancer"],
  ...["S3AccessLogBucket", "SecurityRules", "ServiceSecurityGroup", "StateBucket", "VpcFlowLogs", "ZoneBaseline"],
  "ZoneDelegation",
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : [],
  );
}

const constructClasses = sources(join(root, "constructs"))
  .flatMap((f) => apiEntries(readFileSync(f, "utf8"), f))
  .filter((e) => e.kind === "class" && !e.name.endsWith("Error"));

describe("API reference", () => {
  it("finds the construct classes with their TSDoc", () => {
    expect(constructClasses.map((c) => c.name)).toEqual(expect.arrayContaining(["RegionalNetwork", "RedisCache"]));
    expect(constructClasses.every((c) => c.doc.length > 0)).toBe(true);
  });

  it("every public construct has an @example, except the shrinking list of older ones", () => {
    const missing = constructClasses.filter((c) => !c.doc.includes("@example")).map((c) => c.name);
    expect(missing.filter((name) => !WITHOUT_EXAMPLE_YET.has(name))).toEqual([]);
    // A name that now has an example (or no longer exists) leaves the list.
    expect([...WITHOUT_EXAMPLE_YET].filter((name) => !missing.includes(name))).toEqual([]);
  });

  it("renders a page per entry point with a contents list and each export's documentation", () => {
    const page = renderPage("@plataforma/infra/constructs/x", [
      { name: "B", kind: "class", doc: 'The B.\n\n@example\nnew B(stack, "b");', file: "constructs/x/b.d.ts" },
      { name: "A", kind: "const", doc: "", file: "constructs/x/a.d.ts" },
    ]);
    expect(page).toBe(
      "# @plataforma/infra/constructs/x\n\n- [`A`](#a) (const)\n- [`B`](#b) (class)\n\n" +
        "### A\n\n*const*, `constructs/x/a.d.ts`\n\n(undocumented)\n\n" +
        '### B\n\n*class*, `constructs/x/b.d.ts`\n\nThe B.\n\n@example\nnew B(stack, "b");\n',
    );
  });
});
