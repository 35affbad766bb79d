import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53QueryLog } from "@cdktf/provider-aws/lib/route53-query-log";
import { Construct } from "constructs";
import { renderPolicy } from "../iam/policy-document";
import { EncryptionKey } from "../kms/encryption-key";
import type { PublicZone } from "./public-zone";

/** Region Route 53 writes public-zone query logs to. */
export const QUERY_LOG_REGION = "us-east-1";

/** Query log retention when none is given, days (seed 002: audit logs >= 90 days). */
export const DEFAULT_QUERY_LOG_RETENTION_DAYS = 90;

/** Properties of {@link ZoneQueryLogging}. */
export interface ZoneQueryLoggingProps {
  /** The public zone whose queries to log. */
  readonly zone: PublicZone;
  readonly accountId: string;
  /** Name prefix of the key alias and resource policy, e.g. `orders-production`. */
  readonly name: string;
  /** @default 90 */
  readonly retentionDays?: number;
  /** A provider for us-east-1: Route 53 delivers public-zone query logs only there. */
  readonly provider: AwsProvider;
}

/**
 * DNS query logging of a public zone: a KMS-encrypted log group `/aws/route53/<zone>` in
 * us-east-1 with bounded retention, the account's log resource policy letting Route 53 write
 * to `/aws/route53/*` of this account only, and the query log configuration.
 *
 * @example
 * ```ts
 * import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
 * import { type PublicZone, ZoneQueryLogging } from "@plataforma/infra/constructs/dns";
 *
 * declare const zone: PublicZone;
 * declare const usEast1: AwsProvider; // Route 53 writes query logs to us-east-1
 *
 * new ZoneQueryLogging(stack, "query-logs", {
 *   zone,
 *   accountId: "123456789012",
 *   name: "orders-production",
 *   retentionDays: 365,
 *   provider: usEast1,
 * });
 * ```
 */
export class ZoneQueryLogging extends Construct {
  /** The log group. */
  readonly logGroup: CloudwatchLogGroup;
  /** The log group's key. */
  readonly key: EncryptionKey;

  constructor(scope: Construct, id: string, props: ZoneQueryLoggingProps) {
    super(scope, id);
    const account = props.accountId;
    const provider = props.provider;
    const groups = `arn:aws:logs:${QUERY_LOG_REGION}:${account}:log-group:/aws/route53/*`;
    this.key = new EncryptionKey(this, "key", {
      alias: `${props.name}-dns-query-logs`,
      purpose: `Encrypts the DNS query logs of ${props.zone.zoneName}`,
      accountId: account,
      services: [
        {
          principal: `logs.${QUERY_LOG_REGION}.amazonaws.com`,
          actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": groups } },
        },
      ],
      provider,
    });
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/route53/${props.zone.zoneName}`,
      retentionInDays: props.retentionDays ?? DEFAULT_QUERY_LOG_RETENTION_DAYS,
      kmsKeyId: this.key.key.arn,
      provider,
    });
    const policy = new CloudwatchLogResourcePolicy(this, "route53-writes", {
      policyName: `${props.name}-route53-query-logs`,
      policyDocument: renderPolicy([
        {
          Sid: "Route53QueryLogs",
          Effect: "Allow",
          Principal: { Service: "route53.amazonaws.com" },
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: groups,
          Condition: {
            StringEquals: { "aws:SourceAccount": account },
            ArnLike: { "aws:SourceArn": "arn:aws:route53:::hostedzone/*" },
          },
        },
      ]),
      provider,
    });
    new Route53QueryLog(this, "query-log", {
      zoneId: props.zone.zone.zoneId,
      cloudwatchLogGroupArn: this.logGroup.arn,
      dependsOn: [policy],
    });
  }
}
