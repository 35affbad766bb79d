import { managedPolicyCheck } from "../../lib/managed-policies";
import type { StackCheck } from "../../types";

/** No role, user or group gets the AWS managed AdministratorAccess policy. */
export const iamAdministratorAccess: StackCheck = managedPolicyCheck("AdministratorAccess");
