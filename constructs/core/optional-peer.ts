/**
 * Loading an optional peer dependency (`@cdktf/provider-helm`, `@cdktf/provider-kubernetes`,
 * `@cdktf/provider-cloudflare`) only when a construct that needs it is built, so a consumer
 * with the AWS provider alone can import every AWS domain (the database domain includes the
 * Kubernetes-hosted CockroachDB cluster, for instance); and checking, before anything loads,
 * that the peers of a domain built on them (`cloudflare`, `workloads`) are installed.
 */
import type { IConstruct } from "constructs";

/** The package's npm name: its entry points are `<name>/constructs/<domain>`. */
export const PACKAGE_NAME = "@plataforma/infra";

/**
 * The optional peer dependencies and the versions supported, as package.json
 * `peerDependencies` states them (a test keeps the two equal).
 */
export const OPTIONAL_PEERS = {
  "@cdktf/provider-cloudflare": "^13.9.1",
  "@cdktf/provider-helm": "^12.1.2",
  "@cdktf/provider-kubernetes": "^12.1.1",
} as const;

/** The npm name of an optional peer dependency. */
export type OptionalPeerName = keyof typeof OPTIONAL_PEERS;

/** Domains with their own entry point only, because they need optional peer dependencies. */
export const OPTIONAL_PEER_DOMAINS = {
  cloudflare: ["@cdktf/provider-cloudflare"],
  workloads: ["@cdktf/provider-kubernetes", "@cdktf/provider-helm"],
} as const satisfies Readonly<Record<string, readonly OptionalPeerName[]>>;

/** One missing peer: the npm package to install and the supported range. */
export interface MissingPeer {
  /** The npm package, e.g. `@cdktf/provider-helm`. */
  readonly packageName: string;
  /** The supported version range (package.json `peerDependencies`), e.g. `^12.1.2`. */
  readonly range: string;
}

/**
 * Optional peer dependencies a construct (or a domain's entry point) needs but the consumer
 * has not installed: all of them in one error, with one install command.
 */
export class MissingPeerDependencyError extends Error {
  constructor(
    /**
     * Path of the construct in the tree (`node.path`); for a domain's entry point, its
     * import path (`@plataforma/infra/constructs/cloudflare`).
     */
    readonly constructPath: string,
    /** Class of the construct, e.g. `CockroachDbCluster`; for an entry point `the <domain> domain`. */
    readonly constructType: string,
    /** Every missing peer, in the order the construct needs them. */
    readonly missing: readonly MissingPeer[],
  ) {
    const several = missing.length > 1;
    const names = missing.map((p) => `${p.packageName} (${p.range})`);
    const list = several ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names[0];
    const install = missing.map((p) => `${p.packageName}@"${p.range}"`).join(" ");
    super(
      `${constructPath}: ${constructType} needs the optional peer ${several ? "dependencies" : "dependency"} ` +
        `${list}, which ${several ? "are" : "is"} not installed. Fix: npm install ${install}`,
    );
    this.name = "MissingPeerDependencyError";
  }
}

/** How to load one module of an optional peer. */
export interface OptionalPeerLoader<T> {
  /** The peer the module belongs to. */
  readonly packageName: OptionalPeerName;
  /** Calls `require` with a literal module id (so tools still see the dependency) and returns what is needed. */
  readonly load: () => T;
}

/** The peer and range for `name`. */
function peer(name: OptionalPeerName): MissingPeer {
  return { packageName: name, range: OPTIONAL_PEERS[name] };
}

/**
 * True when `error` says `packageName` itself (or a file in it) cannot be found. Read
 * structurally: an error from another realm (a test runner's resolver) fails instanceof,
 * and Node (code MODULE_NOT_FOUND) and test runners' resolvers both word it this way.
 */
function isNotFound(error: unknown, packageName: string): boolean {
  const message = String((error as { message?: unknown } | null)?.message ?? "");
  return (
    message.startsWith(`Cannot find module '${packageName}'`) ||
    message.startsWith(`Cannot find module '${packageName}/`)
  );
}

/**
 * Runs every loader and returns what each loaded, by key; when some peers are not
 * installed, throws one {@link MissingPeerDependencyError} naming the construct, every
 * missing peer with its range, and the install command. Other errors pass through.
 */
export function loadOptionalPeers<T extends Record<string, unknown>>(
  construct: IConstruct,
  loaders: { readonly [K in keyof T]: OptionalPeerLoader<T[K]> },
): T {
  const loaded: Partial<T> = {};
  const missing: OptionalPeerName[] = [];
  for (const key of Object.keys(loaders) as (keyof T)[]) {
    const { packageName, load } = loaders[key];
    if (missing.includes(packageName)) continue;
    try {
      loaded[key] = load();
    } catch (error) {
      if (!isNotFound(error, packageName)) throw error;
      missing.push(packageName);
    }
  }
  if (missing.length > 0) {
    throw new MissingPeerDependencyError(construct.node.path, construct.constructor.name, missing.map(peer));
  }
  return loaded as T;
}

/**
 * Called first by the entry point of a domain built on optional peers: throws one
 * {@link MissingPeerDependencyError} naming the entry point, every missing peer, its range
 * and the install command, instead of the raw "Cannot find module" of whichever provider
 * file happens to load first. Only resolves the peers' paths: nothing is loaded here.
 */
export function requireDomainPeers(domain: keyof typeof OPTIONAL_PEER_DOMAINS): void {
  const missing = OPTIONAL_PEER_DOMAINS[domain].filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch (error) {
      if (isNotFound(error, name)) return true;
      throw error;
    }
  });
  if (missing.length > 0) {
    throw new MissingPeerDependencyError(
      `${PACKAGE_NAME}/constructs/${domain}`,
      `the ${domain} domain`,
      missing.map(peer),
    );
  }
}
