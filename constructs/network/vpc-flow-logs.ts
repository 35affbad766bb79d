import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { renderPolicy, serviceTrustPolicy } from "../iam/policy-document";
import type { EncryptionKey } from "../kms/encryption-key";
import { encryptedLogGroup } from "../monitoring/encrypted-log-group";
import { DEFAULT_FLOW_LOG_RETENTION_DAYS, DEFAULT_FLOW_LOG_TRAFFIC_TYPE } from "./network-settings";

/** Seconds per aggregation window: the shortest AWS offers, so records land within a minute. */
export const FLOW_LOG_AGGREGATION_SECONDS = 60;

/** Properties of {@link VpcFlowLogs}. */
export interface VpcFlowLogsProps {
  /** Name prefix, e.g. `orders-production-sa-east-1`. */
  readonly name: string;
  /** The VPC to record. */
  readonly vpcId: string;
  /** Account owning the log group, for its ARN and the key policy. */
  readonly accountId: string;
  /** Region of the VPC and log group. */
  readonly region: string;
  /** Days CloudWatch keeps records. @default 90 */
  readonly retentionDays?: number;
  /** Traffic to record. @default "ALL" */
  readonly trafficType?: "ALL" | "ACCEPT" | "REJECT";
}

/**
 * VPC flow logs to a KMS-encrypted CloudWatch log group with bounded retention, written
 * by a role that may only write to that one group.
 *
 * @example
 * ```ts
 * import { type RegionalNetwork, VpcFlowLogs } from "@plataforma/infra/constructs/network";
 *
 * declare const net: RegionalNetwork;
 *
 * new VpcFlowLogs(stack, "flow-logs", {
 *   name: "orders-production-sa-east-1",
 *   vpcId: net.vpc.id,
 *   accountId: "123456789012",
 *   region: "sa-east-1",
 *   retentionDays: 365,
 *   trafficType: "REJECT",
 * });
 * ```
 */
export class VpcFlowLogs extends Construct {
  /** The log group receiving records. */
  readonly logGroup: CloudwatchLogGroup;
  /** The flow log. */
  readonly flowLog: FlowLog;
  /** The key encrypting the log group. */
  readonly key: EncryptionKey;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const {
      key,
      logGroup,
      arn: groupArn,
    } = encryptedLogGroup(this, {
      name: `/aws/vpc/${props.name}/flow-logs`,
      retentionDays: props.retentionDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS,
      accountId: props.accountId,
      region: props.region,
      keyAlias: `${props.name}-flow-logs`,
      keyPurpose: `Encrypts VPC flow logs of ${props.name}`,
    });
    this.key = key;
    this.logGroup = logGroup;
    const role = new IamRole(this, "role", {
      name: `${props.name}-flow-logs`,
      assumeRolePolicy: serviceTrustPolicy("vpc-flow-logs.amazonaws.com", props.accountId),
    });
    new IamRolePolicy(this, "policy", {
      role: role.id,
      name: "write-flow-logs",
      policy: renderPolicy([
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [groupArn, `${groupArn}:*`],
        },
      ]),
    });
    this.flowLog = new FlowLog(this, "flow-log", {
      vpcId: props.vpcId,
      trafficType: props.trafficType ?? DEFAULT_FLOW_LOG_TRAFFIC_TYPE,
      logDestinationType: "cloud-watch-logs",
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: FLOW_LOG_AGGREGATION_SECONDS,
    });
  }
}
