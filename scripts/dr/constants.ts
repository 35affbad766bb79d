/**
 * Durations and bounds the DR readiness check adds up, one named constant each with its
 * source. Where AWS publishes only a "typical" figure, the constant is a conservative
 * bound above it and says so: a live drill (`npm run dr:drill -- --mode live`) measures
 * the real figure per step, and a constant that a drill beats can be lowered with the
 * drill report as its new source.
 */

/**
 * Route 53 HTTPS health check timeout per checker: the TCP connection must open within 4 s
 * and the endpoint answer within 2 s after that (Route 53 Developer Guide, "How Amazon
 * Route 53 determines whether a health check is healthy").
 */
export const ROUTE53_HEALTH_CHECK_TIMEOUT_SECONDS = 6;

/**
 * TTL Route 53 answers with for an alias record to an Elastic Load Balancer: fixed at 60 s
 * (Route 53 Developer Guide, "Choosing between alias and non-alias records").
 */
export const ROUTE53_ELB_ALIAS_TTL_SECONDS = 60;

/**
 * Routing delay of a proxied Cloudflare load balancer: clients resolve Cloudflare's edge
 * addresses, which do not change; the edge picks a healthy pool per request (Cloudflare
 * Load Balancing docs, "Proxy modes": proxied load balancers have no DNS TTL to expire).
 */
export const CLOUDFLARE_PROXIED_ROUTING_SECONDS = 0;

/**
 * TTL of an unproxied (DNS-only) Cloudflare load balancer when `ttl` is unset: 30 s
 * (Cloudflare API, load balancer `ttl` default).
 */
export const CLOUDFLARE_DNS_ONLY_DEFAULT_TTL_SECONDS = 30;

/**
 * Aurora Global Database cross-Region failover (managed failover or detach-and-promote)
 * until the secondary accepts writes. AWS quotes an RTO "typically under a minute"
 * (Aurora User Guide, aurora-global-database-disaster-recovery); 5 min is the bound used
 * here, for a cluster with two readers and the writer endpoint update.
 */
export const AURORA_GLOBAL_FAILOVER_SECONDS = 300;

/**
 * Point-in-time restore of an RDS instance (from its own automated backups, or from the
 * automated backups replicated to the DR region) until it is `available`. AWS gives no
 * bound: it grows with the data size. 20 min holds for the shipped instances (db.t4g.medium,
 * under 100 GiB); re-measure with a live drill before trusting it for a larger database.
 */
export const RDS_POINT_IN_TIME_RESTORE_SECONDS = 1200;

/**
 * ElastiCache Global Datastore failover (promote the secondary replication group) until it
 * accepts writes. AWS quotes "less than a minute" for the promotion (ElastiCache User Guide,
 * "Promoting the secondary cluster to primary"); 5 min leaves room for the endpoint update.
 */
export const GLOBAL_DATASTORE_FAILOVER_SECONDS = 300;

/**
 * Creating an ElastiCache replication group from nothing (pilot light keeps no cache in the
 * DR region): 10-15 min for a small Multi-AZ group in AWS's getting-started guide; 15 min here.
 */
export const ELASTICACHE_CREATE_SECONDS = 900;

/**
 * Scaling an EKS managed node group out until the new nodes are Ready: EC2 launch, boot,
 * bootstrap and kubelet registration, "about 2-4 minutes" (EKS Best Practices, cluster
 * autoscaling); 5 min here.
 */
export const NODE_LAUNCH_SECONDS = 300;

/**
 * Pods scheduled on fresh nodes until ready: image pull from ECR cross-region and the
 * readiness probes of the module workloads (their probes allow up to 60 s); 2 min here.
 */
export const POD_START_SECONDS = 120;

/**
 * RDS uploads transaction logs for point-in-time restore every 5 minutes (RDS User Guide,
 * "Restoring a DB instance to a specified time"): a restore in place loses at most that.
 */
export const RDS_LOG_UPLOAD_MINUTES = 5;

/**
 * S3 Replication Time Control: 99.99% of objects replicated within 15 minutes, backed by
 * an SLA (S3 User Guide, "Meeting compliance requirements with S3 Replication Time
 * Control"). No AWS setting replicates objects faster with a guarantee, so a bucket's RPO
 * target is at least this (README Decisions).
 */
export const S3_RTC_MINUTES = 15;

/** Milliseconds in a minute (Aurora publishes its Global Database lag in milliseconds). */
export const MS_PER_MINUTE = 60_000;
