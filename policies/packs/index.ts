export * from "./all";
export * from "./cloudflare";
export * from "./data-protection";
export * from "./monitoring";
export * from "./reliability";
export * from "./residency";
export * from "./security";
export * from "./tagging-cost";
