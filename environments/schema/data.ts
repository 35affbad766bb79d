import { z } from "zod";

/** A PostgreSQL schema name, as module permissions reference it (`vendas_schema`). */
export const DatabaseSchemaNameSchema = z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a schema name. Fix: use lowercase letters, digits and underscores, starting with a letter`,
});

/** Logical bucket name, as module permissions reference it (`vendas_documents`). */
export const BucketLogicalNameSchema = z.string().regex(/^[a-z][a-z0-9_]{1,29}$/, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a logical bucket name. Fix: use 2-30 lowercase letters, digits and underscores`,
});

/** What a bucket is for; decides its lifecycle and access defaults. */
export const BUCKET_KINDS = ["reports", "uploads", "backups", "module-bundles", "module-data"] as const;

/** One bucket of the environment, created in the primary region's data stack. */
export const BucketSchema = z.strictObject({
  kind: z.enum(BUCKET_KINDS),
});

/**
 * The data layer's catalog: database schemas and buckets that exist in the environment.
 * Module permissions (`database:read:<schema>`, `storage:write:<bucket>`) must name
 * entries of this catalog.
 */
export const DataSchema = z.strictObject({
  /** PostgreSQL schemas (one per module, as in seed 000's multi-schema database). */
  databaseSchemas: z.array(DatabaseSchemaNameSchema).default([]),
  /** Buckets keyed by logical name; the key is part of the bucket name and address. */
  buckets: z.record(BucketLogicalNameSchema, BucketSchema).default({}),
});

/** Parsed data catalog. */
export type DataConfig = z.output<typeof DataSchema>;
