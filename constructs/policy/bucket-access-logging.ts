/**
 * What the `DP-S3-ACCESS-LOGGING` rule asks of a bucket a construct creates: server access
 * logs, or the caller's written exemption. The library never exempts a bucket on its own,
 * because only the caller knows whether a log bucket exists and until when an exemption
 * holds (a built-in expiry would fail the consumer's gate on a date it cannot change).
 */
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import type { Construct } from "constructs";
import { expiresProblem, reasonProblem } from "../../contracts/suppressions";
import type { PropProblem } from "../core/validation";
import { suppressPolicy } from "./suppress-policy";

/** The policy rule an {@link AccessLoggingExemption} suppresses. */
export const ACCESS_LOGGING_RULE_ID = "DP-S3-ACCESS-LOGGING";

/** Where a bucket's S3 server access logs go. */
export interface AccessLogTarget {
  /**
   * Name of the bucket receiving the logs, in the same account and region (for instance an
   * `S3AccessLogBucket`'s `bucket.bucket`). It must not be the logged bucket itself.
   */
  readonly bucket: string;
  /** Key prefix of this bucket's log objects. @default - `<logged bucket name>/` */
  readonly prefix?: string;
}

/**
 * The caller's reason for leaving a bucket without server access logs, recorded as a
 * `DP-S3-ACCESS-LOGGING` suppression on the bucket and reported by the policy gate.
 */
export interface AccessLoggingExemption {
  /** Why the bucket may go unlogged (10 characters or more; reviewed like code). */
  readonly reason: string;
  /**
   * Last day (YYYY-MM-DD) the exemption holds; after it the gate reports it as expired.
   * @default - never expires
   */
  readonly expires?: string;
}

/** The access-logging props a bucket-owning construct takes. */
export interface BucketAccessLoggingProps {
  /** Where the bucket's access logs go. */
  readonly accessLogs?: AccessLogTarget;
  /** Why the bucket has no access logs. */
  readonly accessLoggingExemption?: AccessLoggingExemption;
}

/**
 * Problems with a bucket's access-logging props, each prop named under `prefix` (`""` for
 * the construct's own props, `"replica."` for a nested bucket).
 */
export function accessLoggingProblems(props: BucketAccessLoggingProps, bucketName: string, prefix = ""): PropProblem[] {
  const problems: PropProblem[] = [];
  const { accessLogs, accessLoggingExemption: exemption } = props;
  if (accessLogs !== undefined && accessLogs.bucket.trim() === "") {
    problems.push({
      prop: `${prefix}accessLogs.bucket`,
      message: "is empty",
      received: accessLogs.bucket,
      fix: "name the bucket that receives the access logs, e.g. an S3AccessLogBucket's bucket.bucket",
    });
  }
  if (accessLogs !== undefined && accessLogs.bucket === bucketName) {
    problems.push({
      prop: `${prefix}accessLogs.bucket`,
      message: "is the logged bucket itself (every log write would be logged again)",
      received: accessLogs.bucket,
      fix: "send the logs to a bucket dedicated to access logs",
    });
  }
  if (exemption === undefined) return problems;
  if (accessLogs !== undefined) {
    problems.push({
      prop: `${prefix}accessLoggingExemption`,
      message: "is given although accessLogs is too (the exemption would suppress nothing)",
      received: exemption,
      fix: `remove ${prefix}accessLoggingExemption: the bucket logs to ${prefix}accessLogs.bucket`,
    });
  }
  const reason = reasonProblem(exemption.reason);
  if (reason !== undefined) {
    problems.push({
      prop: `${prefix}accessLoggingExemption.reason`,
      message: reason,
      received: exemption.reason,
      fix: "say why this bucket may go without access logs",
    });
  }
  const expires = expiresProblem(exemption.expires);
  if (expires !== undefined) {
    problems.push({
      prop: `${prefix}accessLoggingExemption.expires`,
      message: expires,
      received: exemption.expires,
      fix: "give the last day as YYYY-MM-DD, or leave expires out",
    });
  }
  return problems;
}

/**
 * Applies validated access-logging props to `bucket`: an `aws_s3_bucket_logging` (id
 * `logging` under `scope`) when `accessLogs` is given, the exemption as a suppression when
 * that is given, and nothing otherwise (the gate then reports the unlogged bucket).
 * Call {@link accessLoggingProblems} first.
 */
export function applyAccessLogging(
  scope: Construct,
  bucket: S3Bucket,
  bucketName: string,
  props: BucketAccessLoggingProps,
  provider?: AwsProvider,
): S3BucketLoggingA | undefined {
  const exemption = props.accessLoggingExemption;
  if (exemption !== undefined) {
    suppressPolicy(bucket, {
      ruleId: ACCESS_LOGGING_RULE_ID,
      reason: exemption.reason,
      ...(exemption.expires === undefined ? {} : { expires: exemption.expires }),
    });
  }
  if (props.accessLogs === undefined) return undefined;
  return new S3BucketLoggingA(scope, "logging", {
    bucket: bucket.id,
    targetBucket: props.accessLogs.bucket,
    targetPrefix: props.accessLogs.prefix ?? `${bucketName}/`,
    provider,
  });
}
