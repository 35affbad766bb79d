import { missingContext } from "../../lib/context";
import { regionOf } from "../../lib/stack";
import type { Resource, StackCheck, Violation } from "../../types";

/**
 * Resource types that hold personal data at rest: databases, caches, buckets, volumes
 * (EKS nodes' disks hold pod data and logs), and their backups and replicas. The EKS
 * control plane is not listed: etcd holds cluster objects, not user data.
 */
const PERSONAL_DATA_TYPES: ReadonlySet<string> = new Set([
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_db_instance_automated_backups_replication",
  "aws_elasticache_replication_group",
  "aws_elasticache_cluster",
  "aws_elasticache_serverless_cache",
  "aws_s3_bucket",
  "aws_ebs_volume",
  "aws_eks_node_group",
  "aws_launch_template",
  "aws_dynamodb_table",
  "aws_efs_file_system",
  "aws_backup_vault",
]);

/** One resource's residency problem, if any. */
function problem(region: ReturnType<typeof regionOf>, allowed: readonly string[], r: Resource): Violation[] {
  if ("unknown" in region) return [{ address: r.address, message: `cannot tell where it lives: ${region.unknown}` }];
  return allowed.includes(region.region)
    ? []
    : [
        {
          address: r.address,
          message: `holds personal data in ${region.region}, outside the allowed regions [${allowed.join(", ")}]`,
        },
      ];
}

/** Resources holding personal data live only in the stack's `context.personalDataRegions` (LGPD). */
export const personalDataRegion: StackCheck = (stack) => {
  const holders = stack.resources.filter((r) => PERSONAL_DATA_TYPES.has(r.type));
  if (holders.length === 0) return [];
  const allowed = stack.context?.personalDataRegions;
  if (!allowed) {
    const message = missingContext(["personalDataRegions"], "the regions allowed to hold personal data are unknown");
    return holders.map((r) => ({ address: r.address, message }));
  }
  return holders.flatMap((r) => problem(regionOf(stack, r), allowed, r));
};
