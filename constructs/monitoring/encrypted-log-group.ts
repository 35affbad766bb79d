import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { Construct } from "constructs";
import { EncryptionKey } from "../kms/encryption-key";

/** What {@link encryptedLogGroup} creates the group and its key from. */
export interface EncryptedLogGroupOptions {
  /** Log group name, e.g. `/aws/vpc/<name>/flow-logs`. */
  readonly name: string;
  /** Days CloudWatch keeps the events. */
  readonly retentionDays: number;
  /** Account and region of the group: its ARN, which the key policy names. */
  readonly accountId: string;
  readonly region: string;
  /** Alias of the group's key, without `alias/`. */
  readonly keyAlias: string;
  /** What the key protects; becomes its description. */
  readonly keyPurpose: string;
  /** Construct id of the key in `scope` (part of its address). @default "key" */
  readonly keyId?: string;
}

/**
 * A CloudWatch log group with bounded retention, encrypted with its own KMS key that
 * CloudWatch Logs may use for this one group only (encryption context condition). Created
 * in `scope` under the ids `keyId` and `log-group`, so the services that would otherwise
 * create the group themselves (unencrypted, kept forever) find it in place. Returns the
 * key, the group and the group's ARN as a plain string (known at synth, for IAM policies).
 */
export function encryptedLogGroup(
  scope: Construct,
  options: EncryptedLogGroupOptions,
): { readonly key: EncryptionKey; readonly logGroup: CloudwatchLogGroup; readonly arn: string } {
  const arn = `arn:aws:logs:${options.region}:${options.accountId}:log-group:${options.name}`;
  const key = new EncryptionKey(scope, options.keyId ?? "key", {
    alias: options.keyAlias,
    purpose: options.keyPurpose,
    accountId: options.accountId,
    services: [
      {
        principal: `logs.${options.region}.amazonaws.com`,
        actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": arn } },
      },
    ],
  });
  const logGroup = new CloudwatchLogGroup(scope, "log-group", {
    name: options.name,
    retentionInDays: options.retentionDays,
    kmsKeyId: key.key.arn,
  });
  return { key, logGroup, arn };
}
