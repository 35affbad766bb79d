export * from "./cidr";
export * from "./regional-network";
export * from "./subnet-plan";
export * from "./vpc-flow-logs";
