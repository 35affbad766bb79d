/**
 * This organisation's values for the props the construct library leaves neutral (master
 * user, database name, Kubernetes label prefix, module scope, monitoring names). The library ships neutral
 * defaults; the stacks pass these, so the estate keeps the names it was deployed with
 * (renaming a master user or a label would replace resources or break selectors).
 */
import type { ModuleLabelling } from "../constructs/workloads/labelling";

/** PostgreSQL master user of every RDS and Aurora database (RDS cannot rename it in place). */
export const MASTER_USERNAME = "plataforma_admin";
/** Database the CockroachDB cluster creates and backs up. */
export const COCKROACH_DATABASE = "plataforma";
/** Label/annotation prefix and `part-of` of module objects. */
export const MODULE_LABELLING: Required<ModuleLabelling> = { domain: "plataforma.app", partOf: "plataforma" };
/** The npm scope every deployed module's manifest name must be in. */
export const MODULE_SCOPE = "@plataforma";
/**
 * CloudWatch namespace of the audit trail's CIS metric filters and alarms (renaming it would
 * replace every filter's metric and alarm, and break dashboards reading it).
 */
export const AUDIT_METRIC_NAMESPACE = "Plataforma/Audit";
