import { Testing } from "cdktf";
import { ServiceSecurityGroup } from "../../../constructs/network/service-security-group";
import { type StackJson, valuesOf } from "../../helpers";

const synth = (clients: Record<string, string>) =>
  JSON.parse(
    Testing.synthScope(
      (scope) =>
        new ServiceSecurityGroup(scope, "db-sg", {
          name: "db",
          description: "db",
          vpcId: "vpc-1",
          port: 5432,
          clients,
        }),
    ),
  ) as StackJson;

describe("ServiceSecurityGroup", () => {
  it("one ingress rule per named client group on the one port; no CIDR, no egress", () => {
    const json = synth({ nodes: "sg-1", cluster: "sg-2" });
    const rules = valuesOf(json, "aws_vpc_security_group_ingress_rule");
    expect(rules.map((r) => [r.referenced_security_group_id, r.from_port, r.to_port, r.ip_protocol]).sort()).toEqual([
      ["sg-1", 5432, 5432, "tcp"],
      ["sg-2", 5432, 5432, "tcp"],
    ]);
    expect(rules.every((r) => r.cidr_ipv4 === undefined && r.cidr_ipv6 === undefined)).toBe(true);
    expect(valuesOf(json, "aws_vpc_security_group_egress_rule")).toEqual([]);
    expect(valuesOf(json, "aws_security_group")[0].egress).toBeUndefined();
  });

  it("fails with no client (nothing could connect)", () => {
    expect(() => synth({})).toThrow(/clients: names no client security group.*\(received: \{\}\)/);
  });
});
