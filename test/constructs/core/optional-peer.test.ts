import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import {
  loadOptionalPeers,
  MissingPeerDependencyError,
  OPTIONAL_PEER_DOMAINS,
  OPTIONAL_PEERS,
  PACKAGE_NAME,
} from "../../../constructs/core/optional-peer";
import { CockroachDbCluster } from "../../../constructs/database/cockroachdb-cluster";
import { KubePrometheusStack } from "../../../constructs/monitoring/kube-prometheus-stack";

const root = join(__dirname, "../../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

class NeedsPeers extends Construct {}

/** What a resolver throws for a module that is not installed (Node and jest word it alike). */
const notFound = (id: string) => () => {
  throw new Error(`Cannot find module '${id}' from 'somewhere.js'`);
};

const HELM = `@cdktf/provider-helm@"${OPTIONAL_PEERS["@cdktf/provider-helm"]}"`;
const KUBERNETES = `@cdktf/provider-kubernetes@"${OPTIONAL_PEERS["@cdktf/provider-kubernetes"]}"`;

describe("the optional peers table", () => {
  it("states the ranges of package.json, for exactly its optional peers, under the package's own name", () => {
    const optional = Object.keys(pkg.peerDependenciesMeta).filter((k) => pkg.peerDependenciesMeta[k]?.optional);
    expect(Object.keys(OPTIONAL_PEERS).sort()).toEqual(optional.sort());
    for (const [name, range] of Object.entries(OPTIONAL_PEERS)) expect(range).toBe(pkg.peerDependencies[name]);
    expect(PACKAGE_NAME).toBe(pkg.name);
  });
});

describe("loadOptionalPeers", () => {
  const scope = new NeedsPeers(Testing.app(), "needs-peers");

  it("returns what each loader loaded, by key, when the peers are installed", () => {
    const loaded = loadOptionalPeers(scope, {
      Release: { packageName: "@cdktf/provider-helm", load: () => require("@cdktf/provider-helm/lib/release").Release },
      answer: { packageName: "@cdktf/provider-kubernetes", load: () => 42 },
    });
    expect(typeof loaded.Release).toBe("function");
    expect(loaded.answer).toBe(42);
  });

  it("names the construct, the package, its range and the install command when one peer is missing", () => {
    const load = () =>
      loadOptionalPeers(scope, {
        release: { packageName: "@cdktf/provider-helm", load: notFound("@cdktf/provider-helm/lib/release") },
        answer: { packageName: "@cdktf/provider-kubernetes", load: () => 42 },
      });
    expect(load).toThrow(
      new MissingPeerDependencyError("needs-peers", "NeedsPeers", [
        { packageName: "@cdktf/provider-helm", range: OPTIONAL_PEERS["@cdktf/provider-helm"] },
      ]),
    );
    expect(load).toThrow(
      `needs-peers: NeedsPeers needs the optional peer dependency @cdktf/provider-helm (^12.1.2), ` +
        `which is not installed. Fix: npm install ${HELM}`,
    );
  });

  it("names every missing peer in one error, in the loaders' order, with one install command", () => {
    let error: unknown;
    try {
      loadOptionalPeers(scope, {
        a: { packageName: "@cdktf/provider-kubernetes", load: notFound("@cdktf/provider-kubernetes/lib/a") },
        b: { packageName: "@cdktf/provider-helm", load: notFound("@cdktf/provider-helm") },
        c: { packageName: "@cdktf/provider-kubernetes", load: notFound("@cdktf/provider-kubernetes/lib/c") },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingPeerDependencyError);
    expect((error as MissingPeerDependencyError).missing.map((p) => p.packageName)).toEqual([
      "@cdktf/provider-kubernetes",
      "@cdktf/provider-helm",
    ]);
    expect((error as Error).message).toBe(
      "needs-peers: NeedsPeers needs the optional peer dependencies @cdktf/provider-kubernetes (^12.1.1) and " +
        `@cdktf/provider-helm (^12.1.2), which are not installed. Fix: npm install ${KUBERNETES} ${HELM}`,
    );
  });

  it("rethrows other errors unchanged, including a missing module that is not the peer itself", () => {
    const boom = new Error("boom");
    const load = (fail: () => never) => () =>
      loadOptionalPeers(scope, { x: { packageName: "@cdktf/provider-helm", load: fail } });
    expect(
      load(() => {
        throw boom;
      }),
    ).toThrow(boom);
    expect(load(notFound("cdktf"))).toThrow("Cannot find module 'cdktf'");
    expect(load(notFound("@cdktf/provider-helm-extra"))).toThrow("Cannot find module '@cdktf/provider-helm-extra'");
  });
});

describe("constructs needing helm and kubernetes, when both are missing", () => {
  beforeEach(() => {
    jest.doMock("@cdktf/provider-helm/lib/release", notFound("@cdktf/provider-helm/lib/release"));
    for (const file of ["storage-class-v1", "config-map-v1"]) {
      jest.doMock(`@cdktf/provider-kubernetes/lib/${file}`, notFound(`@cdktf/provider-kubernetes/lib/${file}`));
    }
  });
  afterEach(() => jest.resetModules());
  const both = (path: string, type: string) =>
    `${path}: ${type} needs the optional peer dependencies @cdktf/provider-kubernetes (^12.1.1) and ` +
    `@cdktf/provider-helm (^12.1.2), which are not installed. Fix: npm install ${KUBERNETES} ${HELM}`;
  const helmFirst = (path: string, type: string) =>
    `${path}: ${type} needs the optional peer dependencies @cdktf/provider-helm (^12.1.2) and ` +
    `@cdktf/provider-kubernetes (^12.1.1), which are not installed. Fix: npm install ${HELM} ${KUBERNETES}`;
  const stack = () => new TerraformStack(Testing.app(), "s");

  it("CockroachDbCluster names both in one error", () => {
    const build = () =>
      new CockroachDbCluster(stack(), "cockroachdb", {
        region: "sa-east-1",
        regions: ["sa-east-1", "us-east-1", "eu-west-1"],
        allowedRegions: ["sa-east-1", "us-east-1", "eu-west-1"],
        survivalGoal: "region",
        clusterName: "orders-production",
        volumeKmsKeyArn: "arn:aws:kms:sa-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        backupBucketName: "orders-production-cockroach-backups",
        backupRoleArn: "arn:aws:iam::123456789012:role/orders-production-sa-east-1-cockroach-backup",
      });
    expect(build).toThrow(new Error(both("s/cockroachdb", "CockroachDbCluster")));
  });

  it("KubePrometheusStack names both in one error", () => {
    const build = () =>
      new KubePrometheusStack(stack(), "monitoring", {
        modules: [],
        coreNamespaces: [],
        region: "sa-east-1",
        topicArns: { warning: "arn:aws:sns:sa-east-1:1:w", critical: "arn:aws:sns:sa-east-1:1:c" },
        identity: { roleName: "r", oidcProviderArn: "arn:aws:iam::1:oidc-provider/x", oidcIssuer: "x" },
      });
    expect(build).toThrow(new Error(helmFirst("s/monitoring", "KubePrometheusStack")));
  });
});

/**
 * Runs `script` in a fresh Node (tsx) from the repository root with the given packages made
 * unresolvable, as in a project that never installed them, and returns what it printed.
 */
function withoutPackages(missing: readonly string[], script: string): string {
  const hook = [
    'const Module = require("node:module");',
    `const missing = ${JSON.stringify(missing)};`,
    "const resolve = Module._resolveFilename;",
    "Module._resolveFilename = function (request, ...rest) {",
    '  if (missing.some((m) => request === m || request.startsWith(m + "/"))) {',
    "    const error = new Error(`Cannot find module '${request}'`);",
    '    error.code = "MODULE_NOT_FOUND";',
    "    throw error;",
    "  }",
    "  return resolve.call(this, request, ...rest);",
    "};",
  ].join("\n");
  return execFileSync(process.execPath, ["--import", "tsx", "-e", `${hook}\n${script}`], {
    cwd: root,
    encoding: "utf8",
  });
}

/** The error (name and message) importing a domain's entry point throws, or "loaded". */
const importing = (domain: string) =>
  `try { require("./constructs/${domain}/index.ts"); process.stdout.write("loaded"); } catch (e) ` +
  "{ process.stdout.write(JSON.stringify({ name: e.name, message: e.message })); }";

describe("the entry points of the domains built on optional peers", () => {
  it("say which peer is missing, its range and the install command, instead of a raw module error", () => {
    const cloudflare = JSON.parse(withoutPackages(["@cdktf/provider-cloudflare"], importing("cloudflare")));
    expect(cloudflare).toEqual({
      name: "MissingPeerDependencyError",
      message:
        `${PACKAGE_NAME}/constructs/cloudflare: the cloudflare domain needs the optional peer dependency ` +
        `@cdktf/provider-cloudflare (^13.9.1), which is not installed. ` +
        `Fix: npm install @cdktf/provider-cloudflare@"^13.9.1"`,
    });
  });

  it("name every missing peer of the domain in one error, and only the missing ones", () => {
    const peers = [...OPTIONAL_PEER_DOMAINS.workloads];
    const both = JSON.parse(withoutPackages(peers, importing("workloads")));
    expect(both.message).toBe(
      `${PACKAGE_NAME}/constructs/workloads: the workloads domain needs the optional peer dependencies ` +
        "@cdktf/provider-kubernetes (^12.1.1) and @cdktf/provider-helm (^12.1.2), which are not installed. " +
        `Fix: npm install ${KUBERNETES} ${HELM}`,
    );
    const helmOnly = JSON.parse(withoutPackages(["@cdktf/provider-helm"], importing("workloads")));
    expect(helmOnly.message).toContain(`dependency @cdktf/provider-helm (^12.1.2), which is not installed`);
    expect(helmOnly.message).not.toContain("kubernetes");
  });

  it("load nothing extra when the peers are installed: the check only resolves their paths", () => {
    const script = [
      'const { requireDomainPeers } = require("./constructs/core/optional-peer.ts");',
      "const before = new Set(Object.keys(require.cache));",
      'requireDomainPeers("cloudflare");',
      'requireDomainPeers("workloads");',
      "const added = Object.keys(require.cache).filter((p) => !before.has(p));",
      `require("./constructs/cloudflare/index.ts");`,
      "process.stdout.write(JSON.stringify(added));",
    ].join("\n");
    expect(JSON.parse(withoutPackages([], script))).toEqual([]);
    expect(withoutPackages([], importing("workloads"))).toBe("loaded");
  });
});
