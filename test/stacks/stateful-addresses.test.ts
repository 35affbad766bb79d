import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { App, TerraformStack, Testing } from "cdktf";
import { EncryptionKey } from "../../constructs/kms/encryption-key";
import { DataBucket } from "../../constructs/storage/data-bucket";
import {
  type AddressableJson,
  checkPinned,
  type PinnedAddresses,
  statefulAddresses,
} from "../../scripts/lib/stateful-addresses";
import { buildStacks } from "../helpers";
import pinnedFile from "./stateful-addresses.json";

const pinned = pinnedFile as PinnedAddresses;
const FIX =
  "Fix: keep the construct id, or add a moved block (moveFromId/moveTo) and re-pin with " +
  "`node --import tsx scripts/pin-stateful-addresses.ts`";

describe("stateful addresses of every environment", () => {
  const built = buildStacks(["dev", "staging", "production"]);

  it.each(built.stacks.map((s) => s.node.id))(
    "%s keeps every pinned address, pins every stateful resource and protects it from destroy",
    (name) => {
      const result = checkPinned(pinned[name] ?? [], built.json(name) as AddressableJson);
      expect({ stack: name, missing: result.missing, fix: result.missing.length ? FIX : "" }).toEqual({
        stack: name,
        missing: [],
        fix: "",
      });
      const pinFix =
        "Fix: review that these are new stateful resources (or moved targets) and pin them with " +
        "`node --import tsx scripts/pin-stateful-addresses.ts`";
      expect({ stack: name, unpinned: result.unpinned, fix: result.unpinned.length ? pinFix : "" }).toEqual({
        stack: name,
        unpinned: [],
        fix: "",
      });
      expect({ stack: name, unprotected: result.unprotected }).toEqual({ stack: name, unprotected: [] });
    },
  );

  it("pins the databases, caches, buckets and keys of the data stacks", () => {
    const production = pinned["production-sa-east-1-data"];
    for (const type of [
      "aws_rds_cluster",
      "aws_rds_global_cluster",
      "aws_rds_cluster_instance",
      "aws_elasticache_replication_group",
      "aws_s3_bucket",
      "aws_kms_key",
    ]) {
      expect(production.some((a) => a.startsWith(`${type}.`))).toBe(true);
    }
    expect(
      pinned["staging-us-east-1-data"].some((a) => a.startsWith("aws_db_instance_automated_backups_replication.")),
    ).toBe(true);
    expect(
      Object.keys(pinned)
        .filter((n) => n.endsWith("-data"))
        .sort(),
    ).toEqual(
      built.stacks
        .map((s) => s.node.id)
        .filter((n) => n.endsWith("-data"))
        .sort(),
    );
  });
});

describe("renaming a stateful construct", () => {
  /** A stack with one catalog bucket under construct id `id`; optionally moved from the old address. */
  function bucketStack(id: string, movedFrom?: string): AddressableJson {
    const stack = new TerraformStack(new App({ outdir: Testing.app().outdir }), "data");
    const key = new EncryptionKey(stack, "key", { alias: "k", purpose: "test", accountId: "123456789012" });
    const logs = new S3Bucket(stack, "logs", { bucket: "logs", lifecycle: { preventDestroy: true } });
    const bucket = new DataBucket(stack, id, {
      bucketName: "plataforma-dev-reports-111111111111",
      kind: "reports",
      accountId: "123456789012",
      region: "sa-east-1",
      key,
      logBucket: logs,
    });
    if (movedFrom) bucket.bucket.moveFromId(movedFrom);
    return JSON.parse(Testing.synth(stack)) as AddressableJson;
  }

  const before = statefulAddresses(bucketStack("bucket-reports"));
  const oldAddress = before.find((a) => a.startsWith("aws_s3_bucket.bucket-reports_"))!;

  it("is detected: the pinned bucket address is missing (Terraform would destroy the bucket)", () => {
    const renamed = bucketStack("bucket-reports-v2");
    const result = checkPinned(before, renamed);
    expect(result.missing).toEqual([oldAddress]);
    expect(result.unpinned).toEqual([expect.stringMatching(/^aws_s3_bucket\.bucket-reports-v2_/)]);
  });

  it("passes with a moved block from the old address", () => {
    const moved = bucketStack("bucket-reports-v2", oldAddress);
    expect(moved.moved).toEqual([
      { from: oldAddress, to: expect.stringMatching(/^aws_s3_bucket\.bucket-reports-v2_/) },
    ]);
    expect(checkPinned(before, moved).missing).toEqual([]);
  });

  it("flags a stateful resource without prevent_destroy", () => {
    const json = bucketStack("bucket-reports") as { resource: Record<string, Record<string, Record<string, unknown>>> };
    delete json.resource.aws_s3_bucket[oldAddress.split(".")[1]].lifecycle;
    expect(checkPinned(before, json).unprotected).toEqual([oldAddress]);
  });
});
