/**
 * Customer-managed KMS keys. The house rule is a customer key per purpose (rotation,
 * key policy and deletion under our control), so a key argument must be a reference to
 * a key resource or a literal key ARN; AWS-managed aliases (`alias/aws/...`) and
 * other expressions are not accepted.
 */
import { literalString, resourceReference } from "./values";

/** Resource types that are customer-managed KMS keys. */
const KMS_KEY_TYPES: ReadonlySet<string> = new Set([
  "aws_kms_key",
  "aws_kms_replica_key",
  "aws_kms_external_key",
  "aws_kms_replica_external_key",
]);

/** True when `value` names a customer-managed key: `${aws_kms_key.x.arn|key_id|id}` or a literal key ARN. */
export function isCustomerKey(value: unknown): boolean {
  const ref = resourceReference(value);
  if (ref) return KMS_KEY_TYPES.has(ref.type) && ["arn", "key_id", "id"].includes(ref.attribute);
  const literal = literalString(value);
  return literal !== undefined && /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(literal);
}
