/**
 * This organisation's values for the props the construct library leaves neutral (master
 * user, database name, Kubernetes label prefix, module scope, monitoring names). The library ships neutral
 * defaults; the stacks pass these, so the estate keeps the names it was deployed with
 * (renaming a master user or a label would replace resources or break selectors).
 */
import type { KubePrometheusStackProps } from "../constructs/monitoring/kube-prometheus-stack";
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
/**
 * How the cluster monitoring names this organisation's rule groups and dashboard tags, and
 * which namespaces it treats as modules: every `module-<short name>` (as ModuleWorkload names
 * them), the pattern the deployed rules and dashboards already use.
 */
export const MONITORING_NAMING: Required<
  Pick<KubePrometheusStackProps, "moduleNamespacePattern" | "ruleGroupPrefix" | "dashboardTags">
> = { moduleNamespacePattern: "module-.*", ruleGroupPrefix: "plataforma", dashboardTags: ["plataforma"] };
