import type { Pack } from "../types";
import { CLOUDFLARE_PACK } from "./cloudflare";
import { DATA_PROTECTION_PACK } from "./data-protection";
import { KUBERNETES_PACK } from "./kubernetes";
import { MONITORING_PACK } from "./monitoring";
import { RELIABILITY_PACK } from "./reliability";
import { RESIDENCY_PACK } from "./residency";
import { SECURITY_PACK } from "./security";
import { TAGGING_COST_PACK } from "./tagging-cost";

/** Every pack, in report order: what synth and `npm run policy` run by default. */
export const ALL_PACKS: readonly Pack[] = [
  SECURITY_PACK,
  RELIABILITY_PACK,
  DATA_PROTECTION_PACK,
  TAGGING_COST_PACK,
  RESIDENCY_PACK,
  CLOUDFLARE_PACK,
  KUBERNETES_PACK,
  MONITORING_PACK,
];
