import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { serviceTrustPolicy } from "../iam/policy-document";

/** The AWS managed policy Enhanced Monitoring needs. */
export const ENHANCED_MONITORING_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";

/** Properties of {@link EnhancedMonitoringRole}. */
export interface EnhancedMonitoringRoleProps {
  readonly roleName: string;
  /** Account allowed to have RDS assume the role (confused-deputy guard). */
  readonly accountId: string;
}

/**
 * The role RDS Enhanced Monitoring assumes to publish OS metrics.
 *
 * @example
 * ```ts
 * import { EnhancedMonitoringRole } from "@plataforma/infra/constructs/database";
 *
 * const monitoring = new EnhancedMonitoringRole(stack, "rds-monitoring", {
 *   roleName: "orders-production-sa-east-1-rds-monitoring",
 *   accountId: "123456789012",
 * });
 * const monitoringRoleArn = monitoring.role.arn;
 * ```
 */
export class EnhancedMonitoringRole extends Construct {
  /** The role. */
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: EnhancedMonitoringRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      assumeRolePolicy: serviceTrustPolicy("monitoring.rds.amazonaws.com", props.accountId),
    });
    new IamRolePolicyAttachment(this, "policy", { role: this.role.name, policyArn: ENHANCED_MONITORING_POLICY_ARN });
  }
}
