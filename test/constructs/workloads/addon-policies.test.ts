import {
  certManagerStatements,
  externalDnsStatements,
  loadBalancerControllerStatements,
} from "../../../constructs/workloads/addon-policies";

describe("add-on policies", () => {
  const all = [
    ...loadBalancerControllerStatements(),
    ...externalDnsStatements("plataforma.app"),
    ...certManagerStatements("plataforma.app"),
  ];

  it("never allow a wildcard action", () => {
    const actions = all.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.length).toBeGreaterThan(60);
    for (const action of actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
    expect(all.every((s) => s.Effect === "Allow")).toBe(true);
  });

  it("LB controller mutations are scoped by the controller's cluster tag", () => {
    const lb = loadBalancerControllerStatements();
    const deleteLb = lb.find(
      (s) => Array.isArray(s.Action) && s.Action.includes("elasticloadbalancing:DeleteLoadBalancer"),
    );
    expect(deleteLb?.Condition).toEqual({ Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } });
    expect(lb[0]).toEqual({
      Effect: "Allow",
      Action: ["iam:CreateServiceLinkedRole"],
      Resource: "*",
      Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
    });
  });

  it("ExternalDNS and cert-manager change records only under the domain", () => {
    expect(externalDnsStatements("plataforma.app")[0].Condition).toEqual({
      "ForAllValues:StringLike": {
        "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["plataforma.app", "*.plataforma.app"],
      },
    });
    expect(certManagerStatements("plataforma.app")[1].Condition).toEqual({
      "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] },
      "ForAllValues:StringLike": {
        "route53:ChangeResourceRecordSetsNormalizedRecordNames": [
          "_acme-challenge.plataforma.app",
          "_acme-challenge.*.plataforma.app",
        ],
      },
    });
  });
});
