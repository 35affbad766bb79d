import { Testing } from "cdktf";
import { IrsaRole, type IrsaRoleProps } from "../../../constructs/cluster/irsa-role";
import { type StackJson, valuesOf } from "../../helpers";

const base: IrsaRoleProps = {
  roleName: "app-role",
  oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.sa-east-1.amazonaws.com/id/ABC",
  oidcIssuer: "oidc.eks.sa-east-1.amazonaws.com/id/ABC",
  namespace: "vendas",
  serviceAccount: "vendas-module",
};

function synth(props: Partial<IrsaRoleProps> = {}): StackJson {
  return JSON.parse(Testing.synthScope((scope) => new IrsaRole(scope, "irsa", { ...base, ...props }))) as StackJson;
}

describe("IrsaRole", () => {
  it("trusts exactly one service account through the OIDC provider, with the STS audience", () => {
    const [role] = valuesOf(synth(), "aws_iam_role");
    expect(JSON.parse(String(role.assume_role_policy))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: base.oidcProviderArn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "oidc.eks.sa-east-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:vendas:vendas-module",
              "oidc.eks.sa-east-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
            },
          },
        },
      ],
    });
  });

  it("has no policy at all when no statements are given", () => {
    const json = synth();
    expect(valuesOf(json, "aws_iam_role_policy")).toEqual([]);
    expect(valuesOf(json, "aws_iam_role_policy_attachment")).toEqual([]);
  });

  it("renders statements inline and attaches managed policies by name", () => {
    const json = synth({
      statements: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }],
      managedPolicyArns: { ebs: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy" },
    });
    expect(JSON.parse(String(valuesOf(json, "aws_iam_role_policy")[0].policy)).Statement).toEqual([
      { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] },
    ]);
    expect(valuesOf(json, "aws_iam_role_policy_attachment")[0].policy_arn).toBe(
      "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
    );
  });

  it("fails for a wildcard service account", () => {
    expect(() => synth({ serviceAccount: "*" })).toThrow(/serviceAccount: is not a DNS-1123 label.*\(received: "\*"\)/);
  });
});
