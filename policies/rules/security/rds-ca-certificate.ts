import { allInstances } from "../../lib/rds";
import { show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Certificate authorities RDS still supports (the 2019 CA expired in August 2024). */
export const CURRENT_RDS_CAS: readonly string[] = ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"];

/**
 * DB instances present a certificate from a current CA. Unset is compliant: since January
 * 2024 RDS issues new instances `rds-ca-rsa2048-g1` by default.
 */
export const rdsCaCertificate: StackCheck = (stack) =>
  allInstances(stack).flatMap((db): Violation[] => {
    const ca = db.values.ca_cert_identifier;
    return ca === undefined || (typeof ca === "string" && CURRENT_RDS_CAS.includes(ca))
      ? []
      : [{ address: db.address, message: `ca_cert_identifier is ${show(ca)}; expected ${CURRENT_RDS_CAS.join(", ")}` }];
  });
