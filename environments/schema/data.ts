import { z } from "zod";
import {
  DEFAULT_BACKUP_RETENTION_DAYS,
  MAX_VAULT_RETENTION_DAYS,
  VAULT_LOCK_MODES,
} from "../../constructs/backup/backup-settings";
import { CACHE_ENGINE_VERSIONS, CACHE_NODE_TYPES } from "../../constructs/cache/cache-catalog";
import {
  AURORA_POSTGRES_INSTANCE_CLASSES,
  POSTGRES_ENGINE_VERSIONS,
  POSTGRES_INSTANCE_CLASSES,
  RDS_POSTGRES_INSTANCE_CLASSES,
} from "../../constructs/database/postgres-catalog";
import { DR_REPLICATION_MIN_RPO_MINUTES, type DrReplication } from "../../constructs/database/replication";
import {
  BUCKET_KIND_DEFAULTS,
  BUCKET_KINDS,
  lifecycleProblems,
  STORAGE_CLASSES,
} from "../../constructs/storage/bucket-kinds";
import { activeDrRegion } from "../../naming/derived";
import { PRODUCTION_MIN_BACKUP_RETENTION_DAYS } from "../../policies/rules/reliability/rds-backup-retention";
import {
  AwsRegionSchema,
  catalogString,
  LogRetentionSchema,
  shortProductionRetention,
  unknownCatalogValue,
} from "./primitives";
import type { ReportIssue } from "./report-issue";
import {
  CACHE_MIN_MAINTENANCE_WINDOW_MINUTES,
  CACHE_MIN_SNAPSHOT_WINDOW_MINUTES,
  RDS_MIN_BACKUP_WINDOW_MINUTES,
  RDS_MIN_MAINTENANCE_WINDOW_MINUTES,
  refineWindows,
} from "./windows";

export { BUCKET_KINDS } from "../../constructs/storage/bucket-kinds";

/** A PostgreSQL schema name, as module permissions reference it (`vendas_schema`). */
export const DatabaseSchemaNameSchema = z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a schema name. ` +
    `Fix: use lowercase letters, digits and underscores, starting with a letter`,
});

/** Logical bucket name, as module permissions reference it (`vendas_documents`). */
export const BucketLogicalNameSchema = z.string().regex(/^[a-z][a-z0-9_]{1,29}$/, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a logical bucket name. ` +
    `Fix: use 2-30 lowercase letters, digits and underscores`,
});

/** A daily UTC window `hh:mm-hh:mm` (backup and snapshot windows). */
const DailyWindowSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a daily window. Fix: write it as "03:00-04:00" (UTC)`,
});

/** A weekly UTC window `ddd:hh:mm-ddd:hh:mm` (maintenance windows). */
const WeeklyWindowSchema = z
  .string()
  .regex(
    /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/,
    {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a weekly window. Fix: write it as "sun:04:00-sun:05:00" (UTC)`,
    },
  );

/** CORS rule of a bucket (seed 003's uploads bucket). */
export const BucketCorsSchema = z.strictObject({
  /** Origins allowed to call the bucket from a browser, e.g. `https://plataforma.app`. */
  allowedOrigins: z
    .array(
      z.string().regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$/, {
        error: (issue) =>
          `${JSON.stringify(issue.input)} is not an https origin. Fix: use "https://<host>" without a path`,
      }),
    )
    .min(1),
  allowedMethods: z.array(z.enum(["GET", "PUT", "POST", "HEAD", "DELETE"])).min(1),
  /** @default ["*"] */
  allowedHeaders: z.array(z.string().min(1)).default(["*"]),
  /** Seconds browsers cache the preflight answer. @default 3000 (seed 003) */
  maxAgeSeconds: z.number().int().min(0).max(86_400).default(3000),
});

/**
 * A lifecycle transition. A bucket's list must follow S3's rules: increasing days, the
 * one-way class waterfall, STANDARD_IA and ONEZONE_IA from day 30, expiry after the last.
 */
export const BucketTransitionSchema = z.strictObject({
  days: z.number().int().min(1),
  storageClass: z.enum(STORAGE_CLASSES),
});

/**
 * One bucket of the environment, created in the primary region's data stack. Every
 * setting left out comes from the kind's defaults ({@link BUCKET_KIND_DEFAULTS}).
 */
export const BucketSchema = z.strictObject({
  kind: z.enum(BUCKET_KINDS),
  /** Keep every object version. @default - per kind (all but `uploads`) */
  versioned: z.boolean().optional(),
  /** Storage class transitions. @default - per kind (reports: IA at 90 d, Glacier at 365 d) */
  transitions: z.array(BucketTransitionSchema).optional(),
  /** Delete current objects after this many days. @default - per kind (uploads: 30) */
  expirationDays: z.number().int().min(1).optional(),
  /** Delete superseded versions after this many days. @default - per kind */
  noncurrentVersionExpirationDays: z.number().int().min(1).optional(),
  /** Browser access rules. @default - none */
  cors: BucketCorsSchema.optional(),
  /**
   * Replicate to the DR region.
   * @default - per kind (reports, backups, module-data) when the environment has a DR region
   */
  replicateToDr: z.boolean().optional(),
});

