import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluate } from "../../policies/engine";
import { toStackView } from "../../policies/lib/stack";
import { ALL_PACKS } from "../../policies/packs/all";
import { planToStackJson } from "../../policies/plan";
import { preventDestroy } from "../../policies/rules/data-protection/prevent-destroy";
import { run } from "./helpers";

const dir = join(__dirname, "fixtures", "bootstrap-plataforma-dev");
const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as unknown;
const synth = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as unknown;
const context = {
  environment: "dev",
  project: "plataforma",
  tier: "development" as const,
  personalDataRegions: ["sa-east-1"],
  budgetStack: "bootstrap-plataforma-dev",
};

describe("planToStackJson (offline plan of bootstrap-plataforma-dev)", () => {
  const json = planToStackJson(plan, synth);
  const view = toStackView("bootstrap-plataforma-dev", json, context);

  it("keeps provider region and default tags, and tags_all", () => {
    expect(view.providers.aws[0]).toMatchObject({
      region: "sa-east-1",
      default_tags: [{ tags: expect.objectContaining({ Environment: "dev", CostCenter: "CC-PLAT-DEV" }) }],
    });
    const key = view.resources.find((r) => r.type === "aws_kms_key");
    expect(key?.values.tags_all).toMatchObject({ Environment: "dev", Service: "bootstrap" });
  });

  it("replaces values known only after apply with the configuration's references", () => {
    const sse = view.resources.find((r) => r.type === "aws_s3_bucket_server_side_encryption_configuration");
    expect(sse?.values.bucket).toMatch(/^\$\{aws_s3_bucket\.state_bucket_[A-Z0-9]+\.id\}$/);
    expect(JSON.stringify(sse?.values.rule)).toContain("${aws_kms_key.state_key_");
  });

  it("drops nulls and leaves computed attributes nobody configured absent", () => {
    const bucket = view.resources.find((r) => r.type === "aws_s3_bucket");
    expect(bucket?.values.policy).toBeUndefined();
    expect(Object.values(bucket?.values ?? {})).not.toContain(null);
  });

  it("carries lifecycle and construct suppressions over from cdk.tf.json", () => {
    expect(run(preventDestroy, json, context)).toEqual([]);
    expect(
      run(preventDestroy, planToStackJson(plan), context)
        .map((v) => v.address)
        .sort(),
    ).toEqual(
      view.resources
        .filter((r) => ["aws_s3_bucket", "aws_kms_key"].includes(r.type))
        .map((r) => r.address)
        .sort(),
    );
  });

  it("the plan passes every pack, with the state bucket's logging suppression reported", () => {
    const report = evaluate([{ name: "bootstrap-plataforma-dev", json, context }], {
      packs: ALL_PACKS,
      today: "2026-11-23",
    });
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => f.ruleId)).toEqual(["DP-S3-ACCESS-LOGGING"]);
  });

  it("records planned actions, including deletions absent from planned values", () => {
    expect([...(view.planActions?.values() ?? [])].every((a) => a.join() === "create")).toBe(true);
    const deleting = toStackView(
      "s",
      planToStackJson({ resource_changes: [{ address: "aws_kms_key.k", change: { actions: ["delete"] } }] }),
    );
    expect(deleting.planActions?.get("aws_kms_key.k")).toEqual(["delete"]);
  });

  it("maps aliased providers from provider_config_key", () => {
    const aliased = planToStackJson({
      configuration: {
        provider_config: {
          "aws.us-east-1": {
            name: "aws",
            alias: "us-east-1",
            expressions: { region: { constant_value: "us-east-1" } },
          },
        },
        root_module: {
          resources: [
            {
              address: "aws_s3_bucket.b",
              type: "aws_s3_bucket",
              name: "b",
              provider_config_key: "aws.us-east-1",
              expressions: {},
            },
          ],
        },
      },
      planned_values: {
        root_module: {
          resources: [
            {
              address: "aws_s3_bucket.b",
              mode: "managed",
              type: "aws_s3_bucket",
              name: "b",
              values: { bucket: "x", acl: null },
            },
          ],
        },
      },
    });
    expect(aliased).toEqual({
      "//": { planActions: {} },
      provider: { aws: [{ alias: "us-east-1", region: "us-east-1" }] },
      resource: { aws_s3_bucket: { b: { bucket: "x", provider: "aws.us-east-1" } } },
    });
  });
});

describe("planToStackJson: documents unknown until apply", () => {
  const trust =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",' +
    '"Principal":{"Federated":"${aws_iam_openid_connect_provider.oidc.arn}"},' +
    '"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":' +
    '{"${replace(aws_eks_cluster.c.identity[0].oidc[0].issuer, "https://", "")}:sub":' +
    '"system:serviceaccount:kube-system:ebs"}}}]}';
  const plan = {
    planned_values: {
      root_module: {
        resources: [{ address: "aws_iam_role.irsa", mode: "managed", type: "aws_iam_role", values: { name: "ebs" } }],
      },
    },
    resource_changes: [
      {
        address: "aws_iam_role.irsa",
        change: { actions: ["create"], after_unknown: { assume_role_policy: true, arn: true } },
      },
    ],
    configuration: {
      root_module: {
        resources: [
          {
            address: "aws_iam_role.irsa",
            expressions: {
              assume_role_policy: {
                references: ["aws_iam_openid_connect_provider.oidc.arn", "aws_iam_openid_connect_provider.oidc"],
              },
            },
          },
        ],
      },
    },
  };
  const synthesized = { resource: { aws_iam_role: { irsa: { name: "ebs", assume_role_policy: trust } } } };

  it("keeps the synthesized template, which the IAM rules can read, instead of its first reference", () => {
    const json = planToStackJson(plan, synthesized) as {
      resource: { aws_iam_role: { irsa: { assume_role_policy: string; arn?: string } } };
    };
    expect(json.resource.aws_iam_role.irsa.assume_role_policy).toBe(trust);
    expect(json.resource.aws_iam_role.irsa.arn).toBeUndefined();
    const report = evaluate([{ name: "dev-sa-east-1-cluster", json }], { packs: ALL_PACKS, today: "2026-11-23" });
    expect(report.findings.filter((f) => f.ruleId.startsWith("SEC-IAM"))).toEqual([]);
  });
});
