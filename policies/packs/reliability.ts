import { eksNodeGroupSize } from "../rules/reliability/eks-node-group-size";
import { elasticacheBackup } from "../rules/reliability/elasticache-backup";
import { elasticacheFailover } from "../rules/reliability/elasticache-failover";
import { lbDeletionProtection } from "../rules/reliability/lb-deletion-protection";
import { lbTargetGroupHealthCheck } from "../rules/reliability/lb-target-group-health-check";
import {
  BACKUPS_ON_MIN_RETENTION_DAYS,
  PRODUCTION_MIN_BACKUP_RETENTION_DAYS,
  rdsBackupRetention,
} from "../rules/reliability/rds-backup-retention";
import { rdsDeletionProtection } from "../rules/reliability/rds-deletion-protection";
import { rdsEnhancedMonitoring } from "../rules/reliability/rds-enhanced-monitoring";
import { rdsMultiAz } from "../rules/reliability/rds-multi-az";
import { rdsPerformanceInsights } from "../rules/reliability/rds-performance-insights";
import { route53FailoverHealthCheck } from "../rules/reliability/route53-failover-health-check";
import { route53HealthCheckHttps } from "../rules/reliability/route53-health-check-https";
import type { Pack } from "../types";

/** Multi-AZ, backups, deletion protection, health checks. Production-only rules also apply when the tier is unknown. */
export const RELIABILITY_PACK: Pack = {
  name: "reliability",
  description:
    "Multi-AZ, backups, deletion protection, health checks (production-only rules also run when the tier is unknown)",
  rules: [
    {
      scope: "stack",
      check: rdsMultiAz,
      id: "REL-RDS-MULTI-AZ",
      severity: "error",
      title: "DB instances beyond development (staging, production) are Multi-AZ",
      why:
        "A single-AZ database is down for the whole zone outage and every maintenance reboot; staging rehearses " +
        "production's failover, so it runs the same topology.",
      fix: "Set multi_az = true (staging and production tiers; development may stay single-AZ).",
      checkov: ["CKV_AWS_157"],
      cdkNag: ["AwsSolutions-RDS3"],
    },
    {
      scope: "stack",
      check: rdsBackupRetention,
      id: "REL-RDS-BACKUP-RETENTION",
      severity: "error",
      title:
        `Databases keep automated backups (${PRODUCTION_MIN_BACKUP_RETENTION_DAYS}+ days in production, ` +
        `${BACKUPS_ON_MIN_RETENTION_DAYS}+ elsewhere)`,
      why: "Point-in-time recovery is the answer to a bad migration or a deleted table; the window is the retention.",
      fix:
        `Set backup_retention_period (seed 003: 35 days in production; at least ` +
        `${PRODUCTION_MIN_BACKUP_RETENTION_DAYS} there, at least ${BACKUPS_ON_MIN_RETENTION_DAYS} elsewhere).`,
      checkov: ["CKV_AWS_133"],
      cdkNag: ["NIST.800.53.R5-RDSInstanceBackupEnabled"],
    },
    {
      scope: "stack",
      check: rdsDeletionProtection,
      id: "REL-RDS-DELETION-PROTECTION",
      severity: "error",
      title: "Production databases have deletion protection",
      why:
        "deletion_protection stops a console click or a script from deleting the database, which " +
        "prevent_destroy (Terraform only) does not.",
      fix: "Set deletion_protection = true on the instance, cluster and global cluster.",
      checkov: ["CKV_AWS_293", "CKV_AWS_139"],
      cdkNag: ["AwsSolutions-RDS10"],
    },
    {
      scope: "stack",
      check: elasticacheFailover,
      id: "REL-ELASTICACHE-FAILOVER",
      severity: "error",
      title: "Production caches fail over to a replica in another zone",
      why: "A single-node cache loses every session when its node or zone fails.",
      fix:
        "Set automatic_failover_enabled = true, multi_az_enabled = true and num_cache_clusters >= 2 (or " +
        "replicas_per_node_group >= 1).",
      cdkNag: ["AwsSolutions-AEC4"],
    },
    {
      scope: "stack",
      check: elasticacheBackup,
      id: "REL-ELASTICACHE-BACKUP",
      severity: "error",
      title: "Caches keep daily snapshots (every tier)",
      why: "Without snapshots a flush or a bad deploy loses the cache's data for good.",
      fix: "Set snapshot_retention_limit >= 1 and a snapshot_window.",
      checkov: ["CKV_AWS_134"],
    },
    {
      scope: "stack",
      check: eksNodeGroupSize,
      id: "REL-EKS-NODE-GROUP-HA",
      severity: "error",
      title: "Production node groups keep at least two nodes",
      why: "One node is one drain or one zone outage away from running nothing.",
      fix: "Set scaling_config.min_size >= 2 over subnets in at least two zones.",
    },
    {
      scope: "stack",
      check: route53FailoverHealthCheck,
      id: "REL-ROUTE53-FAILOVER-HEALTH-CHECK",
      severity: "error",
      title: "PRIMARY failover records have a health check",
      why:
        "Route 53 only fails over when the primary's health check fails; without one the DR region never takes " +
        "traffic.",
      fix: "Set health_check_id on the PRIMARY record to an aws_route53_health_check probing the primary region.",
    },
    {
      scope: "stack",
      check: route53HealthCheckHttps,
      id: "REL-ROUTE53-HEALTH-CHECK",
      severity: "error",
      title: "Endpoint health checks probe HTTPS on a path and fail fast",
      why: 'An HTTP check on "/" stays green while TLS or the app is broken, and a high threshold delays failover.',
      fix: 'Use type HTTPS (or HTTPS_STR_MATCH), resource_path = "/healthz" and failure_threshold <= 3.',
    },
    {
      scope: "stack",
      check: lbDeletionProtection,
      id: "REL-LB-DELETION-PROTECTION",
      severity: "error",
      title: "Production load balancers have deletion protection",
      why: "Deleting a load balancer changes its DNS name and breaks every record and origin pointing at it.",
      fix: "Set enable_deletion_protection = true.",
      checkov: ["CKV_AWS_150"],
    },
    {
      scope: "stack",
      check: lbTargetGroupHealthCheck,
      id: "REL-LB-HEALTH-CHECK",
      severity: "error",
      title: "HTTP target groups probe an explicit health path",
      why: 'The default probe of "/" often returns 200 from a broken app (or 404 from a healthy one).',
      fix: 'Set health_check { enabled = true, path = "/healthz", matcher = "200" }.',
    },
    // Guardrail coverage (issue 18).
    {
      scope: "stack",
      check: rdsEnhancedMonitoring,
      id: "REL-RDS-ENHANCED-MONITORING",
      severity: "error",
      title: "DB instances beyond development collect Enhanced Monitoring (60 s or finer)",
      why: "CloudWatch's hypervisor metrics miss the OS view (memory pressure, swap, process list) an outage needs.",
      fix: "Set monitoring_interval = 60 (or less) and monitoring_role_arn (staging and production; dev may skip).",
      checkov: ["CKV_AWS_118"],
    },
    {
      scope: "stack",
      check: rdsPerformanceInsights,
      id: "REL-RDS-PERFORMANCE-INSIGHTS",
      severity: "error",
      title: "DB instances record Performance Insights",
      why: "Without it, a slow database cannot be traced to the query, wait event or client that loads it.",
      fix: "Set performance_insights_enabled = true (7 days are free) and performance_insights_kms_key_id.",
      checkov: ["CKV_AWS_353"],
      trivy: ["AVD-AWS-0133"],
    },
  ],
};
