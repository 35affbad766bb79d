export * from "./encrypted-log-group";
export * from "./monthly-budget";
