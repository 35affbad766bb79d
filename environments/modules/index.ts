export * from "./admin-usuarios";
export * from "./auth";
export * from "./catalog";
export * from "./estoque";
export * from "./financeiro";
export * from "./portal";
export * from "./vendas";
