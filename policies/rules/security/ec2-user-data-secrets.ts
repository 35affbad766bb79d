import { resourcesOf } from "../../lib/stack";
import { literalString } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** What a credential looks like in a script: AWS key ids and secrets, private keys, password assignments. */
const SECRET_PATTERNS: readonly (readonly [string, RegExp])[] = [
  ["an AWS access key id", /\b(AKIA|ASIA)[A-Z0-9]{16}\b/],
  ["an AWS secret access key", /aws_secret_access_key\s*[=:]\s*\S{20,}/i],
  ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["a password assignment", /(password|passwd|secret|token)\s*[=:]\s*["']?[^\s"'$]{6,}/i],
];

/** True when every character is printable ASCII or whitespace (what decoded script text looks like). */
function isPrintable(text: string): boolean {
  return [...text].every((c) => c === "\t" || c === "\n" || c === "\r" || (c >= " " && c <= "~"));
}

/** User data as text: `user_data` may be base64 (launch templates always are); `user_data_base64` is. */
function decoded(value: unknown, base64: boolean): string | undefined {
  const text = literalString(value);
  if (text === undefined) return undefined;
  if (!base64 && !/^[A-Za-z0-9+/=\s]+$/.test(text)) return text;
  const plain = Buffer.from(text, "base64").toString("utf8");
  return base64 || isPrintable(plain) ? plain : text;
}

/**
 * Launch templates and instances carry no credentials in user data: anyone with
 * ec2:DescribeInstanceAttribute (or IMDS on the node) reads it in clear.
 */
export const ec2UserDataSecrets: StackCheck = (stack) =>
  resourcesOf(stack, "aws_launch_template", "aws_instance").flatMap((r): Violation[] => {
    const texts = [
      decoded(r.values.user_data, r.type === "aws_launch_template"),
      decoded(r.values.user_data_base64, true),
    ].filter((t): t is string => t !== undefined);
    const found = SECRET_PATTERNS.filter(([, pattern]) => texts.some((t) => pattern.test(t))).map(([what]) => what);
    return found.length === 0 ? [] : [{ address: r.address, message: `user data contains ${found.join(", ")}` }];
  });
