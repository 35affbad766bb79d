import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import type { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { throwIfInvalid } from "../core/validation";
import { renderPolicy, serviceTrustPolicy } from "../iam/policy-document";
import { EncryptionKey } from "../kms/encryption-key";
import {
  type AccessLoggingExemption,
  type AccessLogTarget,
  accessLoggingProblems,
  applyAccessLogging,
} from "../policy/bucket-access-logging";
import { bucketBaseline, encryptWithKey } from "../storage/bucket-baseline";
import { denyInsecureTransport } from "../storage/tls-only";
import { encryptedLogGroup } from "./encrypted-log-group";

/** Days trail objects and events are kept (seed 002 asks 90 days of audit logs; a year covers audits). */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

/** CloudWatch namespace of the CloudTrail metric filters when none is given. */
export const DEFAULT_AUDIT_METRIC_NAMESPACE = "Audit";

/**
 * What CloudWatch accepts as a custom metric namespace: 1-255 characters of letters,
 * digits and `.-_/#:` plus spaces, not starting with a colon, and not the reserved `AWS/`.
 */
const METRIC_NAMESPACE = /^(?!AWS\/)(?!:)[A-Za-z0-9.\-_/#: ]{1,255}$/;

/**
 * CloudTrail metric filters of the CIS AWS Foundations Benchmark "monitoring" section
 * (patterns as the benchmark writes them), each alarmed at its first occurrence.
 */
export const CIS_METRIC_FILTERS = {
  "root-usage": {
    title: "the root user was used",
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  "iam-policy-changes": {
    title: "an IAM policy changed",
    pattern:
      "{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || " +
      "($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || " +
      "($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || " +
      "($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || " +
      "($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || " +
      "($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }",
  },
  "console-login-without-mfa": {
    title: "an IAM user signed in to the console without MFA",
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ' +
      '($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  "kms-key-deletion": {
    title: "a KMS key was disabled or scheduled for deletion",
    pattern:
      "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }",
  },
  "security-group-changes": {
    title: "a security group changed",
    pattern:
      "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || " +
      "($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || " +
      "($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",
  },
} as const;

/** Properties of {@link AuditTrail}. */
export interface AuditTrailProps {
  /** Trail name; also the bucket name prefix and the key alias. */
  readonly name: string;
  /** Bucket name of the trail (globally unique). */
  readonly bucketName: string;
  /** Account the trail records. */
  readonly accountId: string;
  /** Region of the trail's home (bucket, key, log group, alarms). */
  readonly region: string;
  /** SNS topic ARN the CIS alarms notify. */
  readonly alarmTopicArn: string;
  /** Days objects and log events are kept. @default 365 */
  readonly retentionDays?: number;
  /** Runbook base URL; each alarm links `<base>#audit-<filter>`. @default - no link */
  readonly runbookBaseUrl?: string;
  /**
   * CloudWatch namespace of the CIS metric filters and their alarms, e.g. `Acme/Audit`
   * (changing it on a deployed trail replaces every filter's metric and alarm).
   * @default "Audit"
   */
  readonly metricNamespace?: string;
  /**
   * Where the trail bucket's S3 server access logs go (an `aws_s3_bucket_logging` is created).
   * @default - no access logs: the policy gate reports `DP-S3-ACCESS-LOGGING` for the
   * bucket unless `accessLoggingExemption` says why
   */
  readonly accessLogs?: AccessLogTarget;
  /**
   * Why the trail bucket has no access logs (for instance: it is created before any log
   * bucket exists; CloudTrail log file validation proves every object unchanged), recorded as
   * a `DP-S3-ACCESS-LOGGING` suppression the gate reports with its reason, and as an error
   * once `expires` has passed. Not with `accessLogs`.
   * @default - no exemption: without `accessLogs` the gate reports the unlogged bucket
   */
  readonly accessLoggingExemption?: AccessLoggingExemption;
}

/**
 * The account's audit trail: a multi-region CloudTrail (global service events, log file
 * validation) encrypted with its own key, delivered to a bucket protected like the state
 * bucket (versioned, KMS, public access blocked, TLS only, `prevent_destroy`) and to an
 * encrypted log group whose metric filters alarm on the CIS basics.
 *
 * Server access logs of the trail bucket are the caller's choice: give `accessLogs`, or
 * `accessLoggingExemption` to record why there are none. With neither, the policy gate
 * reports the bucket under `DP-S3-ACCESS-LOGGING` like any unlogged bucket; the library
 * exempts nothing on its own.
 *
 * @example
 * ```ts
 * import { AuditTrail } from "@plataforma/infra/constructs/monitoring";
 *
 * new AuditTrail(stack, "audit-trail", {
 *   name: "acme-prod-audit",
 *   bucketName: "acme-prod-audit-123456789012",
 *   accountId: "123456789012",
 *   region: "sa-east-1",
 *   alarmTopicArn: "arn:aws:sns:sa-east-1:123456789012:acme-prod-alarms-critical",
 *   metricNamespace: "Acme/Audit",
 *   accessLogs: { bucket: "acme-prod-access-logs-123456789012" },
 * });
 * ```
 */
export class AuditTrail extends Construct {
  readonly trail: Cloudtrail;
  readonly bucket: S3Bucket;
  readonly key: EncryptionKey;
  /** CIS alarms by filter key. */
  readonly alarms: Readonly<Record<string, CloudwatchMetricAlarm>>;
  /** The trail bucket's access logging, when `accessLogs` is given. */
  readonly accessLogging?: S3BucketLoggingA;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const retention = props.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
    const namespace = props.metricNamespace ?? DEFAULT_AUDIT_METRIC_NAMESPACE;
    throwIfInvalid(this, [
      ...(Number.isInteger(retention) && retention >= 90
        ? []
        : [
            {
              prop: "retentionDays",
              message: "must be a whole number of days, at least 90 (seed 002: audit logs kept 90 days)",
              received: retention,
              fix: `use ${DEFAULT_AUDIT_RETENTION_DAYS}`,
            },
          ]),
      ...(METRIC_NAMESPACE.test(namespace)
        ? []
        : [
            {
              prop: "metricNamespace",
              message: "is not a CloudWatch namespace (1-255 characters, no leading colon, not AWS/...)",
              received: namespace,
              fix: `use a name such as "Acme/Audit", or leave it out for "${DEFAULT_AUDIT_METRIC_NAMESPACE}"`,
            },
          ]),
      ...accessLoggingProblems(props, props.bucketName),
    ]);
    const account = props.accountId;
    const trailArn = `arn:aws:cloudtrail:${props.region}:${account}:trail/${props.name}`;
    this.key = new EncryptionKey(this, "key", {
      alias: props.name,
      purpose: `Encrypts CloudTrail trail ${props.name}`,
      accountId: account,
      services: [
        {
          principal: "cloudtrail.amazonaws.com",
          actions: ["kms:GenerateDataKey*"],
          condition: {
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${account}:trail/*` },
            StringEquals: { "aws:SourceArn": trailArn },
          },
        },
        {
          principal: "cloudtrail.amazonaws.com",
          actions: ["kms:DescribeKey"],
          condition: { StringEquals: { "aws:SourceArn": trailArn } },
        },
      ],
    });
    this.bucket = this.createBucket(props, trailArn, retention);
    this.accessLogging = applyAccessLogging(this, this.bucket, props.bucketName, props);
    const logs = encryptedLogGroup(this, {
      name: `/aws/cloudtrail/${props.name}`,
      retentionDays: retention,
      accountId: account,
      region: props.region,
      keyAlias: `${props.name}-logs`,
      keyPurpose: `Encrypts the CloudTrail events of ${props.name} in CloudWatch Logs`,
      keyId: "logs-key",
    });
    const role = new IamRole(this, "logs-role", {
      name: `${props.name}-cloudtrail-logs`,
      assumeRolePolicy: serviceTrustPolicy("cloudtrail.amazonaws.com", account),
    });
    new IamRolePolicy(this, "logs-policy", {
      role: role.id,
      name: "deliver-events",
      policy: renderPolicy([
        { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logs.arn}:*` },
      ]),
    });
    this.trail = new Cloudtrail(this, "trail", {
      name: props.name,
      s3BucketName: this.bucket.bucket,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: this.key.key.arn,
      cloudWatchLogsGroupArn: `${logs.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      dependsOn: [this.bucketPolicy],
    });
    this.alarms = this.cisAlarms(props, logs.logGroup.name, namespace);
  }

  private bucketPolicy!: S3BucketPolicy;

  private createBucket(props: AuditTrailProps, trailArn: string, retention: number): S3Bucket {
    const bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });
    new S3BucketVersioningA(this, "versioning", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    encryptWithKey(this, bucket.id, this.key.key.arn);
    bucketBaseline(this, bucket.id);
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "expire-audit-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: retention }],
          noncurrentVersionExpiration: [{ noncurrentDays: retention }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    const arn = `arn:aws:s3:::${props.bucketName}`;
    this.bucketPolicy = new S3BucketPolicy(this, "policy", {
      bucket: bucket.id,
      policy: renderPolicy([
        denyInsecureTransport(arn),
        {
          Sid: "CloudTrailAclCheck",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:GetBucketAcl",
          Resource: arn,
          Condition: { StringEquals: { "aws:SourceArn": trailArn } },
        },
        {
          Sid: "CloudTrailWrite",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `${arn}/AWSLogs/${props.accountId}/*`,
          Condition: {
            StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn },
          },
        },
      ]),
    });
    return bucket;
  }

  private cisAlarms(
    props: AuditTrailProps,
    logGroupName: string,
    namespace: string,
  ): Record<string, CloudwatchMetricAlarm> {
    const alarms: Record<string, CloudwatchMetricAlarm> = {};
    for (const [key, filter] of Object.entries(CIS_METRIC_FILTERS)) {
      const metricName = `${props.name}-${key}`;
      new CloudwatchLogMetricFilter(this, `filter-${key}`, {
        name: metricName,
        logGroupName,
        pattern: filter.pattern,
        metricTransformation: { name: metricName, namespace, value: "1" },
      });
      const runbook = props.runbookBaseUrl ? ` Runbook: ${props.runbookBaseUrl}#audit-${key}` : "";
      alarms[key] = new CloudwatchMetricAlarm(this, `alarm-${key}`, {
        alarmName: `${props.name}/${key}`,
        alarmDescription: `critical: ${filter.title} (CloudTrail, CIS AWS Foundations).${runbook}`,
        namespace,
        metricName,
        statistic: "Sum",
        period: 60,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [props.alarmTopicArn],
      });
    }
    return alarms;
  }
}
