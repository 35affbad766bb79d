import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";

/** Properties of {@link ServiceSecurityGroup}. */
export interface ServiceSecurityGroupProps {
  /** Security group name. */
  readonly name: string;
  /** What the group protects; becomes its description. */
  readonly description: string;
  readonly vpcId: string;
  /** The one TCP port clients may reach. */
  readonly port: number;
  /**
   * Client security groups by a stable name (e.g. `nodes`, `cluster`): one ingress rule
   * each, so adding a client never renumbers the others' addresses.
   */
  readonly clients: Readonly<Record<string, string>>;
}

/**
 * Security group of a managed data service (database, cache): ingress on one port from
 * named client security groups only, never from CIDR blocks, and no egress at all
 * (Terraform removes AWS's default allow-all egress rule; these services never
 * initiate connections to the VPC).
 *
 * @example
 * ```ts
 * import type { EksCluster } from "@plataforma/infra/constructs/cluster";
 * import { type RegionalNetwork, ServiceSecurityGroup } from "@plataforma/infra/constructs/network";
 *
 * declare const net: RegionalNetwork;
 * declare const eks: EksCluster;
 *
 * const dbClients = new ServiceSecurityGroup(stack, "db-sg", {
 *   name: "orders-production-sa-east-1-postgres",
 *   description: "PostgreSQL of orders-production, reached from the EKS cluster",
 *   vpcId: net.vpc.id,
 *   port: 5432,
 *   clients: {
 *     nodes: eks.nodeSecurityGroup.id,
 *     cluster: eks.cluster.vpcConfig.clusterSecurityGroupId,
 *   },
 * });
 * ```
 */
export class ServiceSecurityGroup extends Construct {
  /** The security group. */
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: ServiceSecurityGroupProps) {
    super(scope, id);
    const problems: PropProblem[] = [];
    if (!Number.isInteger(props.port) || props.port < 1 || props.port > 65_535) {
      problems.push({
        prop: "port",
        message: "must be 1-65535",
        received: props.port,
        fix: "use the service's port, e.g. 5432",
      });
    }
    if (Object.keys(props.clients).length === 0) {
      problems.push({
        prop: "clients",
        message: "names no client security group: nothing could reach the service",
        received: props.clients,
        fix: "pass the cluster's node and cluster security groups",
      });
    }
    throwIfInvalid(this, problems);
    this.securityGroup = new SecurityGroup(this, "group", {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    for (const [name, groupId] of Object.entries(props.clients)) {
      new VpcSecurityGroupIngressRule(this, `from-${name}`, {
        securityGroupId: this.securityGroup.id,
        referencedSecurityGroupId: groupId,
        ipProtocol: "tcp",
        fromPort: props.port,
        toPort: props.port,
        description: `${name} to port ${props.port}`,
      });
    }
  }
}