/** Where a PostgreSQL database runs. */
export const POSTGRES_DEPLOYMENTS = ["rds", "aurora"] as const;

/** PostgreSQL major.minor version used unless configured (seeds say 15.4, out of standard support). */
export const DEFAULT_POSTGRES_VERSION = "16.6";

/** CloudWatch log types RDS/Aurora PostgreSQL can export. */
export const POSTGRES_LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/** Enhanced Monitoring intervals RDS accepts, in seconds (0 turns it off). */
export const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60] as const;

const POSTGRES_CATALOG = "constructs/database/postgres-catalog.ts";
const CACHE_CATALOG = "constructs/cache/cache-catalog.ts";
const ANY_POSTGRES_VERSION = [...new Set([...POSTGRES_ENGINE_VERSIONS.rds, ...POSTGRES_ENGINE_VERSIONS.aurora])];
const ANY_CACHE_VERSION = [...CACHE_ENGINE_VERSIONS.redis, ...CACHE_ENGINE_VERSIONS.valkey];
const ANY_POSTGRES_CLASS = [...new Set([...RDS_POSTGRES_INSTANCE_CLASSES, ...AURORA_POSTGRES_INSTANCE_CLASSES])];

/** Relational PostgreSQL on RDS (one instance, Multi-AZ standby) or Aurora (cluster). */
export const PostgresSchema = z.strictObject({
  engine: z.literal("postgres"),
  /** `rds` or `aurora`. Aurora is needed for in-region readers and Global Database. */
  deployment: z.enum(POSTGRES_DEPLOYMENTS),
  /** major.minor from the catalog of the deployment. @default "16.6" */
  engineVersion: catalogString(ANY_POSTGRES_VERSION, "PostgreSQL engine version", POSTGRES_CATALOG).default(
    DEFAULT_POSTGRES_VERSION,
  ),
  /**
   * Instance class of writer and readers, from the catalog of the deployment (seed 001:
   * db.r6g.xlarge; seed 003: db.r6g.large).
   */
  instanceClass: catalogString(ANY_POSTGRES_CLASS, "PostgreSQL DB instance class", POSTGRES_CATALOG),
  /** RDS only: initial and maximum (autoscaling) gp3 storage. @default 100 and 1000 (seed 001) */
  allocatedStorageGb: z.number().int().min(20).max(65_536).default(100),
  maxAllocatedStorageGb: z.number().int().min(20).max(65_536).default(1000),
  /** A standby in another zone (RDS) or readers spread over zones (Aurora). */
  multiAz: z.boolean(),
  /** Aurora readers (seed 003: 2). RDS read replicas are not offered: see `refineData`. @default 0 */
  readReplicas: z.number().int().min(0).max(15).default(0),
  /** Automated backup and point-in-time-recovery retention, 1-35 days. */
  backupRetentionDays: z.number().int().min(1).max(35),
  /** Daily UTC backup window, 30 minutes or more, clear of the maintenance window. @default "03:00-04:00" (seed 001) */
  backupWindow: DailyWindowSchema.default("03:00-04:00"),
  /** Weekly UTC maintenance window, 30 minutes or more. @default "sun:04:00-sun:05:00" (seed 001) */
  maintenanceWindow: WeeklyWindowSchema.default("sun:04:00-sun:05:00"),
  /** @default true */
  deletionProtection: z.boolean().default(true),
  /** Performance Insights retention: 7 (free) or a multiple of 31 up to 731. @default 7 */
  performanceInsightsRetentionDays: z
    .number()
    .int()
    .refine((d) => d === 7 || (d % 31 === 0 && d >= 31 && d <= 731), {
      error: (issue) =>
        `Performance Insights keeps 7 days or a multiple of 31 up to 731, got ${JSON.stringify(issue.input)}. ` +
        `Fix: use 7 or e.g. 93`,
    })
    .default(7),
  /** Enhanced Monitoring interval in seconds. @default 60 (seed 001) */
  monitoringIntervalSeconds: z
    .number()
    .int()
    .refine((s) => (MONITORING_INTERVALS as readonly number[]).includes(s), {
      error: (issue) =>
        `Enhanced Monitoring does not accept ${JSON.stringify(issue.input)} s. ` +
        `Fix: use one of ${MONITORING_INTERVALS.join(", ")}`,
    })
    .default(60),
  /** @default ["postgresql"] (seed 003) */
  logExports: z.array(z.enum(POSTGRES_LOG_EXPORTS)).default(["postgresql"]),
  /** CloudWatch retention of exported database logs. @default 90 */
  logRetentionDays: LogRetentionSchema.default(90),
  /** How data reaches the DR region; must meet `dr.rpoMinutes`. @default "none" */
  drReplication: z
    .enum(Object.keys(DR_REPLICATION_MIN_RPO_MINUTES) as [DrReplication, ...DrReplication[]])
    .default("none"),
  /** Aurora Global Database: instances of the secondary cluster in the DR region. @default 1 */
  drInstances: z.number().int().min(1).max(16).default(1),
  /**
   * Aurora only: Application Auto Scaling adds readers on average reader CPU, from
   * `readReplicas` (the minimum) up to `maxReaders`. @default - a fixed number of readers
   */
  readerAutoscaling: z
    .strictObject({
      /** Most readers in total, 1-15. */
      maxReaders: z.number().int().min(1).max(15),
      /** Average reader CPU to keep, percent. @default 70 */
      targetCpuPercent: z.number().int().min(10).max(90).default(70),
    })
    .optional(),
});

