import { managedPolicyCheck } from "../../lib/managed-policies";
import type { StackCheck } from "../../types";

/** No role, user or group gets the AWS managed IAMFullAccess policy (it can grant itself anything). */
export const iamFullAccess: StackCheck = managedPolicyCheck("IAMFullAccess");
