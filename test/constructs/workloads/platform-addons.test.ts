import { Testing } from "cdktf";
import {
  certManagerStatements,
  externalDnsStatements,
  loadBalancerControllerStatements,
} from "../../../constructs/workloads/addon-policies";
import { ADDON_CHARTS, PlatformAddons } from "../../../constructs/workloads/platform-addons";
import { resourcesOf, type StackJson, valuesOf } from "../../helpers";

const cluster = {
  oidcProviderArn: "arn:aws:iam::111111111111:oidc-provider/oidc.eks.sa-east-1.amazonaws.com/id/X",
  oidcIssuer: "oidc.eks.sa-east-1.amazonaws.com/id/X",
};

function synth(): StackJson {
  return JSON.parse(
    Testing.synthScope(
      (scope) =>
        new PlatformAddons(scope, "add-ons", {
          clusterName: "plataforma-dev-sa-east-1",
          cluster,
          region: "sa-east-1",
          vpcId: "vpc-1",
          domain: "dev.plataforma.app",
          roleNamePrefix: "plataforma-dev-sa-east-1",
        }),
    ),
  ) as StackJson;
}

type Release = {
  chart: string;
  repository: string;
  version: string;
  namespace: string;
  values: string[];
  atomic: boolean;
};

describe("PlatformAddons", () => {
  const json = synth();
  const releases = Object.fromEntries((valuesOf(json, "helm_release") as Release[]).map((r) => [r.chart, r]));
  const values = (chart: string) => JSON.parse(releases[chart].values[0]) as Record<string, unknown>;

  it("installs the four add-ons from their own repositories at exact versions", () => {
    expect(
      Object.fromEntries(Object.values(releases).map((r) => [r.chart, [r.repository, r.version, r.namespace]])),
    ).toEqual({
      "aws-load-balancer-controller": ["https://aws.github.io/eks-charts", "1.14.0", "kube-system"],
      "metrics-server": ["https://kubernetes-sigs.github.io/metrics-server/", "3.13.0", "kube-system"],
      "cert-manager": ["https://charts.jetstack.io", "v1.18.2", "cert-manager"],
      "external-dns": ["https://kubernetes-sigs.github.io/external-dns/", "1.18.0", "external-dns"],
    });
    expect(Object.values(releases).every((r) => r.atomic)).toBe(true);
  });

  it("gives each AWS-facing controller its own IRSA role and metrics-server none", () => {
    const roles = valuesOf(json, "aws_iam_role")
      .map((r) => String(r.name))
      .sort();
    expect(roles).toEqual([
      "plataforma-dev-sa-east-1-aws-load-balancer-controller",
      "plataforma-dev-sa-east-1-cert-manager",
      "plataforma-dev-sa-east-1-external-dns",
    ]);
    const trust = valuesOf(json, "aws_iam_role")
      .map(
        (r) =>
          JSON.parse(String(r.assume_role_policy)).Statement[0].Condition.StringEquals[
            "oidc.eks.sa-east-1.amazonaws.com/id/X:sub"
          ],
      )
      .sort();
    expect(trust).toEqual([
      "system:serviceaccount:cert-manager:cert-manager",
      "system:serviceaccount:external-dns:external-dns",
      "system:serviceaccount:kube-system:aws-load-balancer-controller",
    ]);
    expect(values("metrics-server").serviceAccount).toBeUndefined();
  });

  it("annotates each chart's service account with its role", () => {
    for (const chart of ["aws-load-balancer-controller", "cert-manager", "external-dns"]) {
      expect(values(chart).serviceAccount).toEqual({
        create: true,
        name: chart,
        annotations: { "eks.amazonaws.com/role-arn": expect.stringMatching(/^\$\{aws_iam_role\..*\.arn\}$/) },
      });
    }
    expect(values("aws-load-balancer-controller")).toMatchObject({
      clusterName: "plataforma-dev-sa-east-1",
      region: "sa-east-1",
      vpcId: "vpc-1",
    });
    expect(values("external-dns")).toMatchObject({
      domainFilters: ["dev.plataforma.app"],
      policy: "upsert-only",
      txtOwnerId: "plataforma-dev-sa-east-1",
    });
    expect(values("cert-manager")).toMatchObject({ crds: { enabled: true } });
  });

  it("renders the documented policies inline", () => {
    const policies = Object.fromEntries(
      Object.entries(resourcesOf(json, "aws_iam_role_policy")).map(([id, p]) => [
        id.split("_")[1],
        JSON.parse(String(p.policy)).Statement,
      ]),
    );
    expect(policies["aws-load-balancer-controller"]).toEqual(loadBalancerControllerStatements());
    expect(policies["external-dns"]).toEqual(externalDnsStatements("dev.plataforma.app"));
    expect(policies["cert-manager"]).toEqual(certManagerStatements("dev.plataforma.app"));
  });

  it("pins every shipped chart to an exact version", () => {
    for (const chart of Object.values(ADDON_CHARTS)) expect(chart.version).toMatch(/^v?\d+\.\d+\.\d+$/);
  });
});
