import { metadataMap } from "../../lib/kubernetes";
import { resourcesOf } from "../../lib/stack";
import { show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Namespaces this stack creates enforce the restricted Pod Security Standard
 * (`pod-security.kubernetes.io/enforce: restricted`), so the API server refuses a pod that
 * breaks it whatever created it (a chart, kubectl, an operator).
 */
export const namespacePodSecurity: StackCheck = (stack) =>
  resourcesOf(stack, "kubernetes_namespace", "kubernetes_namespace_v1").flatMap((ns): Violation[] => {
    const level = metadataMap(ns, "labels")["pod-security.kubernetes.io/enforce"];
    return level === "restricted"
      ? []
      : [{ address: ns.address, message: `label pod-security.kubernetes.io/enforce is ${show(level)}` }];
  });
