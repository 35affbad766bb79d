import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { ConstructValidationError } from "../../constructs/core/validation";
import { EncryptionKey } from "../../constructs/kms/encryption-key";
import type { StackJson } from "../helpers";

/** What construct tests get to build with: keys and a security group in the scope. */
export interface Fixture {
  readonly scope: Construct;
  readonly key: EncryptionKey;
  readonly logKey: EncryptionKey;
  readonly securityGroup: SecurityGroup;
}

/** Synthesizes what `build` creates next to a data key, a log key and a security group. */
export function synthWith(build: (f: Fixture) => void): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const key = new EncryptionKey(scope, "key", { alias: "test-data", purpose: "test", accountId: "123456789012" });
      const logKey = new EncryptionKey(scope, "log-key", {
        alias: "test-logs",
        purpose: "test",
        accountId: "123456789012",
      });
      const securityGroup = new SecurityGroup(scope, "sg", { name: "test", vpcId: "vpc-1" });
      build({ scope, key, logKey, securityGroup });
    }),
  ) as StackJson;
}

/**
 * Runs `build`, which must fail validation, and returns the error: tests then check which
 * props were reported with which values (the message format has its own test).
 */
export function validationError(build: () => unknown): ConstructValidationError {
  try {
    build();
  } catch (error) {
    if (error instanceof ConstructValidationError) return error;
    throw error;
  }
  throw new Error("the props were accepted. Fix: make the test's props invalid");
}

/** `[prop, received]` of every problem `build` reports, in order. */
export function reported(build: () => unknown): [string, unknown][] {
  return validationError(build).problems.map((p) => [p.prop, p.received]);
}
