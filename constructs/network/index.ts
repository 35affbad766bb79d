export * from "./cidr";
export * from "./interface-endpoints";
export * from "./network-settings";
export * from "./region-peering";
export * from "./regional-network";
export * from "./service-security-group";
export * from "./subnet-plan";
export * from "./vpc-flow-logs";
