/**
 * Loading an optional peer dependency (`@cdktf/provider-helm`, `@cdktf/provider-kubernetes`,
 * `@cdktf/provider-cloudflare`) only when a construct that needs it is built, so a consumer
 * with the AWS provider alone can import every AWS domain (the database domain includes the
 * Kubernetes-hosted CockroachDB cluster, for instance).
 */
import type { IConstruct } from "constructs";

/** An optional peer dependency a construct needs but the consumer has not installed. */
export class MissingPeerDependencyError extends Error {
  constructor(
    /** Path of the construct in the tree (`node.path`). */
    readonly constructPath: string,
    /** Class of the construct, e.g. `CockroachDbCluster`. */
    readonly constructType: string,
    /** The npm package to install, e.g. `@cdktf/provider-helm`. */
    readonly packageName: string,
    /** The supported version range (package.json `peerDependencies`). */
    readonly range: string,
  ) {
    super(
      `${constructPath}: ${constructType} needs the optional peer dependency ${packageName} ` +
        `(${range}), which is not installed. Fix: npm install ${packageName}@"${range}"`,
    );
    this.name = "MissingPeerDependencyError";
  }
}

/**
 * Runs `load` (a function that calls `require` with a literal module id, so tools can still
 * see the dependency) and returns its module; turns "module not found" for `packageName`
 * into a {@link MissingPeerDependencyError} naming the construct and the install command.
 */
export function loadOptionalPeer<T>(construct: IConstruct, packageName: string, range: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    // Node (code MODULE_NOT_FOUND) and test runners' resolvers both word it this way.
    // Read structurally: an error from another realm (a test runner's resolver) fails instanceof.
    const message = String((error as { message?: unknown } | null)?.message ?? "");
    if (message.startsWith(`Cannot find module '${packageName}`)) {
      throw new MissingPeerDependencyError(construct.node.path, construct.constructor.name, packageName, range);
    }
    throw error;
  }
}
