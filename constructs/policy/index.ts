export * from "./suppress-policy";
