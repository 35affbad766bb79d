import { helmReleases } from "../../lib/helm";
import type { StackCheck, Violation } from "../../types";

/**
 * Helm release values can be read at synth time (literal documents, not `file()` or
 * `templatefile()` expressions): the Kubernetes rules check chart values, and what they
 * cannot read they cannot pass (fail closed).
 */
export const helmValuesReadable: StackCheck = (stack) =>
  helmReleases(stack).flatMap(({ release, values }): Violation[] =>
    "unreadable" in values ? [{ address: release.address, message: `cannot read values: ${values.unreadable}` }] : [],
  );
