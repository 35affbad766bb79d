import { CockroachDbCluster } from "../constructs/database/cockroachdb-cluster";
import type { EnvironmentConfig } from "../environments/schema";
import { environmentPrefix } from "../naming/derived";
import type { BaseStack } from "./base-stack";
import { readDataOutputs } from "./data-outputs";
import { COCKROACH_DATABASE } from "./organisation";

/**
 * Adds this region's CockroachDB deployment to a `platform` stack (which provides the
 * kubernetes and helm providers), when the environment's database is CockroachDB and
 * lists the region. Reads the region's data stack outputs (backup role, volume key,
 * backup bucket) through `readDataOutputs`, so the platform stack plans before the data
 * stack is applied. Returns `undefined` when the environment runs no CockroachDB here.
 *
 * No join addresses are passed: nothing yet publishes a region's node addresses across
 * the region links, so each region's nodes bootstrap on their own.
 */
export function addCockroachDb(
  stack: BaseStack,
  env: EnvironmentConfig,
  region: string,
): CockroachDbCluster | undefined {
  const db = env.data.database;
  if (db?.engine !== "cockroachdb" || !(db.regions as readonly string[]).includes(region)) return undefined;
  const data = readDataOutputs(stack, region);
  return new CockroachDbCluster(stack, "cockroachdb", {
    region,
    regions: db.regions,
    allowedRegions: env.residency.personalDataRegions,
    survivalGoal: db.survivalGoal,
    clusterName: environmentPrefix(env),
    databaseName: COCKROACH_DATABASE,
    volumeKmsKeyArn: data.cockroachVolumeKeyArn,
    backupBucketName: data.cockroachBackupBucketName,
    backupRoleArn: data.cockroachBackupRoleArn,
    nodesPerRegion: db.nodesPerRegion,
    storageGb: db.storageGb,
    tls: db.tls,
    backupRecurrence: db.backupRecurrence,
    fullBackupRecurrence: db.fullBackupRecurrence,
  });
}
