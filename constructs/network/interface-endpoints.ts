import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { interfaceEndpointPolicy } from "./endpoint-policies";
import { INTERFACE_ENDPOINT_SERVICES, type InterfaceEndpointService } from "./network-settings";

/** Properties of {@link InterfaceEndpoints}. */
export interface InterfaceEndpointsProps {
  /** Name prefix, e.g. `orders-production-sa-east-1`. */
  readonly name: string;
  /** Services to reach privately. */
  readonly services: readonly InterfaceEndpointService[];
  readonly region: string;
  /** Account whose principals may call through the endpoints (endpoint policies). */
  readonly accountId: string;
  readonly vpcId: string;
  /** The VPC block: the only source allowed to reach the endpoints. */
  readonly vpcCidr: string;
  /** Subnets to place one endpoint interface in each (one per zone). */
  readonly subnetIds: readonly string[];
}

/**
 * Interface VPC endpoints with private DNS, so SDK calls to the listed services resolve
 * to addresses inside the VPC and never leave through NAT. One security group guards
 * them all: HTTPS from the VPC block only, no egress (endpoints answer, never call).
 * Each endpoint's policy admits only this account's principals (see
 * {@link interfaceEndpointPolicy}), so stolen foreign credentials cannot use the private path.
 * Endpoints are keyed by service name, so adding or removing one never moves another.
 *
 * @example
 * ```ts
 * import { InterfaceEndpoints, type RegionalNetwork } from "@plataforma/infra/constructs/network";
 *
 * declare const net: RegionalNetwork; // VPC 10.50.0.0/16
 *
 * new InterfaceEndpoints(stack, "endpoints", {
 *   name: "orders-production-sa-east-1",
 *   services: ["ecr.api", "ecr.dkr", "sts", "logs"],
 *   region: "sa-east-1",
 *   accountId: "123456789012",
 *   vpcId: net.vpc.id,
 *   vpcCidr: "10.50.0.0/16",
 *   subnetIds: Object.values(net.subnets.private).map((s) => s.id),
 * });
 * ```
 */
export class InterfaceEndpoints extends Construct {
  /** The endpoints' security group. */
  readonly securityGroup: SecurityGroup;
  /** Endpoints by service name. */
  readonly endpoints: Readonly<Record<string, VpcEndpoint>>;

  constructor(scope: Construct, id: string, props: InterfaceEndpointsProps) {
    super(scope, id);
    const services = props.services;
    const duplicates = [...new Set(services.filter((s, i) => services.indexOf(s) !== i))];
    const unknown = services.filter((s) => !(INTERFACE_ENDPOINT_SERVICES as readonly string[]).includes(s));
    const problems: PropProblem[] = [];
    if (duplicates.length > 0) {
      problems.push({
        prop: "services",
        message: `lists ${duplicates.join(", ")} more than once`,
        received: services,
        fix: "list each service once",
      });
    }
    if (unknown.length > 0) {
      problems.push({
        prop: "services",
        message: `has unknown services ${unknown.join(", ")}`,
        received: services,
        fix: `use services from ${INTERFACE_ENDPOINT_SERVICES.join(", ")}`,
      });
    }
    if (props.subnetIds.length === 0) {
      problems.push({
        prop: "subnetIds",
        message: "is empty; endpoints need one subnet per zone",
        received: props.subnetIds,
        fix: "pass the private subnets",
      });
    }
    throwIfInvalid(this, problems);
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: `${props.name}-endpoints`,
      description: `HTTPS from ${props.vpcCidr} to the interface endpoints of ${props.name}`,
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-endpoints` },
    });
    new VpcSecurityGroupIngressRule(this, "https-from-vpc", {
      securityGroupId: this.securityGroup.id,
      description: "HTTPS from the VPC",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
    const endpoints: Record<string, VpcEndpoint> = {};
    for (const service of props.services) {
      // Logical ids drop dots; a dash keeps `ecr-api` readable in addresses.
      endpoints[service] = new VpcEndpoint(this, service.replace(/\./g, "-"), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        policy: interfaceEndpointPolicy(props.accountId, service),
        // With the S3 gateway endpoint also in the VPC, S3's private DNS must answer for
        // every client (not only inbound resolvers) so pods reach S3 on private addresses.
        ...(service === "s3" ? { dnsOptions: { privateDnsOnlyForInboundResolverEndpoint: false } } : {}),
        subnetIds: [...props.subnetIds],
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: `${props.name}-${service}` },
      });
    }
    this.endpoints = endpoints;
  }
}
