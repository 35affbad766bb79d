/**
 * What RDS and Aurora accept for PostgreSQL, pinned with the provider this project
 * generates its bindings from (`hashicorp/aws` 5.100.0, `@cdktf/provider-aws` 20.1.0,
 * June 2025). The provider takes `instance_class` and `engine_version` as free strings
 * (no enum, no validation regex: a typo fails only at apply, minutes in), so the
 * catalog is the check. Provider-free: config validation loads it without the bindings.
 *
 * Sources: the RDS "Supported DB engines for DB instance classes" and Aurora "Supported
 * DB engines for DB instance classes" tables, and the RDS / Aurora PostgreSQL release
 * calendars as of June 2025. Update them together with the provider pin.
 */

/** Where PostgreSQL runs: one RDS instance (Multi-AZ standby) or an Aurora cluster. */
export type PostgresDeployment = "rds" | "aurora";

/** `<family>.<size>` for every size of a family. */
function sizes(family: string, list: readonly string[]): string[] {
  return list.map((size) => `db.${family}.${size}`);
}

const BURSTABLE = ["micro", "small", "medium", "large", "xlarge", "2xlarge"] as const;
const GRAVITON_2 = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"] as const;
const INTEL_5 = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"] as const;
const INTEL_6 = [...INTEL_5, "32xlarge"] as const;

/**
 * DB instance classes RDS for PostgreSQL 13-17 runs on, by family. Burstable micro and
 * small exist but the schema refuses them separately (no Performance Insights).
 */
export const RDS_POSTGRES_INSTANCE_CLASSES: readonly string[] = [
  ...sizes("t3", BURSTABLE),
  ...sizes("t4g", BURSTABLE),
  ...sizes("m5", INTEL_5),
  ...sizes("m6g", GRAVITON_2),
  ...sizes("m6gd", GRAVITON_2),
  ...sizes("m6i", INTEL_6),
  ...sizes("m7g", GRAVITON_2),
  ...sizes("r5", INTEL_5),
  ...sizes("r6g", GRAVITON_2),
  ...sizes("r6gd", GRAVITON_2),
  ...sizes("r6i", INTEL_6),
  ...sizes("r7g", GRAVITON_2),
];

/**
 * DB instance classes Aurora PostgreSQL 13-17 runs on. Aurora has no micro/small and no
 * m-family for PostgreSQL; Serverless v2 (`db.serverless`) is not offered by this schema.
 */
export const AURORA_POSTGRES_INSTANCE_CLASSES: readonly string[] = [
  "db.t3.medium",
  "db.t3.large",
  "db.t4g.medium",
  "db.t4g.large",
  ...sizes("r5", INTEL_5),
  ...sizes("r6g", GRAVITON_2),
  ...sizes("r6gd", GRAVITON_2),
  ...sizes("r6i", INTEL_6),
  ...sizes("r7g", GRAVITON_2),
  ...sizes("r7i", [...INTEL_6, "48xlarge"]),
  ...sizes("x2g", GRAVITON_2),
];

/** Instance classes per deployment. */
export const POSTGRES_INSTANCE_CLASSES: Readonly<Record<PostgresDeployment, readonly string[]>> = {
  rds: RDS_POSTGRES_INSTANCE_CLASSES,
  aurora: AURORA_POSTGRES_INSTANCE_CLASSES,
};

/** Inclusive minor ranges per major, as `[major, lowest minor, highest minor]`. */
type MinorRanges = readonly (readonly [major: number, lowest: number, highest: number])[];

/**
 * Minor versions offered per major in June 2025. PostgreSQL 12 left standard support
 * on 28 February 2025 (extended support is billed) and is not offered; the lowest minors
 * are the oldest still creatable then (older ones were deprecated).
 */
const RDS_POSTGRES_MINORS: MinorRanges = [
  [13, 15, 21],
  [14, 12, 18],
  [15, 7, 13],
  [16, 3, 9],
  [17, 2, 5],
];

const AURORA_POSTGRES_MINORS: MinorRanges = [
  [13, 12, 20],
  [14, 9, 17],
  [15, 4, 12],
  [16, 1, 8],
  [17, 4, 5],
];

function expand(ranges: MinorRanges): string[] {
  return ranges.flatMap(([major, low, high]) =>
    Array.from({ length: high - low + 1 }, (_, i) => `${major}.${low + i}`),
  );
}

/** `major.minor` engine versions per deployment, oldest first. */
export const POSTGRES_ENGINE_VERSIONS: Readonly<Record<PostgresDeployment, readonly string[]>> = {
  rds: expand(RDS_POSTGRES_MINORS),
  aurora: expand(AURORA_POSTGRES_MINORS),
};
