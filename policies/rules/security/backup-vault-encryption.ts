import { isCustomerKey } from "../../lib/kms";
import { resourcesOf } from "../../lib/stack";
import { show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** AWS Backup vaults encrypt recovery points with a customer-managed key. */
export const backupVaultEncryption: StackCheck = (stack) =>
  resourcesOf(stack, "aws_backup_vault").flatMap((vault): Violation[] =>
    isCustomerKey(vault.values.kms_key_arn)
      ? []
      : [
          {
            address: vault.address,
            message: `kms_key_arn is ${show(vault.values.kms_key_arn)} (not a customer-managed key)`,
          },
        ],
  );
