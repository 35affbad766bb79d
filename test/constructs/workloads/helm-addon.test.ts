import { Testing } from "cdktf";
import { HelmAddon, type HelmAddonProps } from "../../../constructs/workloads/helm-addon";
import { ADDON_CHARTS } from "../../../constructs/workloads/platform-addons";
import { type StackJson, valuesOf } from "../../helpers";

const cluster = {
  oidcProviderArn: "arn:aws:iam::111111111111:oidc-provider/oidc.eks.sa-east-1.amazonaws.com/id/X",
  oidcIssuer: "oidc.eks.sa-east-1.amazonaws.com/id/X",
};

function synth(props: HelmAddonProps): StackJson {
  return JSON.parse(Testing.synthScope((scope) => new HelmAddon(scope, "addon", props))) as StackJson;
}

describe("HelmAddon", () => {
  it("defaults: release named after the chart, atomic, no namespace creation, 600 s timeout, no role", () => {
    const json = synth({ chart: ADDON_CHARTS["metrics-server"], namespace: "kube-system" });
    expect(valuesOf(json, "helm_release")[0]).toMatchObject({
      name: "metrics-server",
      chart: "metrics-server",
      version: "3.13.0",
      namespace: "kube-system",
      atomic: true,
      cleanup_on_fail: true,
      create_namespace: false,
      timeout: 600,
      values: ["{}"],
    });
    expect(valuesOf(json, "aws_iam_role")).toEqual([]);
  });

  it("merges the role annotation into the chart's own service account values", () => {
    const json = synth({
      chart: ADDON_CHARTS["external-dns"],
      namespace: "external-dns",
      releaseName: "dns",
      createNamespace: true,
      timeoutSeconds: 120,
      values: { serviceAccount: { labels: { team: "platform" }, annotations: { keep: "me" } } },
      identity: {
        roleName: "dns-role",
        serviceAccount: "external-dns",
        statements: [{ Effect: "Allow", Action: ["route53:ListHostedZones"], Resource: "*" }],
        cluster,
      },
    });
    const release = valuesOf(json, "helm_release")[0] as { name: string; timeout: number; values: string[] };
    expect([release.name, release.timeout]).toEqual(["dns", 120]);
    expect(JSON.parse(release.values[0]).serviceAccount).toEqual({
      labels: { team: "platform" },
      create: true,
      name: "external-dns",
      annotations: {
        keep: "me",
        "eks.amazonaws.com/role-arn": expect.stringMatching(/^\$\{aws_iam_role\.addon_role_.*\.arn\}$/),
      },
    });
    expect(JSON.parse(String(valuesOf(json, "aws_iam_role_policy")[0].policy)).Statement).toEqual([
      { Effect: "Allow", Action: ["route53:ListHostedZones"], Resource: "*" },
    ]);
  });

  it("fails for a role name IAM would reject", () => {
    expect(() =>
      Testing.synthScope(
        (scope) =>
          new HelmAddon(scope, "long", {
            chart: ADDON_CHARTS["external-dns"],
            namespace: "external-dns",
            identity: {
              roleName: `${"x".repeat(60)}-external-dns`,
              serviceAccount: "external-dns",
              statements: [],
              cluster,
            },
          }),
      ),
    ).toThrow(/identity\.roleName: is not a valid IAM role name.*"x{60}-external-dns"\)\. Fix: shorten/);
  });

  it("fails for a chart version range", () => {
    const chart = { repository: "https://charts.jetstack.io", chart: "cert-manager", version: "^1.18" };
    expect(() => synth({ chart, namespace: "cert-manager" })).toThrow(
      /chart\.version: of chart cert-manager is not an exact version/,
    );
  });
});
