import { requireZoneSetting } from "../../lib/zone-setting-check";

/** Every zone refuses TLS below 1.2 from visitors. */
export const cloudflareMinTlsVersion = requireZoneSetting(
  "min_tls_version",
  (v) => v === "1.2" || v === "1.3",
  '"1.2" or "1.3"',
);
