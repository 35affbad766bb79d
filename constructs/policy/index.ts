export * from "./bucket-access-logging";
export * from "./suppress-policy";
