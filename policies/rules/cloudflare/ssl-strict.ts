import { requireZoneSetting } from "../../lib/zone-setting-check";

/** Every zone encrypts to the origin and validates its certificate (SSL mode "strict"). */
export const cloudflareSslStrict = requireZoneSetting("ssl", (v) => v === "strict" || v === "origin_pull", '"strict"');