/** CockroachDB survival goals. */
export const SURVIVAL_GOALS = ["zone", "region"] as const;

/** Regions CockroachDB needs to survive the loss of a whole region. */
export const MIN_REGIONS_FOR_REGION_SURVIVAL = 3;

/** Multi-region CockroachDB on the regional EKS clusters (seed 000's target). */
export const CockroachSchema = z.strictObject({
  engine: z.literal("cockroachdb"),
  /** Regions with a CockroachDB deployment; the first is the primary region of the databases. */
  regions: z.array(AwsRegionSchema).min(1),
  /** `zone`: survive a zone loss; `region`: survive a region loss (3+ regions). */
  survivalGoal: z.enum(SURVIVAL_GOALS),
  /** @default 3 */
  nodesPerRegion: z.number().int().min(3).max(100).default(3),
  /** Persistent volume size per node. @default 100 */
  storageGb: z.number().int().min(10).default(100),
  /** @default "self-signer" */
  tls: z.enum(["self-signer", "cert-manager"]).default("self-signer"),
  /** Incremental backup cadence (CockroachDB schedule syntax). @default "@hourly" */
  backupRecurrence: z.string().min(1).default("@hourly"),
  /** Full backup cadence. @default "@daily" (seed 000: daily encrypted backups) */
  fullBackupRecurrence: z.string().min(1).default("@daily"),
});

/** The relational database: PostgreSQL (RDS or Aurora) or CockroachDB. */
export const DatabaseSchema = z.discriminatedUnion("engine", [PostgresSchema, CockroachSchema]);

/** ElastiCache engine version unless configured (seed 003 asks 7.0; 7.1 is the last Redis OSS line). */
export const DEFAULT_CACHE_ENGINE_VERSION = "7.1";

/**
 * Most nodes (primaries and replicas) of one ElastiCache cluster-mode replication group
 * (Redis OSS 5.0.6 and newer): 500 shards without replicas, or 83 shards with 5.
 */
export const MAX_CACHE_NODES = 500;

/** ElastiCache replication group in cluster mode (seed 003). */
export const CacheSchema = z.strictObject({
  /** @default "redis" */
  engine: z.enum(["redis", "valkey"]).default("redis"),
  /** major.minor from the engine's catalog. @default "7.1" */
  engineVersion: catalogString(ANY_CACHE_VERSION, "ElastiCache engine version", CACHE_CATALOG).default(
    DEFAULT_CACHE_ENGINE_VERSION,
  ),
  /** A current-generation node type from the catalog. */
  nodeType: catalogString(CACHE_NODE_TYPES, "ElastiCache node type", CACHE_CATALOG),
  /** Node groups (shards); shards x (1 + replicasPerShard) is at most 500 nodes. Seed 003: 3. */
  shards: z.number().int().min(1).max(500),
  /** Replicas per shard. Seed 003: 2. */
  replicasPerShard: z.number().int().min(0).max(5),
  /** @default true */
  atRestEncryption: z.boolean().default(true),
  /** @default true */
  transitEncryption: z.boolean().default(true),
  /** Daily snapshots kept, 0-35 (0: none). @default 7 (seed 001/003) */
  snapshotRetentionDays: z.number().int().min(0).max(35).default(7),
  /**
   * Daily UTC snapshot window, 60 minutes or more, clear of the maintenance window.
   * @default "03:00-05:00" (seed 001/003)
   */
  snapshotWindow: DailyWindowSchema.default("03:00-05:00"),
  /** Weekly UTC maintenance window, 60 minutes or more. @default "sun:05:30-sun:06:30" (after the snapshot window) */
  maintenanceWindow: WeeklyWindowSchema.default("sun:05:30-sun:06:30"),
  /** Slow-log retention in CloudWatch. @default 30 */
  slowLogRetentionDays: LogRetentionSchema.default(30),
  /** Global Datastore secondary in the DR region. @default false */
  globalDatastore: z.boolean().default(false),
  /**
   * Extra RBAC users (IAM authentication) by user name, with their access strings, for
   * clients other than modules: every module with `events:*` gets its own user confined to
   * `~<module>:*` (user `module-<module>`, a reserved prefix).
   * @default {} (no shared user)
   */
  users: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/), z.string().min(2)).default({}),
});

