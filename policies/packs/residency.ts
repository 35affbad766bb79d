import { dynamodbReplicaRegion } from "../rules/residency/dynamodb-replica-region";
import { personalDataRegion } from "../rules/residency/personal-data-region";
import { s3ReplicationRegion } from "../rules/residency/s3-replication-region";
import type { Pack } from "../types";

/** LGPD: personal data lives only in the environment's allowed regions. */
export const RESIDENCY_PACK: Pack = {
  name: "residency",
  description:
    "LGPD: databases, caches, buckets, volumes and their replicas only in the environment's personal-data regions",
  rules: [
    {
      scope: "stack",
      check: personalDataRegion,
      id: "RES-PERSONAL-DATA-REGION",
      severity: "error",
      title: "Resources holding personal data live in allowed regions",
      why:
        "LGPD: personal data must reside in Brazil or a country with adequate protection; " +
        "context.personalDataRegions lists where that holds.",
      fix:
        "Create the resource with a provider in one of the allowed regions (checkApp context.personalDataRegions; " +
        "this repository: residency.personalDataRegions in environments/<env>.ts), or (after legal review) add " +
        "the region there.",
    },
    {
      scope: "stack",
      check: s3ReplicationRegion,
      id: "RES-S3-REPLICATION-REGION",
      severity: "error",
      title: "S3 replication targets buckets in allowed regions",
      why: "Replication copies every object, personal data included, to the destination's region.",
      fix: "Replicate to a bucket declared in the same stack with a provider in an allowed region.",
    },
    {
      scope: "stack",
      check: dynamodbReplicaRegion,
      id: "RES-DYNAMODB-REPLICA-REGION",
      severity: "error",
      title: "DynamoDB global table replicas are in allowed regions",
      why: "Each replica holds a full copy of the table.",
      fix: "Only list allowed regions in replica.region_name.",
    },
  ],
};
