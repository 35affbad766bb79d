import { resourcesOf } from "../../lib/stack";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Every global cluster is encrypted: `storage_encrypted` true, or created from a source
 * cluster (it then inherits the source's encryption, which SEC-RDS-CLUSTER-ENCRYPTION checks).
 */
export const rdsGlobalClusterEncryption: StackCheck = (stack) =>
  resourcesOf(stack, "aws_rds_global_cluster").flatMap((global): Violation[] =>
    isTrue(global.values.storage_encrypted) || global.values.source_db_cluster_identifier !== undefined
      ? []
      : [
          {
            address: global.address,
            message:
              `storage_encrypted is ${show(global.values.storage_encrypted)} and no source_db_cluster_identifier ` +
              `is given`,
          },
        ],
  );