/**
 * AWS Backup of the environment's databases and state bucket: a locked vault in the primary
 * region, daily recovery points copied to the DR region's vault and, when configured, to a
 * vault of a separate backup account. The copy that survives deletes and corruption, which
 * replication (Global Database, S3 replication) faithfully copies too.
 */
export const BackupSchema = z.strictObject({
  /** Days recovery points (and their copies) are kept; the vault lock enforces it. @default 35 */
  retentionDays: z.number().int().min(7).max(MAX_VAULT_RETENTION_DAYS).default(DEFAULT_BACKUP_RETENTION_DAYS),
  /**
   * Vault lock: `compliance` cannot be lifted by anyone after a 3-day grace period; `governance`
   * can by principals with `backup:BypassGovernanceRetention`. @default "governance"
   */
  vaultLock: z.enum(VAULT_LOCK_MODES).default("governance"),
  /**
   * A vault in a separate account receiving a copy of every recovery point (survives the loss
   * or compromise of this account). That vault's access policy must allow
   * `backup:CopyIntoBackupVault` from this account. @default - none
   */
  copyToAccount: z
    .strictObject({
      accountId: z.string().regex(/^\d{12}$/, { error: 'must be a 12-digit account id. Fix: use e.g. "444444444444"' }),
      /** Destination vault ARN, in that account. */
      vaultArn: z.string().regex(/^arn:aws:backup:[a-z0-9-]+:\d{12}:backup-vault:[A-Za-z0-9_-]{2,50}$/, {
        error: (issue) =>
          `${JSON.stringify(issue.input)} is not a backup vault ARN. ` +
          `Fix: use "arn:aws:backup:<region>:<account>:backup-vault:<name>"`,
      }),
    })
    .optional(),
  /** Restore the newest database recovery point weekly to prove it restores. @default false */
  restoreTesting: z.boolean().default(false),
});

/**
 * The data layer: catalog (schemas, buckets), the relational database, the cache.
 * Module permissions (`database:read:<schema>`, `storage:write:<bucket>`) must name
 * entries of this catalog.
 */
export const DataSchema = z.strictObject({
  /** PostgreSQL schemas (one per module, as in seed 000's multi-schema database). */
  databaseSchemas: z.array(DatabaseSchemaNameSchema).default([]),
  /** Buckets keyed by logical name; the key is part of the bucket name and address. */
  buckets: z.record(BucketLogicalNameSchema, BucketSchema).default({}),
  /** The relational database. @default - none */
  database: DatabaseSchema.optional(),
  /** The cache. @default - none */
  cache: CacheSchema.optional(),
  /** AWS Backup of the databases and the state bucket. @default - on, 35 days, governance lock */
  backup: BackupSchema.prefault({}),
});

/** Parsed data catalog. */
export type DataConfig = z.output<typeof DataSchema>;
/** Parsed PostgreSQL settings. */
export type PostgresConfig = z.output<typeof PostgresSchema>;
/** Parsed CockroachDB settings. */
export type CockroachConfig = z.output<typeof CockroachSchema>;
/** Parsed AWS Backup settings. */
export type BackupConfig = z.output<typeof BackupSchema>;
/** Parsed cache settings. */
export type CacheConfig = z.output<typeof CacheSchema>;
/** Parsed bucket settings. */
export type BucketConfig = z.output<typeof BucketSchema>;

/**
 * True when the primary's data stack replicates a catalog bucket to the DR region: the DR
 * region is active and the bucket (or its kind's default) asks for replication.
 */
export function replicatesToDr(env: Pick<DataRuleContext, "dr">, bucket: BucketConfig): boolean {
  return activeDrRegion(env) !== undefined && (bucket.replicateToDr ?? BUCKET_KIND_DEFAULTS[bucket.kind].replicateToDr);
}

/**
 * Least automated-backup (PITR) retention per tier, in days. Production's is the policy
 * gate's floor ({@link PRODUCTION_MIN_BACKUP_RETENTION_DAYS}), so a config the schema
 * accepts never fails the gate.
 */
