import { zoneSetting, zonesOf } from "./cloudflare";
import { asObject, show } from "./values";

/**
 * The setting's value: v5's `cloudflare_zone_setting.value` is a dynamic type, which
 * typed bindings may wrap as `{ value: ... }`; v4 settings are plain.
 */
function unwrap(value: unknown): unknown {
  return asObject(value)?.value ?? value;
}

import type { StackCheck, Violation } from "../types";

/**
 * Builds a check that every zone of the stack sets `setting` to an accepted value.
 * Unset fails: Cloudflare's defaults (SSL "flexible", TLS 1.0) are the insecure ones.
 */
export function requireZoneSetting(
  setting: string,
  accepted: (value: unknown) => boolean,
  expected: string,
): StackCheck {
  return (stack) =>
    [...zonesOf(stack).entries()].flatMap(([zone, address]): Violation[] => {
      const values = zoneSetting(stack, zone, setting);
      if (values.length === 0)
        return [
          {
            address,
            message: `zone ${zone} does not set ${setting} (Cloudflare's default applies); expected ${expected}`,
          },
        ];
      return values
        .filter((v) => !accepted(unwrap(v.value)))
        .map((v) => ({ address: v.address, message: `${setting} is ${show(v.value)}; expected ${expected}` }));
    });
}
