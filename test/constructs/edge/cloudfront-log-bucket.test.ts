import { Testing } from "cdktf";
import { CloudFrontLogBucket, type CloudFrontLogBucketProps } from "../../../constructs/edge/cloudfront-log-bucket";
import { type StackJson, valuesOf } from "../../helpers";

function synth(props: Partial<CloudFrontLogBucketProps> = {}): StackJson {
  return JSON.parse(
    Testing.synthScope(
      (scope) =>
        new CloudFrontLogBucket(scope, "logs", { bucketName: "plataforma-dev-cdn-access-logs-111111111111", ...props }),
    ),
  ) as StackJson;
}

describe("CloudFrontLogBucket", () => {
  it(
    "allows the CloudFront log-delivery ACL (BucketOwnerPreferred) while blocking public access, encrypted, " +
      "TLS-only, protected from destroy",
    () => {
      const json = synth();
      expect(valuesOf(json, "aws_s3_bucket")[0]).toMatchObject({
        bucket: "plataforma-dev-cdn-access-logs-111111111111",
        force_destroy: false,
        lifecycle: { prevent_destroy: true },
      });
      expect(valuesOf(json, "aws_s3_bucket_ownership_controls")[0]).toMatchObject({
        rule: { object_ownership: "BucketOwnerPreferred" },
      });
      expect(valuesOf(json, "aws_s3_bucket_public_access_block")[0]).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(valuesOf(json, "aws_s3_bucket_server_side_encryption_configuration")[0]).toMatchObject({
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
      });
      const policy = JSON.parse(String(valuesOf(json, "aws_s3_bucket_policy")[0].policy));
      expect(policy.Statement).toEqual([
        expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": false } } }),
      ]);
    },
  );

  it("expires logs after 90 days by default, or the given retention", () => {
    const rule = (json: StackJson) =>
      (valuesOf(json, "aws_s3_bucket_lifecycle_configuration")[0].rule as { expiration: { days: number }[] }[])[0];
    expect(rule(synth()).expiration).toEqual([{ days: 90 }]);
    expect(rule(synth({ retentionDays: 365 })).expiration).toEqual([{ days: 365 }]);
  });

  it("fails when the retention is not 1-3653 days", () => {
    expect(() => synth({ retentionDays: 0 })).toThrow(
      /retentionDays: must be an integer from 1 to 3653 \(received: 0\)\. Fix: use 90/,
    );
  });

  it("fails when the bucket name breaks S3's naming rules (shared LogBucket check)", () => {
    expect(() => synth({ bucketName: "cdn..logs" })).toThrow(
      /bucketName: must not contain two adjacent dots \(received: "cdn\.\.logs"\)\. Fix: /,
    );
  });
});
