export * from "./monthly-budget";
