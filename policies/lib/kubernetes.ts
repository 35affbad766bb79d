/**
 * Kubernetes resources of the hashicorp/kubernetes provider as synthesized: workloads and
 * their pod templates, containers, namespaces. Nested blocks arrive as one object or a
 * one-item list; both read the same. Versioned (`_v1`) and unversioned types are read alike.
 */
import type { Resource, StackView } from "../types";
import { referenced } from "./stack";
import { asObject, block, blocks, literalString } from "./values";

/** Workload types and the path from `spec` to their pod spec. */
const WORKLOADS: Readonly<Record<string, readonly string[]>> = {
  kubernetes_deployment: ["template", "spec"],
  kubernetes_deployment_v1: ["template", "spec"],
  kubernetes_stateful_set: ["template", "spec"],
  kubernetes_stateful_set_v1: ["template", "spec"],
  kubernetes_daemonset: ["template", "spec"],
  kubernetes_daemon_set_v1: ["template", "spec"],
  kubernetes_replication_controller: ["template", "spec"],
  kubernetes_replication_controller_v1: ["template", "spec"],
  kubernetes_job: ["template", "spec"],
  kubernetes_job_v1: ["template", "spec"],
  kubernetes_cron_job: ["job_template", "spec", "template", "spec"],
  kubernetes_cron_job_v1: ["job_template", "spec", "template", "spec"],
  kubernetes_pod: [],
  kubernetes_pod_v1: [],
};

/** Workload types that run until stopped (probes apply); jobs and cron jobs run to completion. */
const LONG_RUNNING = /^kubernetes_(deployment|stateful_set|daemonset|daemon_set|replication_controller|pod)(_v1)?$/;

/** One workload and its pod spec (empty object when the template is missing). */
export interface Workload {
  readonly resource: Resource;
  readonly pod: Readonly<Record<string, unknown>>;
  /** True for workloads that serve until stopped (Deployment, StatefulSet, DaemonSet, Pod). */
  readonly longRunning: boolean;
}

/** One container of a workload, with its kind for messages. */
export interface Container {
  readonly workload: Workload;
  readonly name: string;
  readonly init: boolean;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Every workload of the stack with its pod spec. */
export function workloads(stack: StackView): Workload[] {
  return stack.resources
    .filter((r) => WORKLOADS[r.type] !== undefined)
    .map((resource) => {
      let node = block(resource.values.spec);
      for (const key of WORKLOADS[resource.type]) node = block(node?.[key]);
      return { resource, pod: node ?? {}, longRunning: LONG_RUNNING.test(resource.type) };
    });
}

/** Every container (and init container) of a workload. */
export function containers(workload: Workload): Container[] {
  const list = (key: string, init: boolean) =>
    blocks(workload.pod[key]).map((values) => ({ workload, name: String(values.name ?? "?"), init, values }));
  return [...list("container", false), ...list("init_container", true)];
}

/** Every container of every workload of the stack. */
export function allContainers(stack: StackView): Container[] {
  return workloads(stack).flatMap(containers);
}

/** A container's `security_context` block. */
export function containerContext(container: Container): Readonly<Record<string, unknown>> | undefined {
  return block(container.values.security_context);
}

/** The pod's `security_context` block. */
export function podContext(workload: Workload): Readonly<Record<string, unknown>> | undefined {
  return block(workload.pod.security_context);
}

/** How a container reads in messages: `container app` or `init container migrate`. */
export function label(container: Container): string {
  return `${container.init ? "init container" : "container"} ${container.name}`;
}

/** Namespaced Kubernetes resource types this project's rules look at (workloads, services, policies). */
export function isKubernetes(resource: Resource): boolean {
  return resource.type.startsWith("kubernetes_");
}

/**
 * The namespace a resource lives in: its literal `metadata.namespace`, the literal name of
 * the `kubernetes_namespace` resource it references, `default` when unset, or the raw
 * expression when neither can be read.
 */
export function namespaceOf(stack: StackView, resource: Resource): string {
  const value = block(resource.values.metadata)?.namespace;
  if (value === undefined || value === "") return "default";
  const literal = literalString(value);
  if (literal !== undefined) return literal;
  const target = referenced(stack, String(value).replace(/\.metadata\[0\]\.name\}$/, ".id}"));
  const name = target ? literalString(block(target.values.metadata)?.name) : undefined;
  return name ?? String(value);
}

/** Labels and annotations of a resource's metadata. */
export function metadataMap(resource: Resource, key: "labels" | "annotations"): Readonly<Record<string, unknown>> {
  return asObject(block(resource.values.metadata)?.[key]) ?? {};
}
