import { requireZoneSetting } from "../../lib/zone-setting-check";

/** Every zone redirects plain HTTP visitors to HTTPS. */
export const cloudflareAlwaysUseHttps = requireZoneSetting("always_use_https", (v) => v === "on", '"on"');
