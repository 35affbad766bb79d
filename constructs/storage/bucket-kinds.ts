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

/**
 * Where a lifecycle may move objects next from each class: S3's one-way waterfall
 * ("Supported lifecycle transitions", Amazon S3 User Guide). Nothing moves back up, and
 * One Zone-IA skips Glacier Instant Retrieval.
 */
export const STORAGE_CLASS_NEXT: Readonly<Record<StorageClass, readonly StorageClass[]>> = {
  STANDARD_IA: ["INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"],
  INTELLIGENT_TIERING: ["ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"],
  ONEZONE_IA: ["GLACIER", "DEEP_ARCHIVE"],
  GLACIER_IR: ["GLACIER", "DEEP_ARCHIVE"],
  GLACIER: ["DEEP_ARCHIVE"],
  DEEP_ARCHIVE: [],
};

/** Least age, in days, S3 lets a lifecycle move objects to STANDARD_IA or ONEZONE_IA. */
export const MIN_INFREQUENT_ACCESS_TRANSITION_DAYS = 30;

/** One thing S3 would refuse in a bucket lifecycle, with a path relative to the bucket's settings. */
export interface LifecycleProblem {
  /** `["transitions", 1, "days"]`, `["expirationDays"]`, ... */
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly received: unknown;
  readonly fix: string;
}

/**
 * What S3 refuses in a lifecycle (`PutBucketLifecycleConfiguration`): IA classes before
 * day 30, transitions not in increasing days or against the waterfall
 * ({@link STORAGE_CLASS_NEXT}), and an expiration not after every transition. The list is
 * the effective one (settings or the kind's defaults). Values of the wrong type are skipped:
 * config validation reports them field by field.
 */
export function lifecycleProblems(
  transitions: readonly BucketTransition[],
  expirationDays: number | undefined,
): LifecycleProblem[] {
  const problems: LifecycleProblem[] = [];
  const ia: readonly string[] = ["STANDARD_IA", "ONEZONE_IA"];
  const minIa = MIN_INFREQUENT_ACCESS_TRANSITION_DAYS;
  transitions.forEach((t, i) => {
    if (ia.includes(t.storageClass) && t.days < minIa) {
      problems.push({
        path: ["transitions", i, "days"],
        message: `moves objects to ${t.storageClass} at day ${t.days}; S3 allows it from day ${minIa}`,
        received: t.days,
        fix: `use ${minIa} days or more, or a class without that minimum (INTELLIGENT_TIERING, GLACIER_IR)`,
      });
    }
    if (i === 0) return;
    const previous = transitions[i - 1];
    if (!(t.days > previous.days)) {
      problems.push({
        path: ["transitions", i, "days"],
        message: `is day ${t.days}, not after the previous transition's day ${previous.days}`,
        received: t.days,
        fix: "list transitions in order of strictly increasing days",
      });
    }
    const next = STORAGE_CLASS_NEXT[previous.storageClass];
    if (next && !next.includes(t.storageClass)) {
      const allowed = next.length > 0 ? `one of ${next.join(", ")}` : "nothing: it is the last class; remove it";
      problems.push({
        path: ["transitions", i, "storageClass"],
        message:
          `moves objects from ${previous.storageClass} to ${t.storageClass}, ` +
          "which S3's one-way waterfall does not allow",
        received: t.storageClass,
        fix: `after ${previous.storageClass} use ${allowed}`,
      });
    }
  });
  const latest = transitions.reduce<BucketTransition | undefined>((a, t) => (a && a.days >= t.days ? a : t), undefined);
  if (expirationDays !== undefined && latest && expirationDays <= latest.days) {
    problems.push({
      path: ["expirationDays"],
      message:
        `deletes objects at day ${expirationDays}, not after the transition to ${latest.storageClass} at day ` +
        `${latest.days}; S3 refuses an expiration that is not after every transition`,
      received: expirationDays,
      fix: `expire after day ${latest.days}, or transition earlier (or drop the transition)`,
    });
  }
  return problems;
}
