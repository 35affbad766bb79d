import { isCustomerKey } from "../../lib/kms";
import { bucketCompanions, buckets, inlineBlock } from "../../lib/s3";
import { block, blocks, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

/** Problems of one `rule` list of an encryption configuration, or none when it uses a customer KMS key. */
function ruleProblem(rules: unknown): string | undefined {
  const defaults = blocks(rules).map((r) => block(r.apply_server_side_encryption_by_default));
  if (defaults.length === 0 || defaults.some((d) => d === undefined))
    return "it has no apply_server_side_encryption_by_default block";
  for (const d of defaults) {
    if (!d || !KMS_ALGORITHMS.includes(String(d.sse_algorithm)))
      return `sse_algorithm is ${show(d?.sse_algorithm)}, not aws:kms`;
    if (!isCustomerKey(d.kms_master_key_id))
      return `kms_master_key_id is ${show(d.kms_master_key_id)}, not a customer-managed key`;
  }
  return undefined;
}

/** Every bucket is encrypted by default with a customer-managed KMS key (split resource or legacy inline block). */
export const s3BucketEncryption: StackCheck = (stack) =>
  buckets(stack).flatMap((bucket): Violation[] => {
    const inline = inlineBlock(bucket, "server_side_encryption_configuration");
    const configs = [
      ...bucketCompanions(stack, bucket, "aws_s3_bucket_server_side_encryption_configuration").map((c) => ({
        where: c.address,
        rules: c.values.rule,
      })),
      ...(inline ? [{ where: `${bucket.address} (inline)`, rules: inline.rule }] : []),
    ];
    if (configs.length === 0) {
      return [
        {
          address: bucket.address,
          message: "no aws_s3_bucket_server_side_encryption_configuration in this stack points at the bucket",
        },
      ];
    }
    return configs.flatMap(({ where, rules }) => {
      const problem = ruleProblem(rules);
      return problem ? [{ address: bucket.address, message: `encryption configuration ${where}: ${problem}` }] : [];
    });
  });
