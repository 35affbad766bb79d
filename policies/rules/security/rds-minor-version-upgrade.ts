import { allInstances } from "../../lib/rds";
import { isExpression, isFalse, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * DB instances take minor engine upgrades in their maintenance window (security patches).
 * Unset is compliant: the provider defaults `auto_minor_version_upgrade` to true.
 */
export const rdsMinorVersionUpgrade: StackCheck = (stack) =>
  allInstances(stack).flatMap((db): Violation[] => {
    const value = db.values.auto_minor_version_upgrade;
    return isFalse(value) || isExpression(value)
      ? [{ address: db.address, message: `auto_minor_version_upgrade is ${show(value)}` }]
      : [];
  });
