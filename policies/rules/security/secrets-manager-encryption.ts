import { isCustomerKey } from "../../lib/kms";
import { resourcesOf } from "../../lib/stack";
import { show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Secrets Manager secrets are encrypted with a customer-managed key: with the AWS managed
 * key, anyone allowed secretsmanager:GetSecretValue reads every secret of the account.
 */
export const secretsManagerEncryption: StackCheck = (stack) =>
  resourcesOf(stack, "aws_secretsmanager_secret").flatMap((secret): Violation[] =>
    isCustomerKey(secret.values.kms_key_id)
      ? []
      : [
          {
            address: secret.address,
            message: `kms_key_id is ${show(secret.values.kms_key_id)} (not a customer-managed key)`,
          },
        ],
  );
