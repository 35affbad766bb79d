import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { TerraformStack, Testing } from "cdktf";
import { EncryptionKey } from "../../../constructs/kms/encryption-key";
import { DataBucket, type DataBucketProps } from "../../../constructs/storage/data-bucket";
import { S3AccessLogBucket } from "../../../constructs/storage/s3-access-log-bucket";
import { type StackJson, valuesOf } from "../../helpers";
import { reported, validationError } from "../fixtures";

type Extra = Partial<Omit<DataBucketProps, "key" | "logBucket" | "replication">> & {
  replicate?: boolean;
  replicaVersioned?: boolean;
};

function synth(extra: Extra = {}): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const key = new EncryptionKey(scope, "key", { alias: "storage", purpose: "test", accountId: "123456789012" });
      const logBucket = new S3Bucket(scope, "logs", { bucket: "logs" });
      const { replicate, replicaVersioned, ...props } = extra;
      const replica = replicate
        ? new DataBucket(scope, "replica", {
            bucketName: "reports-replica",
            kind: "reports",
            accountId: "123456789012",
            region: "us-east-1",
            key,
            logBucket,
            versioned: replicaVersioned,
          })
        : undefined;
      new DataBucket(scope, "reports", {
        bucketName: "reports",
        kind: "reports",
        accountId: "123456789012",
        region: "sa-east-1",
        key,
        logBucket,
        replication: replica ? { destination: replica, roleName: "reports-replication" } : undefined,
        ...props,
      });
    }),
  ) as StackJson;
}

const forBucket = (json: StackJson, type: string, name = "reports") =>
  Object.entries(json.resource?.[type] ?? {})
    .filter(([id]) => id.startsWith(`${name}_`))
    .map(([, v]) => v);

describe("DataBucket", () => {
  it(
    "secure defaults: prevent_destroy, SSE-KMS with bucket key, public access blocked, ACLs off, TLS-only policy, " +
      "access logging",
    () => {
      const json = synth();
      expect(forBucket(json, "aws_s3_bucket")[0]).toMatchObject({
        bucket: "reports",
        force_destroy: false,
        lifecycle: { prevent_destroy: true },
      });
      const [sse] = forBucket(json, "aws_s3_bucket_server_side_encryption_configuration") as {
        rule: { apply_server_side_encryption_by_default: { sse_algorithm: string }; bucket_key_enabled: boolean }[];
      }[];
      expect(sse.rule[0]).toMatchObject({
        apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" },
        bucket_key_enabled: true,
      });
      expect(forBucket(json, "aws_s3_bucket_public_access_block")[0]).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(forBucket(json, "aws_s3_bucket_ownership_controls")[0]).toMatchObject({
        rule: { object_ownership: "BucketOwnerEnforced" },
      });
      expect(forBucket(json, "aws_s3_bucket_logging")[0]).toMatchObject({ target_prefix: "reports/" });
      const policy = JSON.parse(String(forBucket(json, "aws_s3_bucket_policy")[0].policy));
      expect(policy.Statement).toEqual([
        expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": false } } }),
      ]);
    },
  );

  it("reports kind: versioned, IA at 90 days, Glacier at 365 (seed 003)", () => {
    const json = synth();
    expect(forBucket(json, "aws_s3_bucket_versioning")[0]).toMatchObject({
      versioning_configuration: { status: "Enabled" },
    });
    const [lifecycle] = forBucket(json, "aws_s3_bucket_lifecycle_configuration") as {
      rule: Record<string, unknown>[];
    }[];
    expect(lifecycle.rule[0].transition).toEqual([
      { days: 90, storage_class: "STANDARD_IA" },
      { days: 365, storage_class: "GLACIER" },
    ]);
    expect(lifecycle.rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 365 }]);
  });

  it("uploads kind: unversioned, expires after 30 days, CORS from config", () => {
    const json = synth({
      kind: "uploads",
      cors: { allowedOrigins: ["https://plataforma.app"], allowedMethods: ["GET", "PUT", "POST"] },
    });
    expect(forBucket(json, "aws_s3_bucket_versioning")).toEqual([]);
    const [lifecycle] = forBucket(json, "aws_s3_bucket_lifecycle_configuration") as {
      rule: Record<string, unknown>[];
    }[];
    expect(lifecycle.rule[0].expiration).toEqual([{ days: 30 }]);
    expect(forBucket(json, "aws_s3_bucket_cors_configuration")[0]).toMatchObject({
      cors_rule: [
        {
          allowed_origins: ["https://plataforma.app"],
          allowed_methods: ["GET", "PUT", "POST"],
          allowed_headers: ["*"],
          max_age_seconds: 3000,
        },
      ],
    });
  });

  it("module-bundles with managePolicy false: no bucket policy (the edge stack owns it)", () => {
    expect(forBucket(synth({ kind: "module-bundles", managePolicy: false }), "aws_s3_bucket_policy")).toEqual([]);
  });

  it("replication: every object and delete marker, KMS on both ends, 15-minute RTC, least-privilege role", () => {
    const json = synth({ replicate: true });
    const [config] = forBucket(json, "aws_s3_bucket_replication_configuration") as {
      rule: { destination: { bucket: unknown } }[];
    }[];
    expect(config.rule[0]).toMatchObject({
      status: "Enabled",
      delete_marker_replication: { status: "Enabled" },
      source_selection_criteria: { sse_kms_encrypted_objects: { status: "Enabled" } },
      destination: { replication_time: { status: "Enabled", time: { minutes: 15 } } },
    });
    expect(String(config.rule[0].destination.bucket)).toMatch(/aws_s3_bucket\.replica_bucket/);
    const policy = JSON.parse(String(forBucket(json, "aws_iam_role_policy")[0].policy));
    expect(policy.Statement.find((s: { Sid: string }) => s.Sid === "WriteReplicas").Resource).toBe(
      "arn:aws:s3:::reports-replica/*",
    );
    expect(policy.Statement.find((s: { Sid: string }) => s.Sid === "DecryptSource").Condition).toEqual({
      StringLike: { "kms:ViaService": "s3.sa-east-1.amazonaws.com" },
    });
  });

  it("fails when replicating without versioning on either end, and for a transition after expiry", () => {
    expect(
      reported(() => synth({ replicate: true, versioned: false, replicaVersioned: false, expirationDays: 100 })),
    ).toEqual([
      ["versioned", false],
      ["replication.destination", "stack/replica"],
      ["transitions", [{ days: 365, storageClass: "GLACIER" }]],
    ]);
  });

  it("fails for a bucket name S3 refuses", () => {
    expect(reported(() => synth({ bucketName: "Bad_Bucket" }))).toEqual([["bucketName", "Bad_Bucket"]]);
    expect(reported(() => synth({ bucketName: "reports..archive" }))).toEqual([["bucketName", "reports..archive"]]);
    expect(reported(() => synth({ bucketName: "10.0.0.1" }))).toEqual([["bucketName", "10.0.0.1"]]);
    expect(reported(() => synth({ bucketName: "reports.example.com" }))).toEqual([
      ["bucketName", "reports.example.com"],
    ]);
  });

  it("fails for an unknown kind with the allowed kinds, instead of a TypeError", () => {
    const error = validationError(() => synth({ kind: "nope" as never, versioned: false }));
    expect(error.problems).toEqual([
      {
        prop: "kind",
        message: "must be one of reports, uploads, backups, module-bundles, module-data",
        received: "nope",
        fix:
          "use one of reports, uploads, backups, module-bundles, module-data " +
          "(it decides versioning and lifecycle defaults)",
      },
    ]);
    expect(reported(() => synth({ kind: "toString" as never }))).toEqual([["kind", "toString"]]);
  });

  it("fails for a dotted name, which S3 allows but HTTPS to the virtual-hosted endpoint does not", () => {
    expect(reported(() => synth({ bucketName: "orders.reports.123456789012" }))).toEqual([
      ["bucketName", "orders.reports.123456789012"],
    ]);
  });

  it("fails for an account id or a region that is not one", () => {
    expect(reported(() => synth({ accountId: "1", region: "sa-east-1a" }))).toEqual([
      ["accountId", "1"],
      ["region", "sa-east-1a"],
    ]);
  });

  it("reports every missing required prop (plain JavaScript callers)", () => {
    const error = validationError(
      () => new DataBucket(new TerraformStack(Testing.app(), "stack"), "bucket", {} as DataBucketProps),
    );
    expect(error.problems.map((p) => [p.prop, p.message])).toEqual([
      ["bucketName", "is required"],
      ["accountId", "is required"],
      ["region", "is required"],
      ["key", "is required"],
      ["logBucket", "is required"],
      ["kind", "is required"],
    ]);
  });
});

