import { loadEnvironment, parseEnvironment } from "../../environments";
import { NETWORK_OUTPUTS, networkPlaceholders } from "../../stacks/network-outputs";
import { modeFromEnvironment } from "../../stacks/settings";
import { buildStacks, cloneInput, valuesOf } from "../helpers";

/** A config input without suppressions scoped to its own bootstrap stack (it moves account here). */
function withoutBootstrapSuppressions(input: ReturnType<typeof cloneInput>): ReturnType<typeof cloneInput> {
  const policies = input.policies;
  if (!policies?.suppressions) return input;
  const suppressions = policies.suppressions.filter((x) => !x.stack?.startsWith("bootstrap-"));
  return { ...input, policies: { ...policies, suppressions } };
}

describe("buildApp", () => {
  const all = buildStacks(["dev", "staging", "production"]);

  it("names stacks <env>-<region>-<layer> plus one bootstrap stack per account", () => {
    expect(all.stacks.map((s) => s.node.id).sort()).toEqual(
      [
        "bootstrap-plataforma-dev",
        "bootstrap-plataforma-production",
        "bootstrap-plataforma-staging",
        "dev-global-edge",
        "dev-sa-east-1-cluster",
        "dev-sa-east-1-data",
        "dev-sa-east-1-network",
        "dev-sa-east-1-platform",
        "production-eu-west-1-cluster",
        "production-eu-west-1-network",
        "production-eu-west-1-platform",
        "production-global-cloudflare",
        "production-global-edge",
        "production-global-network",
        "production-sa-east-1-cluster",
        "production-sa-east-1-data",
        "production-sa-east-1-network",
        "production-sa-east-1-platform",
        "production-us-east-1-cluster",
        "production-us-east-1-data",
        "production-us-east-1-network",
        "production-us-east-1-platform",
        "staging-global-edge",
        "staging-global-network",
        "staging-sa-east-1-cluster",
        "staging-sa-east-1-data",
        "staging-sa-east-1-network",
        "staging-sa-east-1-platform",
        "staging-us-east-1-cluster",
        "staging-us-east-1-data",
        "staging-us-east-1-network",
        "staging-us-east-1-platform",
      ].sort(),
    );
  });

  it("offline: local backend, dummy credentials and every skip flag", () => {
    const json = all.json("dev-sa-east-1-network");
    // State lives beside cdktf.out, not in it: re-synthesizing replaces cdktf.out.
    expect(json.terraform.backend).toEqual({
      local: { path: "../../../terraform-state/dev-sa-east-1-network.tfstate" },
    });
    expect(json.provider?.aws[0]).toMatchObject({
      region: "sa-east-1",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: "true",
    });
    expect(json.provider?.aws[0].allowed_account_ids).toBeUndefined();
    expect(json.data).toBeUndefined();
  });

  it(
    "online: S3 backend in the account's state bucket with use_lockfile, encryption and KMS; " +
      "provider pinned to the account",
    () => {
      const json = buildStacks(["production"], "online").json("production-us-east-1-network");
      expect(json.terraform.backend).toEqual({
        s3: {
          bucket: "plataforma-tfstate-333333333333",
          key: "production/production-us-east-1-network.tfstate",
          region: "sa-east-1",
          encrypt: true,
          kms_key_id: "alias/plataforma-tfstate-333333333333",
          use_lockfile: true,
        },
      });
      expect(json.provider?.aws[0]).toMatchObject({ region: "us-east-1", allowed_account_ids: ["333333333333"] });
      expect(json.provider?.aws[0].access_key).toBeUndefined();
    },
  );

  it("tags everything with Environment, Team, CostCenter, Service and Project by default", () => {
    const tags = (
      all.json("staging-us-east-1-network").provider!.aws[0].default_tags as { tags: Record<string, string> }[]
    )[0].tags;
    expect(tags).toMatchObject({
      Environment: "staging",
      Team: "platform",
      CostCenter: "CC-PLAT-STG",
      Service: "network",
      Project: "plataforma",
      ManagedBy: "cdktf",
    });
  });

  it("network stacks export the output contract", () => {
    const outputs = all.json("production-sa-east-1-network").output ?? {};
    expect(Object.keys(outputs).sort()).toEqual(Object.values(NETWORK_OUTPUTS).sort());
    expect(Object.values(outputs).every((o) => typeof o.description === "string" && o.description.length > 0)).toBe(
      true,
    );
  });

  it("production regions each get a NAT gateway per zone; staging a single one", () => {
    expect(valuesOf(all.json("production-eu-west-1-network"), "aws_nat_gateway")).toHaveLength(3);
    expect(valuesOf(all.json("staging-us-east-1-network"), "aws_nat_gateway")).toHaveLength(1);
  });

  it(
    "bootstrap: versioned, KMS-encrypted, non-public, TLS-only state bucket that refuses destroy, " +
      "and the monthly budget",
    () => {
      const json = all.json("bootstrap-plataforma-production");
      expect(json.terraform.backend).toHaveProperty("local");
      // The state survives its region: a replica like it in the DR region.
      expect(valuesOf(json, "aws_s3_bucket")).toEqual([
        expect.objectContaining({ bucket: "plataforma-production-audit-333333333333" }),
        expect.objectContaining({ bucket: "plataforma-tfstate-333333333333", lifecycle: { prevent_destroy: true } }),
        expect.objectContaining({
          bucket: "plataforma-tfstate-333333333333-replica",
          lifecycle: { prevent_destroy: true },
          provider: "aws.us-east-1",
        }),
      ]);
      const [replication] = valuesOf(json, "aws_s3_bucket_replication_configuration");
      expect(replication.rule).toEqual([
        expect.objectContaining({ delete_marker_replication: { status: "Enabled" }, status: "Enabled" }),
      ]);
      expect(valuesOf(all.json("bootstrap-plataforma-dev"), "aws_s3_bucket_replication_configuration")).toEqual([]);
      expect(valuesOf(json, "aws_s3_bucket_versioning")[0]).toMatchObject({
        versioning_configuration: { status: "Enabled" },
      });
      expect(valuesOf(json, "aws_s3_bucket_public_access_block")[0]).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      const sse = valuesOf(json, "aws_s3_bucket_server_side_encryption_configuration")[0] as {
        rule: { apply_server_side_encryption_by_default: { sse_algorithm: string } }[];
      };
      expect(sse.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("aws:kms");
      const policy = JSON.parse(String(valuesOf(json, "aws_s3_bucket_policy")[0].policy));
      expect(policy.Statement[0]).toMatchObject({
        Effect: "Deny",
        Condition: { Bool: { "aws:SecureTransport": false } },
      });
      const [budget] = valuesOf(json, "aws_budgets_budget") as {
        limit_amount: string;
        notification: { threshold: number; notification_type: string }[];
        cost_filter: unknown;
      }[];
      expect(budget.limit_amount).toBe("2000.00");
      expect(budget.notification.map((n) => `${n.notification_type}:${n.threshold}`)).toEqual([
        "ACTUAL:80",
        "ACTUAL:100",
        "FORECASTED:100",
      ]);
      expect(budget.cost_filter).toEqual([{ name: "TagKeyValue", values: ["user:Environment$production"] }]);
    },
  );

  it("environments sharing an account share one bootstrap stack with a budget each", () => {
    const shared = parseEnvironment({
      ...withoutBootstrapSuppressions(cloneInput("staging")),
      account: { id: "111111111111", name: "plataforma-dev" },
      // A staging estate in the dev-named account is a reviewed exception to the tier binding.
      tierException: { reason: "staging rehearses in the dev account until its own is vended" },
    });
    const built = buildStacks([loadEnvironment("dev"), shared]);
    const bootstraps = built.stacks.filter((s) => s.node.id.startsWith("bootstrap-"));
    expect(bootstraps.map((s) => s.node.id)).toEqual(["bootstrap-plataforma-dev"]);
    expect(valuesOf(built.json("bootstrap-plataforma-dev"), "aws_budgets_budget")).toHaveLength(2);
  });

  it("fails when two accounts claim one account name, or two environments one name", () => {
    const clash = parseEnvironment({
      ...withoutBootstrapSuppressions(cloneInput("staging")),
      account: { id: "999999999999", name: "plataforma-dev" },
      // A staging estate in the dev-named account is a reviewed exception to the tier binding.
      tierException: { reason: "staging rehearses in the dev account until its own is vended" },
    });
    const dev = loadEnvironment("dev");
    const message = /account name "plataforma-dev" is used by accounts 111111111111 and 999999999999/;
    expect(() => buildStacks([dev, clash])).toThrow(message);
    expect(() => buildStacks([dev, dev])).toThrow(/two environments are named "dev"/);
  });

  it("fails when a renamed copy of an environment keeps its domain and host names", () => {
    const input = withoutBootstrapSuppressions(cloneInput("staging"));
    const copy = parseEnvironment({
      ...input,
      name: "stage2",
      account: { id: "444444444444", name: "plataforma-stage2" },
      policies: { suppressions: input.policies!.suppressions!.map(({ stack: _, ...s }) => s) },
    });
    let problems: readonly { path: string; message: string }[] = [];
    try {
      buildStacks([loadEnvironment("staging"), copy]);
    } catch (error) {
      problems = (error as { problems: { path: string; message: string }[] }).problems;
    }
    expect(problems.map((p) => p.path)).toEqual([
      "domain",
      "edge.cloudfront.hostname",
      "edge.regions.sa-east-1.ingressHostname",
      "edge.regions.us-east-1.ingressHostname",
    ]);
    expect(problems[1]!.message).toBe(
      'environment "stage2" uses modules.staging.plataforma.app, which environment "staging" already uses ' +
        "(edge.cloudfront.hostname). Fix: give stage2 its own names (its own domain and host names under it)",
    );
  });
});

describe("networkPlaceholders", () => {
  it("gives one id-shaped placeholder per zone for list outputs", () => {
    const p = networkPlaceholders(loadEnvironment("dev").regions["sa-east-1"]);
    expect(p[NETWORK_OUTPUTS.vpcId]).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(p[NETWORK_OUTPUTS.privateSubnetIds]).toHaveLength(3);
    expect(
      new Set([
        ...p[NETWORK_OUTPUTS.privateSubnetIds],
        ...p[NETWORK_OUTPUTS.publicSubnetIds],
        ...p[NETWORK_OUTPUTS.databaseSubnetIds],
      ]).size,
    ).toBe(9);
  });
});

describe("modeFromEnvironment", () => {
  it("is offline with no credentials, online with any, and obeys PLATAFORMA_MODE", () => {
    expect(modeFromEnvironment({})).toBe("offline");
    expect(modeFromEnvironment({ AWS_CA_BUNDLE: "/etc/ssl/ca.pem" })).toBe("offline");
    expect(modeFromEnvironment({ AWS_PROFILE: "prod" })).toBe("online");
    expect(modeFromEnvironment({ AWS_ACCESS_KEY_ID: "AKIA", PLATAFORMA_MODE: "offline" })).toBe("offline");
    expect(() => modeFromEnvironment({ PLATAFORMA_MODE: "cloud" })).toThrow(/must be "offline" or "online"/);
  });
});
