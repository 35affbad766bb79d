import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { type PeeringSide, RegionPeering, type RegionPeeringProps } from "../../../constructs/network/region-peering";
import { type StackJson, valuesOf } from "../../helpers";

function synth(
  overrides: (sides: { requester: PeeringSide; accepter: PeeringSide }) => Partial<RegionPeeringProps> = () => ({}),
): StackJson {
  return JSON.parse(
    Testing.synthScope((scope: Construct) => {
      const sa = new AwsProvider(scope, "aws", { region: "sa-east-1" });
      const us = new AwsProvider(scope, "aws-us", { region: "us-east-1", alias: "us-east-1" });
      const requester: PeeringSide = {
        region: "sa-east-1",
        provider: sa,
        vpcId: "vpc-sa",
        vpcCidr: "10.30.0.0/16",
        routeTableIds: { "sa-east-1a": "rtb-sa-a", "sa-east-1b": "rtb-sa-b", database: "rtb-sa-db" },
      };
      const accepter: PeeringSide = {
        region: "us-east-1",
        provider: us,
        vpcId: "vpc-us",
        vpcCidr: "10.31.0.0/16",
        routeTableIds: { "us-east-1a": "rtb-us-a", database: "rtb-us-db" },
      };
      new RegionPeering(scope, "link", {
        name: "acme-sa-to-us",
        accountId: "123456789012",
        requester,
        accepter,
        ...overrides({ requester, accepter }),
      });
    }),
  ) as StackJson;
}

describe("RegionPeering", () => {
  const json = synth();

  it("requests from the requester's region toward the peer region and account, accepting in the peer region", () => {
    expect(valuesOf(json, "aws_vpc_peering_connection")).toEqual([
      expect.objectContaining({
        vpc_id: "vpc-sa",
        peer_vpc_id: "vpc-us",
        peer_region: "us-east-1",
        peer_owner_id: "123456789012",
        auto_accept: false,
      }),
    ]);
    expect(valuesOf(json, "aws_vpc_peering_connection")[0].provider).toBe("aws");
    expect(valuesOf(json, "aws_vpc_peering_connection_accepter")).toEqual([
      expect.objectContaining({ auto_accept: true, provider: "aws.us-east-1" }),
    ]);
  });

  it("routes each given table to exactly the other side's VPC block, in that side's region", () => {
    const routes = valuesOf(json, "aws_route").map(
      (r) => `${String(r.provider ?? "aws")} ${String(r.route_table_id)} -> ${String(r.destination_cidr_block)}`,
    );
    expect(routes.sort()).toEqual([
      "aws rtb-sa-a -> 10.31.0.0/16",
      "aws rtb-sa-b -> 10.31.0.0/16",
      "aws rtb-sa-db -> 10.31.0.0/16",
      "aws.us-east-1 rtb-us-a -> 10.30.0.0/16",
      "aws.us-east-1 rtb-us-db -> 10.30.0.0/16",
    ]);
    for (const r of valuesOf(json, "aws_route"))
      expect(String(r.vpc_peering_connection_id)).toMatch(/aws_vpc_peering_connection_accepter\./);
  });

  it("lets both sides resolve the other's private DNS by default, each from its own region", () => {
    const options = valuesOf(json, "aws_vpc_peering_connection_options");
    expect(options).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ requester: { allow_remote_vpc_dns_resolution: true } }),
        expect.objectContaining({ accepter: { allow_remote_vpc_dns_resolution: true }, provider: "aws.us-east-1" }),
      ]),
    );
  });

  it("remoteDnsResolution false turns DNS resolution off on both sides", () => {
    const options = valuesOf(
      synth(() => ({ remoteDnsResolution: false })),
      "aws_vpc_peering_connection_options",
    );
    expect(options.map((o) => JSON.stringify(o.requester ?? o.accepter))).toEqual([
      '{"allow_remote_vpc_dns_resolution":false}',
      '{"allow_remote_vpc_dns_resolution":false}',
    ]);
  });

  it("fails when the VPC blocks overlap", () => {
    expect(() => synth(({ accepter }) => ({ accepter: { ...accepter, vpcCidr: "10.30.128.0/17" } }))).toThrow(
      /link: invalid RegionPeering props[\s\S]*accepter\.vpcCidr: overlaps 10\.30\.0\.0\/16 \(sa-east-1\)/,
    );
  });

  it("fails for a VPC block that is not a canonical CIDR", () => {
    expect(() => synth(({ requester }) => ({ requester: { ...requester, vpcCidr: "10.30.0.1/16" } }))).toThrow(
      /requester\.vpcCidr: of sa-east-1 is not a canonical IPv4 CIDR block \(received: "10\.30\.0\.1\/16"\)/,
    );
  });

  it("fails for two sides in one region or a side with no route table", () => {
    expect(() =>
      synth(({ requester, accepter }) => ({
        accepter: { ...accepter, region: "sa-east-1" },
        requester: { ...requester, routeTableIds: {} },
      })),
    ).toThrow(
      /requester\.routeTableIds: of sa-east-1 names no route table[\s\S]*accepter\.region: is the requester's region/,
    );
  });
});