describe("S3AccessLogBucket", () => {
  it("SSE-S3 (log delivery cannot use KMS), delivery allowed for this account only, TLS only, expires logs", () => {
    const json = JSON.parse(
      Testing.synthScope(
        (scope) => new S3AccessLogBucket(scope, "logs", { bucketName: "logs", accountId: "123456789012" }),
      ),
    ) as StackJson;
    expect(valuesOf(json, "aws_s3_bucket")[0]).toMatchObject({ lifecycle: { prevent_destroy: true } });
    const sse = valuesOf(json, "aws_s3_bucket_server_side_encryption_configuration")[0] as {
      rule: { apply_server_side_encryption_by_default: { sse_algorithm: string } }[];
    };
    expect(sse.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("AES256");
    const policy = JSON.parse(String(valuesOf(json, "aws_s3_bucket_policy")[0].policy));
    expect(policy.Statement[1]).toMatchObject({
      Principal: { Service: "logging.s3.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
    });
    expect(
      (valuesOf(json, "aws_s3_bucket_lifecycle_configuration")[0] as { rule: { expiration: unknown }[] }).rule[0]
        .expiration,
    ).toEqual([{ days: 365 }]);
  });

  it("fails for a bucket name S3 refuses and an account id that is not 12 digits, in one error", () => {
    const build = () =>
      new S3AccessLogBucket(new TerraformStack(Testing.app(), "stack"), "logs", {
        bucketName: "Access_Logs",
        accountId: "123",
      });
    expect(reported(build)).toEqual([
      ["bucketName", "Access_Logs"],
      ["accountId", "123"],
    ]);
  });

  it("reports a missing bucket name and account id (plain JavaScript callers)", () => {
    for (const props of [{}, undefined]) {
      const error = validationError(
        () => new S3AccessLogBucket(new TerraformStack(Testing.app(), "stack"), "logs", props as never),
      );
      expect(error.problems.map((p) => [p.prop, p.message])).toEqual([
        ["bucketName", "is required"],
        ["accountId", "is required"],
      ]);
    }
  });
});