export const MIN_BACKUP_RETENTION_DAYS_BY_TIER = {
  development: 1,
  staging: 7,
  production: PRODUCTION_MIN_BACKUP_RETENTION_DAYS,
} as const;

/** Node families ElastiCache Global Datastore accepts (size large and above). */
const GLOBAL_DATASTORE_NODE = /^cache\.(m5|m6g|m7g|r5|r6g|r6gd|r7g|c7gn)\.(large|[0-9]*xlarge)$/;

/** What the data rules need from the environment. */
export interface DataRuleContext {
  readonly tier: keyof typeof MIN_BACKUP_RETENTION_DAYS_BY_TIER;
  readonly primaryRegion: string;
  readonly dr: { readonly strategy: string; readonly region?: string; readonly rpoMinutes: number };
  readonly regions: Readonly<Record<string, unknown>>;
  readonly residency: { readonly personalDataRegions: readonly string[] };
  readonly data: DataConfig;
  readonly account?: { readonly id: string };
}

/**
 * Cross-field rules of the data layer: production safety (Multi-AZ, deletion
 * protection, encryption), backup retention minimums, replication that can meet the
 * RPO, CockroachDB survival and residency, bucket replication needing a DR region.
 */
export function refineData(env: DataRuleContext, report: ReportIssue): void {
  const db = env.data.database;
  const production = env.tier === "production";
  const hasDrRegion = activeDrRegion(env) !== undefined;
  if (db?.engine === "postgres") {
    const base = ["data", "database"];
    const minRetention = MIN_BACKUP_RETENTION_DAYS_BY_TIER[env.tier];
    if (db.backupRetentionDays < minRetention) {
      report(
        [...base, "backupRetentionDays"],
        `${env.tier} keeps database backups at least ${minRetention} days (point-in-time recovery window), ` +
          `got ${db.backupRetentionDays}. ` +
          `Fix: set backupRetentionDays to ${minRetention}-35`,
        db.backupRetentionDays,
      );
    }
    const shortLogs = shortProductionRetention(env.tier, "database logs", "logRetentionDays", db.logRetentionDays);
    if (shortLogs) report([...base, "logRetentionDays"], shortLogs, db.logRetentionDays);
    if (production && !db.multiAz) {
      report(
        [...base, "multiAz"],
        "production databases must survive the loss of a zone, got multiAz false. Fix: set multiAz to true",
        db.multiAz,
      );
    }
    if (production && !db.deletionProtection) {
      report(
        [...base, "deletionProtection"],
        "production databases need deletion protection, got false. Fix: set deletionProtection to true",
        db.deletionProtection,
      );
    }
    if (db.deployment === "aurora" && db.multiAz && db.readReplicas < 1) {
      report(
        [...base, "readReplicas"],
        "an Aurora cluster is Multi-AZ only with at least one reader to fail over to, got readReplicas 0. " +
          "Fix: set readReplicas to 1 or more",
        db.readReplicas,
      );
    }
    if (db.deployment === "rds" && db.readReplicas > 0) {
      report(
        [...base, "readReplicas"],
        `RDS cannot create read replicas of an instance whose master password RDS manages in Secrets Manager ` +
          `(AWS limitation), and this project never puts a database password in Terraform; ` +
          `got readReplicas ${db.readReplicas}. ` +
          `Fix: use deployment "aurora" ` +
          `(readers share the cluster volume) or set readReplicas to 0`,
        db.readReplicas,
      );
    }
    const classes = POSTGRES_INSTANCE_CLASSES[db.deployment];
    // Values outside every catalog were reported by the field itself: report each problem once.
    if (ANY_POSTGRES_CLASS.includes(db.instanceClass) && !classes.includes(db.instanceClass)) {
      report(
        [...base, "instanceClass"],
        `${db.deployment} PostgreSQL does not offer ${db.instanceClass}: ` +
          unknownCatalogValue(db.instanceClass, classes, `${db.deployment} instance class`, POSTGRES_CATALOG),
        db.instanceClass,
      );
    }
    const versions = POSTGRES_ENGINE_VERSIONS[db.deployment];
    if (ANY_POSTGRES_VERSION.includes(db.engineVersion) && !versions.includes(db.engineVersion)) {
      report(
        [...base, "engineVersion"],
        `${db.deployment} PostgreSQL does not offer ${db.engineVersion}: ` +
          unknownCatalogValue(db.engineVersion, versions, `${db.deployment} engine version`, POSTGRES_CATALOG),
        db.engineVersion,
      );
    }
    if (/^db\.t\d+g?\.(micro|small)$/.test(db.instanceClass)) {
      report(
        [...base, "instanceClass"],
        `${db.instanceClass} does not support Performance Insights, which every database here has. ` +
          `Fix: use db.t4g.medium or larger`,
        db.instanceClass,
      );
    }
    if (db.drReplication === "global-database" && /^db\.t/.test(db.instanceClass)) {
      report(
        [...base, "instanceClass"],
        `Aurora Global Database needs a memory-optimized class (db.r5 and newer), got burstable ${db.instanceClass}. ` +
          `Fix: use e.g. "db.r6g.large"`,
        db.instanceClass,
      );
    }
    if (db.maxAllocatedStorageGb < db.allocatedStorageGb) {
      report(
        [...base, "maxAllocatedStorageGb"],
        `maxAllocatedStorageGb ${db.maxAllocatedStorageGb} is below allocatedStorageGb ${db.allocatedStorageGb}. ` +
          `Fix: raise it to at least ${db.allocatedStorageGb}`,
        db.maxAllocatedStorageGb,
      );
    }
    if (db.readerAutoscaling && db.deployment !== "aurora") {
      report(
        [...base, "readerAutoscaling"],
        `reader autoscaling needs Aurora readers, got deployment ${JSON.stringify(db.deployment)}. ` +
          `Fix: use deployment "aurora" or remove readerAutoscaling`,
        db.readerAutoscaling,
      );
    }
    if (db.readerAutoscaling && db.readerAutoscaling.maxReaders < db.readReplicas) {
      report(
        [...base, "readerAutoscaling", "maxReaders"],
        `maxReaders ${db.readerAutoscaling.maxReaders} is below readReplicas ${db.readReplicas} (the minimum). ` +
          `Fix: raise it to at least ${db.readReplicas}`,
        db.readerAutoscaling.maxReaders,
      );
    }
    refineWindows(
      {
        what: "the database",
        daily: { path: [...base, "backupWindow"], value: db.backupWindow, minMinutes: RDS_MIN_BACKUP_WINDOW_MINUTES },
        weekly: {
          path: [...base, "maintenanceWindow"],
          value: db.maintenanceWindow,
          minMinutes: RDS_MIN_MAINTENANCE_WINDOW_MINUTES,
        },
      },
      report,
    );
    refineReplication(env, db, report, hasDrRegion);
  }
  if (db?.engine === "cockroachdb") {
    const base = ["data", "database"];
    if (db.survivalGoal === "region" && db.regions.length < MIN_REGIONS_FOR_REGION_SURVIVAL) {
      report(
        [...base, "survivalGoal"],
        `survival goal "region" needs at least ${MIN_REGIONS_FOR_REGION_SURVIVAL} regions ` +
          `to keep a quorum after losing one, ` +
          `got ${db.regions.length} [${db.regions.join(", ")}]. ` +
          `Fix: add regions or use survivalGoal "zone"`,
        db.survivalGoal,
      );
    }
    if (new Set(db.regions).size !== db.regions.length) {
      report(
        [...base, "regions"],
        `regions repeat in [${db.regions.join(", ")}]. Fix: list each region once`,
        db.regions,
      );
    }
    db.regions.forEach((region, i) => {
      if (!env.residency.personalDataRegions.includes(region)) {
        report(
          [...base, "regions", i],
          `CockroachDB nodes in ${region} would hold personal data, ` +
            `but residency.personalDataRegions is [${env.residency.personalDataRegions.join(", ")}]. ` +
            `Fix: remove ${region} or allow it in residency`,
          region,
        );
      }
      if (!env.regions[region]) {
        report(
          [...base, "regions", i],
          `CockroachDB region ${region} is not a configured region of the environment. ` +
            `Fix: add it under regions (it needs an EKS cluster)`,
          region,
        );
      }
    });
    if (db.regions[0] !== env.primaryRegion) {
      report(
        [...base, "regions", 0],
        `the first CockroachDB region is the databases' primary region and must be ${env.primaryRegion}, ` +
          `got ${db.regions[0]}. Fix: list ${env.primaryRegion} first`,
        db.regions[0],
      );
    }
  }
  const copy = env.data.backup.copyToAccount;
  if (copy && copy.vaultArn.split(":")[4] !== copy.accountId) {
    report(
      ["data", "backup", "copyToAccount", "vaultArn"],
      `the vault ARN names account ${copy.vaultArn.split(":")[4]}, not copyToAccount.accountId ${copy.accountId}. ` +
        "Fix: use the ARN of a vault in that account",
      copy.vaultArn,
    );
  }
  if (copy && env.account && copy.accountId === env.account.id) {
    report(
      ["data", "backup", "copyToAccount", "accountId"],
      `copies must leave the environment's own account ${copy.accountId} to survive its loss. ` +
        "Fix: use a separate backup account",
      copy.accountId,
    );
  }
  const cache = env.data.cache;
  if (cache) {
    const base = ["data", "cache"];
    if (production && (!cache.atRestEncryption || !cache.transitEncryption)) {
      report(
        [...base, cache.atRestEncryption ? "transitEncryption" : "atRestEncryption"],
        "production caches hold session and tenant data and must be encrypted at rest and in transit. " +
          "Fix: set atRestEncryption and transitEncryption to true",
        { atRestEncryption: cache.atRestEncryption, transitEncryption: cache.transitEncryption },
      );
    }
    const shortSlowLog = shortProductionRetention(
      env.tier,
      "cache slow logs",
      "slowLogRetentionDays",
      cache.slowLogRetentionDays,
    );
    if (shortSlowLog) report([...base, "slowLogRetentionDays"], shortSlowLog, cache.slowLogRetentionDays);
    refineWindows(
      {
        what: "the cache",
        daily: {
          path: [...base, "snapshotWindow"],
          value: cache.snapshotWindow,
          minMinutes: CACHE_MIN_SNAPSHOT_WINDOW_MINUTES,
        },
        weekly: {
          path: [...base, "maintenanceWindow"],
          value: cache.maintenanceWindow,
          minMinutes: CACHE_MIN_MAINTENANCE_WINDOW_MINUTES,
        },
      },
      report,
    );
    const nodes = cache.shards * (1 + cache.replicasPerShard);
    if (nodes > MAX_CACHE_NODES) {
      report(
        [...base, "shards"],
        `${cache.shards} shards x (1 primary + ${cache.replicasPerShard} replicas) is ${nodes} nodes; ` +
          `an ElastiCache cluster holds at most ${MAX_CACHE_NODES}. ` +
          `Fix: lower shards to ${Math.floor(MAX_CACHE_NODES / (1 + cache.replicasPerShard))} or fewer, ` +
          "or lower replicasPerShard",
        cache.shards,
      );
    }
    const cacheVersions = CACHE_ENGINE_VERSIONS[cache.engine];
    if (ANY_CACHE_VERSION.includes(cache.engineVersion) && !cacheVersions.includes(cache.engineVersion)) {
      report(
        [...base, "engineVersion"],
        `${cache.engine} ${cache.engineVersion} is not offered: ` +
          unknownCatalogValue(cache.engineVersion, cacheVersions, `${cache.engine} version`, CACHE_CATALOG),
        cache.engineVersion,
      );
    }
    if (Object.hasOwn(cache.users, "default")) {
      report(
        [...base, "users", "default"],
        'cache user "default" is reserved: ElastiCache needs a user of that name, and this project creates it ' +
          "disabled so nobody connects without IAM. Fix: give the user another name",
        "default",
      );
    }
    for (const user of Object.keys(cache.users).filter((u) => u.startsWith("module-"))) {
      report(
        [...base, "users", user],
        `cache user ${JSON.stringify(user)} uses the "module-" prefix the per-module users own. ` +
          `Fix: rename it, not starting with "module-" (modules with events:* get their own user)`,
        user,
      );
    }
    if (cache.engine === "valkey") {
      report(
        [...base, "engine"],
        `engine "valkey" is not supported yet: ` +
          `its mandatory default user cannot be password-free, ` +
          `and this project keeps cache passwords out of Terraform. ` +
          `Fix: use engine "redis"`,
        cache.engine,
      );
    }
    if (!cache.transitEncryption) {
      report(
        [...base, "transitEncryption"],
        "RBAC users (IAM authentication) need encryption in transit, got false. Fix: set transitEncryption to true",
        cache.transitEncryption,
      );
    }
    if (production && cache.replicasPerShard < 1) {
      report(
        [...base, "replicasPerShard"],
        "production caches need a replica per shard for Multi-AZ automatic failover, got 0. " +
          "Fix: set replicasPerShard to 1 or more",
        cache.replicasPerShard,
      );
    }
    if (cache.globalDatastore) {
      if (!hasDrRegion) {
        report(
          [...base, "globalDatastore"],
          `a Global Datastore replicates to the DR region, but strategy "${env.dr.strategy}" has none. ` +
            `Fix: set globalDatastore to false or configure dr.region`,
          cache.globalDatastore,
        );
      }
      if (!GLOBAL_DATASTORE_NODE.test(cache.nodeType)) {
        report(
          [...base, "nodeType"],
          `Global Datastore needs an m5/m6g/m7g/r5/r6g/r6gd/r7g/c7gn node of size large or above, ` +
            `got ${cache.nodeType}. Fix: use e.g. "cache.r6g.large"`,
          cache.nodeType,
        );
      }
      if (!cache.atRestEncryption) {
        report(
          [...base, "atRestEncryption"],
          "a Global Datastore copies data to another region and must be encrypted at rest. " +
            "Fix: set atRestEncryption to true",
          cache.atRestEncryption,
        );
      }
    }
  }
  for (const [name, bucket] of Object.entries(env.data.buckets)) {
    const base = ["data", "buckets", name];
    const defaults = BUCKET_KIND_DEFAULTS[bucket.kind];
    const versioned = bucket.versioned ?? defaults.versioned;
    if (bucket.replicateToDr && !hasDrRegion) {
      report(
        [...base, "replicateToDr"],
        `bucket ${name} replicates to the DR region, but strategy "${env.dr.strategy}" has none. ` +
          `Fix: remove replicateToDr or configure dr.region`,
        bucket.replicateToDr,
      );
    }
    if ((bucket.replicateToDr ?? (defaults.replicateToDr && hasDrRegion)) && !versioned) {
      report(
        [...base, "versioned"],
        `S3 replication needs versioning, but bucket ${name} is not versioned. ` +
          `Fix: set versioned to true or replicateToDr to false`,
        bucket.versioned,
      );
    }
    refineLifecycle(name, bucket, report);
    if (production && defaults.mustKeep && !versioned) {
      report(
        [...base, "versioned"],
        `production ${bucket.kind} buckets must keep every version (no data loss by overwrite or delete), ` +
          `got versioned false. Fix: set versioned to true`,
        bucket.versioned,
      );
    }
  }
}

