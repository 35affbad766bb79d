import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { RegionalNetwork, type RegionalNetworkProps } from "../../../constructs/network/regional-network";
import { resourcesOf, type StackJson, valuesOf } from "../../helpers";
import { reported, validationError } from "../fixtures";

const base: RegionalNetworkProps = {
  name: "acme-test-sa-east-1",
  accountId: "123456789012",
  region: "sa-east-1",
  vpcCidr: "10.50.0.0/16",
  availabilityZones: ["sa-east-1a", "sa-east-1b", "sa-east-1c"],
};

function synth(props: Partial<RegionalNetworkProps> = {}): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => new RegionalNetwork(scope, "net", { ...base, ...props })),
  ) as StackJson;
}

describe("RegionalNetwork", () => {
  describe("defaults", () => {
    const json = synth();

    it("creates one VPC with DNS support and nine subnets across three zones, none mapping public IPs", () => {
      expect(valuesOf(json, "aws_vpc")).toEqual([
        expect.objectContaining({ cidr_block: "10.50.0.0/16", enable_dns_hostnames: true, enable_dns_support: true }),
      ]);
      const subnets = valuesOf(json, "aws_subnet");
      expect(subnets).toHaveLength(9);
      expect(new Set(subnets.map((s) => s.availability_zone))).toEqual(new Set(base.availabilityZones));
      expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    });

    it("keys subnets by tier and zone so addresses are stable", () => {
      const keys = Object.keys(resourcesOf(json, "aws_subnet"))
        .map((k) => k.replace(/_[0-9A-F]{8}$/, ""))
        .sort();
      expect(keys).toEqual(
        ["database", "private", "public"].flatMap((t) => base.availabilityZones.map((z) => `net_${t}-${z}`)),
      );
    });

    it("puts one NAT gateway in each zone and routes each private table to its own zone's NAT", () => {
      expect(valuesOf(json, "aws_nat_gateway")).toHaveLength(3);
      const routes = valuesOf(json, "aws_route").filter((r) => r.nat_gateway_id);
      expect(routes).toHaveLength(3);
      expect(new Set(routes.map((r) => r.nat_gateway_id)).size).toBe(3);
    });

    it("gives the database tier a route table with no default route", () => {
      const tables = resourcesOf(json, "aws_route_table");
      const dbKey = Object.keys(tables).find((k) => k.includes("database"))!;
      const routesToDb = valuesOf(json, "aws_route").filter((r) => String(r.route_table_id).includes(dbKey));
      expect(routesToDb).toEqual([]);
    });

    it("strips every rule from the default security group", () => {
      expect(valuesOf(json, "aws_default_security_group")).toEqual([
        expect.objectContaining({ ingress: [], egress: [] }),
      ]);
    });

    it("adds an S3 gateway endpoint on the private and database route tables", () => {
      const [endpoint] = valuesOf(json, "aws_vpc_endpoint");
      expect(endpoint).toMatchObject({ service_name: "com.amazonaws.sa-east-1.s3", vpc_endpoint_type: "Gateway" });
      expect(endpoint.route_table_ids).toHaveLength(4);
    });

    it("limits the S3 gateway endpoint to this account's buckets and the AWS-owned ones nodes read", () => {
      const [endpoint] = valuesOf(json, "aws_vpc_endpoint");
      expect(JSON.parse(endpoint.policy as string)).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ThisAccountBuckets",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:*",
            Resource: "*",
            Condition: { StringEquals: { "aws:ResourceAccount": "123456789012" } },
          },
          {
            Sid: "AwsOwnedBuckets",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: [
              "arn:aws:s3:::prod-sa-east-1-starport-layer-bucket/*",
              "arn:aws:s3:::al2023-repos-sa-east-1-*/*",
            ],
          },
        ],
      });
    });

    it("logs all traffic for 90 days to a KMS-encrypted group via a role scoped to that group", () => {
      expect(valuesOf(json, "aws_flow_log")).toEqual([
        expect.objectContaining({ traffic_type: "ALL", log_destination_type: "cloud-watch-logs" }),
      ]);
      const [group] = valuesOf(json, "aws_cloudwatch_log_group");
      expect(group).toMatchObject({ retention_in_days: 90, name: "/aws/vpc/acme-test-sa-east-1/flow-logs" });
      expect(group.kms_key_id).toBeDefined();
      const [key] = valuesOf(json, "aws_kms_key");
      expect(key).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
      const policy = JSON.parse(String(valuesOf(json, "aws_iam_role_policy")[0].policy));
      expect(policy.Statement[0].Resource).toEqual([
        "arn:aws:logs:sa-east-1:123456789012:log-group:/aws/vpc/acme-test-sa-east-1/flow-logs",
        "arn:aws:logs:sa-east-1:123456789012:log-group:/aws/vpc/acme-test-sa-east-1/flow-logs:*",
      ]);
    });

    it("tags subnets for load balancer discovery", () => {
      const subnets = valuesOf(json, "aws_subnet") as { tags: Record<string, string> }[];
      expect(subnets.filter((s) => s.tags["kubernetes.io/role/elb"] === "1")).toHaveLength(3);
      expect(subnets.filter((s) => s.tags["kubernetes.io/role/internal-elb"] === "1")).toHaveLength(3);
    });
  });

  describe("options", () => {
    it("natGateways single: one NAT that every private route uses", () => {
      const json = synth({ natGateways: "single" });
      expect(valuesOf(json, "aws_nat_gateway")).toHaveLength(1);
      expect(
        new Set(
          valuesOf(json, "aws_route")
            .filter((r) => r.nat_gateway_id)
            .map((r) => r.nat_gateway_id),
        ).size,
      ).toBe(1);
      expect(valuesOf(json, "aws_route_table")).toHaveLength(5);
    });

    it("explicit subnets are used as given", () => {
      const subnets = {
        private: { "sa-east-1a": "10.50.0.0/20", "sa-east-1b": "10.50.16.0/20", "sa-east-1c": "10.50.32.0/20" },
        public: { "sa-east-1a": "10.50.48.0/24", "sa-east-1b": "10.50.49.0/24", "sa-east-1c": "10.50.50.0/24" },
        database: { "sa-east-1a": "10.50.51.0/24", "sa-east-1b": "10.50.52.0/24", "sa-east-1c": "10.50.53.0/24" },
      };
      const cidrs = valuesOf(synth({ subnets }), "aws_subnet")
        .map((s) => s.cidr_block)
        .sort();
      expect(cidrs).toEqual(
        Object.values(subnets)
          .flatMap((t) => Object.values(t))
          .sort(),
      );
    });

    it("flow log retention, traffic type and cluster discovery tags", () => {
      const json = synth({ flowLogRetentionDays: 365, flowLogTrafficType: "REJECT", clusterNames: ["c1"] });
      expect(valuesOf(json, "aws_cloudwatch_log_group")[0].retention_in_days).toBe(365);
      expect(valuesOf(json, "aws_flow_log")[0].traffic_type).toBe("REJECT");
      const tagged = (valuesOf(json, "aws_subnet") as { tags: Record<string, string> }[]).filter(
        (s) => s.tags["kubernetes.io/cluster/c1"] === "shared",
      );
      expect(tagged).toHaveLength(6);
    });
  });

  describe("interface endpoints", () => {
    it("none by default: only the S3 gateway endpoint", () => {
      expect(valuesOf(synth(), "aws_vpc_endpoint").map((e) => e.vpc_endpoint_type)).toEqual(["Gateway"]);
    });

    it("the listed services, in the private subnets, reachable over HTTPS from the VPC only", () => {
      const json = synth({ interfaceEndpoints: ["ecr.api", "sts"] });
      const interfaces = valuesOf(json, "aws_vpc_endpoint").filter((e) => e.vpc_endpoint_type === "Interface");
      expect(interfaces.map((e) => e.service_name).sort()).toEqual([
        "com.amazonaws.sa-east-1.ecr.api",
        "com.amazonaws.sa-east-1.sts",
      ]);
      const privateSubnets = Object.keys(resourcesOf(json, "aws_subnet")).filter((k) => k.startsWith("net_private-"));
      expect(interfaces[0].subnet_ids).toEqual(privateSubnets.map((k) => `\${aws_subnet.${k}.id}`));
      expect(valuesOf(json, "aws_vpc_security_group_ingress_rule")).toEqual([
        expect.objectContaining({ cidr_ipv4: "10.50.0.0/16", from_port: 443, to_port: 443 }),
      ]);
    });
  });

  describe("validation", () => {
    it("fails with the construct path when a subnet is outside the VPC", () => {
      const subnets = {
        private: { "sa-east-1a": "10.50.0.0/20", "sa-east-1b": "10.50.16.0/20", "sa-east-1c": "10.60.32.0/20" },
        public: { "sa-east-1a": "10.50.48.0/24", "sa-east-1b": "10.50.49.0/24", "sa-east-1c": "10.50.50.0/24" },
        database: { "sa-east-1a": "10.50.51.0/24", "sa-east-1b": "10.50.52.0/24", "sa-east-1c": "10.50.53.0/24" },
      };
      expect(() => synth({ subnets })).toThrow(
        /subnets\.private\.sa-east-1c: subnet 10\.60\.32\.0\/20 is not inside the VPC block 10\.50\.0\.0\/16/,
      );
    });

    it("fails when fewer than two zones are given", () => {
      expect(() => synth({ availabilityZones: ["sa-east-1a"] })).toThrow(/at least 2/);
    });

    it("fails when the VPC block is not canonical", () => {
      expect(() => synth({ vpcCidr: "10.50.0.1/16" })).toThrow(/not a canonical IPv4 CIDR/);
    });

    it("fails when the name is empty or cannot prefix IAM role and KMS alias names", () => {
      expect(reported(() => synth({ name: "" }))).toEqual([["name", ""]]);
      expect(reported(() => synth({ name: "acme test" }))).toEqual([["name", "acme test"]]);
      expect(reported(() => synth({ name: "a".repeat(55) }))).toEqual([["name", "a".repeat(55)]]);
      expect(() => synth({ name: "a".repeat(54) })).not.toThrow();
    });

    it("fails when the account id is not 12 digits", () => {
      expect(reported(() => synth({ accountId: "123" }))).toEqual([["accountId", "123"]]);
      expect(reported(() => synth({ accountId: "12345678901a" }))).toEqual([["accountId", "12345678901a"]]);
    });

    it("fails when the region is not a region name, and then leaves the zones alone", () => {
      expect(reported(() => synth({ region: "sa-east" }))).toEqual([["region", "sa-east"]]);
      expect(reported(() => synth({ region: "sa-east-1a" }))).toEqual([["region", "sa-east-1a"]]);
      expect(() =>
        synth({ region: "us-gov-west-1", availabilityZones: ["us-gov-west-1a", "us-gov-west-1b"] }),
      ).not.toThrow();
    });

    it("fails for each zone that is not the region's name plus one letter", () => {
      const zones = ["us-east-1a", "sa-east-1", "sa-east-1b", "sa-east-1-lim-1a"];
      expect(reported(() => synth({ availabilityZones: zones }))).toEqual([
        ["availabilityZones.0", "us-east-1a"],
        ["availabilityZones.1", "sa-east-1"],
        ["availabilityZones.3", "sa-east-1-lim-1a"],
      ]);
    });

    it("fails for a repeated zone instead of a duplicate construct id", () => {
      const error = validationError(() => synth({ availabilityZones: ["sa-east-1a", "sa-east-1a", "sa-east-1b"] }));
      expect(error.problems.map((p) => [p.prop, p.message])).toEqual([
        ["availabilityZones.1", "repeats availabilityZones.0 (each zone keys its subnets, so once only)"],
      ]);
    });

    it("reports every missing required prop (plain JavaScript callers) before reading any", () => {
      const missing = ["name", "accountId", "region", "vpcCidr", "availabilityZones"];
      for (const props of [{}, undefined]) {
        const error = validationError(
          () => new RegionalNetwork(new TerraformStack(Testing.app(), "stack"), "net", props as never),
        );
        expect(error.problems.map((p) => [p.prop, p.message])).toEqual(missing.map((prop) => [prop, "is required"]));
      }
    });

    it("fails when the zones are not a list", () => {
      expect(reported(() => synth({ availabilityZones: "sa-east-1a" as never }))).toEqual([
        ["availabilityZones", "sa-east-1a"],
      ]);
    });

    it("accepts an account id and a region given as tokens (judged at apply)", () => {
      const json = JSON.parse(
        Testing.synthScope((scope) => {
          const caller = new DataAwsCallerIdentity(scope, "caller");
          const region = new TerraformVariable(scope, "region", { type: "string" }).stringValue;
          new RegionalNetwork(scope, "net", { ...base, accountId: caller.accountId, region });
        }),
      ) as StackJson;
      expect(valuesOf(json, "aws_vpc_endpoint")[0].service_name).toBe("com.amazonaws.${var.region}.s3");
    });
  });
});
