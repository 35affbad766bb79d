export * from "./cluster-settings";
export * from "./eks-cluster";
export * from "./instance-types";
export * from "./irsa-role";
export * from "./karpenter-aws";
export * from "./kubernetes-versions";
export * from "./managed-node-group";
