// First, before any re-export loads a provider file: names a missing optional peer.
import "./require-peers";

export * from "./addon-policies";
export * from "./helm-addon";
export * from "./karpenter";
export * from "./labelling";
export * from "./manifest-schema";
export * from "./module-iam";
export * from "./module-network-policies";
export * from "./module-workload";
export * from "./node-capacity";
export * from "./permissions";
export * from "./platform-addons";
export * from "./quantities";
