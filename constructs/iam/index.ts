export * from "./policy-document";
