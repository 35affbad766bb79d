/** What a bucket is for; decides its lifecycle and access defaults. */
export const BUCKET_KINDS = ["reports", "uploads", "backups", "module-bundles", "module-data"] as const;

/** One of {@link BUCKET_KINDS}. */
export type BucketKind = (typeof BUCKET_KINDS)[number];

/** S3 storage classes lifecycle rules may move objects to. */
export const STORAGE_CLASSES = [
  "STANDARD_IA",
  "ONEZONE_IA",
  "INTELLIGENT_TIERING",
  "GLACIER_IR",
  "GLACIER",
  "DEEP_ARCHIVE",
] as const;

/** One of {@link STORAGE_CLASSES}. */
export type StorageClass = (typeof STORAGE_CLASSES)[number];

/** A lifecycle transition. */
export interface BucketTransition {
  readonly days: number;
  readonly storageClass: StorageClass;
}

/** Settings a bucket kind implies unless the catalog overrides them. */
export interface BucketKindDefaults {
  /** Keep every object version. */
  readonly versioned: boolean;
  /** Data users cannot recreate: production refuses to turn versioning off. */
  readonly mustKeep: boolean;
  readonly transitions: readonly BucketTransition[];
  /** Delete current objects after this many days. */
  readonly expirationDays?: number;
  /** Delete superseded versions after this many days. */
  readonly noncurrentVersionExpirationDays?: number;
  /** Replicate to the DR region when the environment has one. */
  readonly replicateToDr: boolean;
}

/** Days in seven years: seed 000's archive retention for backups. */
export const SEVEN_YEARS_DAYS = 2557;

/**
 * Defaults per kind, from the seeds: reports versioned, IA at 90 days, Glacier at 365,
 * replicated (seed 003); uploads temporary, expire at 30 days (seed 003); backups in
 * Glacier, kept 7 years (seed 000); module bundles versioned for rollback, served by
 * CloudFront, replicated so its origin group can fail over; module data versioned and replicated (it is customer data).
 */
export const BUCKET_KIND_DEFAULTS: Readonly<Record<BucketKind, BucketKindDefaults>> = {
  reports: {
    versioned: true,
    mustKeep: true,
    transitions: [
      { days: 90, storageClass: "STANDARD_IA" },
      { days: 365, storageClass: "GLACIER" },
    ],
    noncurrentVersionExpirationDays: 365,
    replicateToDr: true,
  },
  uploads: { versioned: false, mustKeep: false, transitions: [], expirationDays: 30, replicateToDr: false },
  backups: {
    versioned: true,
    mustKeep: true,
    transitions: [
      { days: 30, storageClass: "GLACIER" },
      { days: 180, storageClass: "DEEP_ARCHIVE" },
    ],
    expirationDays: SEVEN_YEARS_DAYS,
    noncurrentVersionExpirationDays: 90,
    replicateToDr: true,
  },
  "module-bundles": {
    versioned: true,
    mustKeep: false,
    transitions: [],
    noncurrentVersionExpirationDays: 90,
    // CloudFront fails over to the replica when the primary region's S3 errors.
    replicateToDr: true,
  },
  "module-data": {
    versioned: true,
    mustKeep: true,
    transitions: [{ days: 180, storageClass: "STANDARD_IA" }],
    noncurrentVersionExpirationDays: 365,
    replicateToDr: true,
  },
};
