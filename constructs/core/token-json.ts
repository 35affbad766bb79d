/**
 * JSON text of a value that may hold tokens (a role ARN in Helm values, say), for a
 * provider argument that takes a JSON or YAML string.
 */
import { Lazy, Token } from "cdktf";

/** A string token as cdktf encodes it in a string (`${TfToken[TOKEN.12]}`). */
const STRING_TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/**
 * `JSON.stringify(value)`, with the same synthesized text, but cheap to synthesize when the
 * text is long and holds tokens. cdktf resolves a string that holds a token by splitting it
 * into fragments, and for every `}` it scans the rest of the string for `${`: quadratic in
 * the length. The kube-prometheus-stack values (58 KB, 766 braces, one role ARN) cost about
 * a tenth of a second per stack that way. Here the text is produced at synth with each token
 * resolved on its own, and what cdktf then resolves holds no token. Without tokens the plain
 * JSON string is returned.
 */
export function tokenJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (!Token.isUnresolved(text)) return text;
  return Lazy.stringValue({
    produce: (context) => text.replace(STRING_TOKEN, (marker) => String(context.resolve(marker))),
  });
}
