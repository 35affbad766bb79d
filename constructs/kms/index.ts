export * from "./encryption-key";
