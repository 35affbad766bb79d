import { zoneSetting, zonesOf } from "./cloudflare";
import { show } from "./values";
import type { StackCheck, Violation } from "../types";

/**
 * Builds a check that every zone of the stack sets `setting` to an accepted value.
 * Unset fails: Cloudflare's defaults (SSL "flexible", TLS 1.0) are the insecure ones.
 */
export function requireZoneSetting(setting: string, accepted: (value: unknown) => boolean, expected: string): StackCheck {
  return (stack) =>
    [...zonesOf(stack).entries()].flatMap(([zone, address]): Violation[] => {
      const values = zoneSetting(stack, zone, setting);
      if (values.length === 0) return [{ address, message: `zone ${zone} does not set ${setting} (Cloudflare's default applies); expected ${expected}` }];
      return values.filter((v) => !accepted(v.value)).map((v) => ({ address: v.address, message: `${setting} is ${show(v.value)}; expected ${expected}` }));
    });
}
