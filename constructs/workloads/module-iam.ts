import type { PolicyStatement } from "../iam/policy-document";
import type { Permission } from "./permissions";

/** What {@link moduleStatements} needs besides the permissions. */
export interface ModuleIamInput {
  /** Parsed manifest permissions. */
  readonly permissions: readonly Permission[];
  /** Secret references (names or ARNs) keyed by environment variable. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Real S3 bucket name per logical bucket the permissions name. */
  readonly bucketNames: Readonly<Record<string, string>>;
  /**
   * KMS key ARN per logical bucket encrypted with a customer managed key; the module
   * then also gets the key actions S3 needs on its behalf. @default - none (SSE-S3)
   */
  readonly bucketKeyArns?: Readonly<Record<string, string>>;
  /**
   * The region's cache (IAM-authenticated RBAC), when the module declared `events:*`:
   * the role may connect as that user to that replication group. @default - no cache access
   */
  readonly cache?: { readonly replicationGroupArn: string; readonly userArn: string };
  /** Region the pods run in; secret names resolve there (replicated secrets keep their name). */
  readonly region: string;
  /** Region of the buckets (S3 calls their KMS keys from there). @default - `region` */
  readonly bucketRegion?: string;
  /** Account of the module (and of secrets named by name). */
  readonly accountId: string;
}

/**
 * Secrets Manager appends `-` and six random characters to every secret ARN; IAM's
 * documented way to name a secret by its name is this wildcard suffix.
 */
export const SECRET_ARN_SUFFIX = "-??????";

/** The ARN pattern IAM needs for a secret given by name or ARN. */
export function secretArn(ref: string, region: string, accountId: string): string {
  return ref.startsWith("arn:")
    ? ref
    : `arn:aws:secretsmanager:${region}:${accountId}:secret:${ref}${SECRET_ARN_SUFFIX}`;
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/**
 * IAM statements granting exactly the storage and secret permissions of a module, and
 * nothing else: storage:read is s3:GetObject on the bucket's objects plus s3:ListBucket
 * on the bucket; storage:write is s3:PutObject and s3:DeleteObject on its objects;
 * secrets are secretsmanager:GetSecretValue on those secrets. Database, api and events
 * permissions are enforced by the database and the network policies, not IAM, so they
 * add no statement. Empty when nothing is declared.
 */
export function moduleStatements(input: ModuleIamInput): PolicyStatement[] {
  const bucket = (logical: string) => {
    const name = input.bucketNames[logical];
    if (!name) throw new Error(`no bucket name for logical bucket ${logical}. Fix: add it to bucketNames`);
    return name;
  };
  const read = sorted(
    input.permissions.flatMap((p) => (p.kind === "storage" && p.access === "read" ? [bucket(p.bucket)] : [])),
  );
  const write = sorted(
    input.permissions.flatMap((p) => (p.kind === "storage" && p.access === "write" ? [bucket(p.bucket)] : [])),
  );
  const secrets = sorted(Object.values(input.secrets).map((ref) => secretArn(ref, input.region, input.accountId)));
  const statements: PolicyStatement[] = [];
  if (read.length > 0) {
    statements.push({
      Sid: "StorageReadObjects",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: read.map((b) => `arn:aws:s3:::${b}/*`),
    });
    statements.push({
      Sid: "StorageListBuckets",
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: read.map((b) => `arn:aws:s3:::${b}`),
    });
  }
  if (write.length > 0) {
    statements.push({
      Sid: "StorageWriteObjects",
      Effect: "Allow",
      Action: ["s3:DeleteObject", "s3:PutObject"],
      Resource: write.map((b) => `arn:aws:s3:::${b}/*`),
    });
  }
  // SSE-KMS: reads need Decrypt, writes GenerateDataKey (and Decrypt for multipart
  // uploads); only through S3 in this region and only for that bucket's objects.
  for (const logical of sorted(
    input.permissions.flatMap((p) => (p.kind === "storage" && input.bucketKeyArns?.[p.bucket] ? [p.bucket] : [])),
  )) {
    const access = new Set(
      input.permissions.flatMap((p) => (p.kind === "storage" && p.bucket === logical ? [p.access] : [])),
    );
    statements.push({
      Sid: `BucketKey${logical
        .split("_")
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join("")}`,
      Effect: "Allow",
      Action: access.has("write") ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
      Resource: [input.bucketKeyArns![logical]],
      Condition: {
        StringEquals: { "kms:ViaService": `s3.${input.bucketRegion ?? input.region}.amazonaws.com` },
        StringLike: {
          "kms:EncryptionContext:aws:s3:arn": [`arn:aws:s3:::${bucket(logical)}`, `arn:aws:s3:::${bucket(logical)}/*`],
        },
      },
    });
  }
  if (input.cache && input.permissions.some((p) => p.kind === "events")) {
    statements.push({
      Sid: "CacheConnect",
      Effect: "Allow",
      Action: ["elasticache:Connect"],
      Resource: [input.cache.replicationGroupArn, input.cache.userArn],
    });
  }
  if (secrets.length > 0) {
    statements.push({
      Sid: "ReadDeclaredSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: secrets,
    });
  }
  return statements;
}

/** One database grant the data layer must create for a module. */
export interface DatabaseGrant {
  /** Database role of the module (`<short name>_module`, dashes as underscores). */
  readonly role: string;
  /** PostgreSQL schema the grant is on. */
  readonly schema: string;
  /** `read`: USAGE + SELECT; `write`: also INSERT, UPDATE, DELETE. */
  readonly access: "read" | "write";
}

/**
 * The per-module database grants implied by `database:*` permissions. Creating roles and
 * grants is the data layer's job: it holds the master credentials and the engine
 * connection, so no module namespace ever sees them. It computes these grants from the
 * same environment config (this function is pure), so the two layers cannot disagree.
 */
export function databaseGrants(shortName: string, permissions: readonly Permission[]): DatabaseGrant[] {
  const role = `${shortName.replace(/-/g, "_")}_module`;
  const bySchema = new Map<string, "read" | "write">();
  for (const p of permissions) {
    if (p.kind !== "database") continue;
    if (p.access === "write" || !bySchema.has(p.schema)) bySchema.set(p.schema, p.access);
  }
  return [...bySchema.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([schema, access]) => ({ role, schema, access }));
}