/**
 * The bucket's effective lifecycle (its settings over its kind's defaults) is one S3
 * accepts; a default that clashes with a setting is named as the kind's.
 */
function refineLifecycle(name: string, bucket: BucketConfig, report: ReportIssue): void {
  const defaults = BUCKET_KIND_DEFAULTS[bucket.kind];
  if (!defaults) return; // an unknown kind was reported by its field
  const transitions = bucket.transitions ?? defaults.transitions;
  const expiration = bucket.expirationDays ?? defaults.expirationDays;
  const wellFormed = transitions.every((t) => typeof t?.days === "number" && typeof t?.storageClass === "string");
  if (!wellFormed) return;
  for (const found of lifecycleProblems(transitions, expiration)) {
    const defaulted =
      (found.path[0] === "transitions" && bucket.transitions === undefined) ||
      (found.path[0] === "expirationDays" && bucket.expirationDays === undefined);
    const field = found.path.join(".");
    const whose = defaulted ? ` (the ${bucket.kind} kind's default)` : "";
    report(
      ["data", "buckets", name, ...found.path],
      `bucket ${name}: ${field}${whose} ${found.message}. Fix: ${found.fix}`,
      found.received,
    );
  }
}

function refineReplication(env: DataRuleContext, db: PostgresConfig, report: ReportIssue, hasDrRegion: boolean): void {
  const path = ["data", "database", "drReplication"];
  const choice = db.drReplication;
  if (choice === "none") {
    if (hasDrRegion) {
      report(
        path,
        `DR strategy "${env.dr.strategy}" fails over to ${env.dr.region}, ` +
          `but the database is not replicated there. ` +
          `Fix: set drReplication to "${db.deployment === "aurora" ? "global-database" : "automated-backups"}"`,
        choice,
      );
    }
    return;
  }
  if (!hasDrRegion) {
    report(
      path,
      `drReplication "${choice}" needs a DR region, ` +
        `but strategy "${env.dr.strategy}" has none. ` +
        `Fix: set drReplication to "none" or configure dr.region`,
      choice,
    );
    return;
  }
  if (choice === "global-database" && db.deployment !== "aurora") {
    report(
      path,
      `Global Database is an Aurora feature, but deployment is "${db.deployment}". ` +
        `Fix: set deployment to "aurora" or drReplication to "automated-backups"`,
      choice,
    );
  }
  if (choice === "automated-backups" && db.deployment !== "rds") {
    report(
      path,
      `cross-region automated backup replication is an RDS instance feature, ` +
        `but deployment is "${db.deployment}". ` +
        `Fix: use drReplication "global-database" with Aurora`,
      choice,
    );
  }
  const minRpo = DR_REPLICATION_MIN_RPO_MINUTES[choice];
  if (env.dr.rpoMinutes < minRpo) {
    const better = (Object.keys(DR_REPLICATION_MIN_RPO_MINUTES) as DrReplication[]).filter(
      (r) => DR_REPLICATION_MIN_RPO_MINUTES[r] <= env.dr.rpoMinutes,
    );
    report(
      path,
      `drReplication "${choice}" loses up to ${minRpo} min of writes in a regional failover, ` +
        `but dr.rpoMinutes is ${env.dr.rpoMinutes}. ` +
        `Fix: use ${better.map((r) => `"${r}"`).join(" or ") || "a faster replication"} or relax dr.rpoMinutes`,
      choice,
    );
  }
}
