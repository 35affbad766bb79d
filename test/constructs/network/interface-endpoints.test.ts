import { Testing } from "cdktf";
import { InterfaceEndpoints, type InterfaceEndpointsProps } from "../../../constructs/network/interface-endpoints";
import { INTERFACE_ENDPOINT_SERVICES } from "../../../constructs/network/network-settings";
import { resourcesOf, type StackJson, valuesOf } from "../../helpers";
import { validationError } from "../fixtures";

const base: InterfaceEndpointsProps = {
  name: "acme-test-sa-east-1",
  region: "sa-east-1",
  accountId: "123456789012",
  vpcId: "vpc-1",
  vpcCidr: "10.50.0.0/16",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  services: INTERFACE_ENDPOINT_SERVICES,
};

function synth(props: Partial<InterfaceEndpointsProps> = {}): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => new InterfaceEndpoints(scope, "endpoints", { ...base, ...props })),
  ) as StackJson;
}

describe("InterfaceEndpoints", () => {
  const json = synth();

  it("gives every endpoint a policy admitting only this account's principals", () => {
    for (const e of valuesOf(json, "aws_vpc_endpoint")) {
      const policy = JSON.parse(e.policy as string) as { Statement: Record<string, unknown>[] };
      expect(policy.Statement[0]).toEqual({
        Sid: "ThisAccountPrincipals",
        Effect: "Allow",
        Principal: "*",
        Action: "*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } },
      });
      const sts = (e.service_name as string).endsWith(".sts");
      // IRSA's web-identity exchange carries no principal account: STS admits it into this account's roles only.
      expect(policy.Statement.slice(1)).toEqual(
        sts
          ? [
              {
                Sid: "WebIdentityIntoThisAccount",
                Effect: "Allow",
                Principal: "*",
                Action: "sts:AssumeRoleWithWebIdentity",
                Resource: "arn:aws:iam::123456789012:role/*",
              },
            ]
          : [],
      );
    }
  });

  it("creates one private-DNS interface endpoint per service in every given subnet", () => {
    const endpoints = valuesOf(json, "aws_vpc_endpoint");
    expect(endpoints.map((e) => e.service_name).sort()).toEqual(
      ["ecr.api", "ecr.dkr", "logs", "s3", "secretsmanager", "sts"].map((s) => `com.amazonaws.sa-east-1.${s}`),
    );
    for (const e of endpoints)
      expect(e).toMatchObject({
        vpc_endpoint_type: "Interface",
        private_dns_enabled: true,
        subnet_ids: base.subnetIds,
        vpc_id: "vpc-1",
      });
  });

  it(
    "answers S3's private DNS for every client, beside the VPC's S3 gateway endpoint; " +
      "other services keep the default",
    () => {
      const endpoints = valuesOf(json, "aws_vpc_endpoint");
      expect(endpoints.find((e) => e.service_name === "com.amazonaws.sa-east-1.s3")?.dns_options).toEqual({
        private_dns_only_for_inbound_resolver_endpoint: false,
      });
      expect(endpoints.filter((e) => e.dns_options !== undefined)).toHaveLength(1);
    },
  );

  it("keys endpoints by service name", () => {
    expect(
      Object.keys(resourcesOf(json, "aws_vpc_endpoint"))
        .map((k) => k.replace(/_[0-9A-F]{8}$/, ""))
        .sort(),
    ).toEqual(["ecr-api", "ecr-dkr", "logs", "s3", "secretsmanager", "sts"].map((s) => `endpoints_${s}`));
  });

  it("guards them with a group allowing only HTTPS from the VPC block, and no egress", () => {
    const [sg] = valuesOf(json, "aws_security_group");
    expect(sg).toMatchObject({ name: "acme-test-sa-east-1-endpoints", vpc_id: "vpc-1" });
    expect(sg.egress).toBeUndefined();
    expect(valuesOf(json, "aws_vpc_security_group_ingress_rule")).toEqual([
      expect.objectContaining({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.50.0.0/16" }),
    ]);
    expect(valuesOf(json, "aws_vpc_security_group_egress_rule")).toEqual([]);
  });

  it("creates only the services asked for", () => {
    expect(valuesOf(synth({ services: ["sts"] }), "aws_vpc_endpoint").map((e) => e.service_name)).toEqual([
      "com.amazonaws.sa-east-1.sts",
    ]);
  });

  it("fails for a repeated service, an unknown one, or no subnet, all at once", () => {
    const services = ["sts", "sts", "ec2"] as never[];
    const error = validationError(() => synth({ services, subnetIds: [] }));
    expect(error.problems.map((p) => [p.prop, p.received])).toEqual([
      ["services", services],
      ["services", services],
      ["subnetIds", []],
    ]);
    expect(error.message).toMatch(/services: lists sts more than once[\s\S]*services: has unknown services ec2/);
  });
});
