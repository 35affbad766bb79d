export * from "./backup-plan";
export * from "./backup-settings";
export * from "./backup-vault";
