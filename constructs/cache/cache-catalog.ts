/**
 * What ElastiCache accepts for replication groups, pinned with the provider this project
 * generates its bindings from (`hashicorp/aws` 5.100.0, `@cdktf/provider-aws` 20.1.0,
 * June 2025). The provider takes `node_type` as a free string and only checks that
 * `engine_version` looks like a version, so a typo (`cache.t4g.smal`) fails at apply:
 * the catalog is the check. Provider-free: config validation loads it without the bindings.
 *
 * Sources: ElastiCache "Supported node types" and "Supported engines and versions"
 * pages as of June 2025. Update them together with the provider pin.
 */

/** Cache engines of a replication group. */
export type CacheEngine = "redis" | "valkey";

function sizes(family: string, list: readonly string[]): string[] {
  return list.map((size) => `cache.${family}.${size}`);
}

const M5_R5 = ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"] as const;
const GRAVITON = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"] as const;

/** Current-generation node types (previous generations such as m4/r4/t2 are left out). */
export const CACHE_NODE_TYPES: readonly string[] = [
  ...sizes("t3", ["micro", "small", "medium"]),
  ...sizes("t4g", ["micro", "small", "medium"]),
  ...sizes("m5", M5_R5),
  ...sizes("m6g", GRAVITON),
  ...sizes("m7g", GRAVITON),
  ...sizes("r5", M5_R5),
  ...sizes("r6g", GRAVITON),
  ...sizes("r6gd", GRAVITON.slice(1)),
  ...sizes("r7g", GRAVITON),
  ...sizes("c7gn", GRAVITON),
];

/**
 * `major.minor` engine versions per engine. Redis OSS 4 and 5 are in (paid) extended
 * support and need a full patch version, so they are left out; 7.1 is the last Redis OSS
 * line ElastiCache ships.
 */
export const CACHE_ENGINE_VERSIONS: Readonly<Record<CacheEngine, readonly string[]>> = {
  redis: ["6.0", "6.2", "7.0", "7.1"],
  valkey: ["7.2", "8.0"],
};
