/**
 * Geographic codes the edge accepts, kept as data so a typo (`UK` for `GB`, `SAM` for
 * `SA`) is a synth-time error instead of a WAF rule that silently matches nobody.
 * Lives with the constructs (not in environments/) because the WAF construct validates
 * its own props with it, and environments/ may import constructs but not the reverse.
 */
import type { PropProblem } from "../core/validation";

/** Every officially assigned ISO 3166-1 alpha-2 country code (249). */
export const ISO_3166_ALPHA2 = [
  "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
  "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ",
  "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
  "DE", "DJ", "DK", "DM", "DO", "DZ",
  "EC", "EE", "EG", "EH", "ER", "ES", "ET",
  "FI", "FJ", "FK", "FM", "FO", "FR",
  "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY",
  "HK", "HM", "HN", "HR", "HT", "HU",
  "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT",
  "JE", "JM", "JO", "JP",
  "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ",
  "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",
  "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
  "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
  "OM",
  "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY",
  "QA",
  "RE", "RO", "RS", "RU", "RW",
  "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ",
  "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ",
  "UA", "UG", "UM", "US", "UY", "UZ",
  "VA", "VC", "VE", "VG", "VI", "VN", "VU",
  "WF", "WS",
  "YE", "YT",
  "ZA", "ZM", "ZW",
] as const;

/** One of {@link ISO_3166_ALPHA2}. */
export type CountryCode = (typeof ISO_3166_ALPHA2)[number];

const COUNTRY_SET: ReadonlySet<string> = new Set(ISO_3166_ALPHA2);

/** True when `code` is an assigned ISO 3166-1 alpha-2 code (upper case). */
export function isCountryCode(code: string): code is CountryCode {
  return COUNTRY_SET.has(code);
}

/**
 * Problems of a country allow-list prop (WAF and Cloudflare rules share it): codes that
 * are not ISO 3166-1 alpha-2, or an empty list, which would block every request. Empty
 * when the list is fine or not given (no geo restriction).
 */
export function countryProblems(countries: readonly string[] | undefined, prop = "allowedCountries"): PropProblem[] {
  if (countries === undefined) return [];
  if (countries.length === 0) {
    return [{
      prop,
      message: "is empty, which would block every request",
      received: countries,
      fix: "list at least one country or leave it unset",
    }];
  }
  const bad = countries.filter((c) => !isCountryCode(c));
  if (bad.length === 0) return [];
  return [{
    prop,
    message: `has codes that are not ISO 3166-1 alpha-2: ${bad.join(", ")}`,
    received: countries,
    fix: "use codes such as BR, US, GB",
  }];
}

/** Continent codes Route 53 geolocation routing accepts. */
export const CONTINENT_CODES = ["AF", "AN", "AS", "EU", "NA", "OC", "SA"] as const;

/** One of {@link CONTINENT_CODES}. */
export type ContinentCode = (typeof CONTINENT_CODES)[number];
