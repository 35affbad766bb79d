/**
 * Kubernetes resource quantities, parsed at synth time so limits can be compared with
 * each other and with node capacity. Only the units this project writes are accepted
 * (binary units for bytes): "256MB" in a seed means 256Mi, but silently guessing would
 * let a "1GB" (decimal) limit drift from what the scheduler sees.
 */

const CPU = /^(?:(\d+)m|(\d+)(?:\.(\d{1,3}))?)$/;
const BYTES = /^(\d+)(Mi|Gi)$/;
const RATE = /^(\d+)req\/min$/;

/** Millicores of a CPU quantity (`250m`, `1`, `1.5`), or `undefined` when malformed. */
export function cpuMillicores(text: string): number | undefined {
  const match = CPU.exec(text);
  if (!match) return undefined;
  if (match[1] !== undefined) return Number(match[1]);
  const whole = Number(match[2]) * 1000;
  const fraction = match[3] ? Number(match[3].padEnd(3, "0")) : 0;
  return whole + fraction;
}

/** MiB of a byte quantity (`256Mi`, `2Gi`), or `undefined` when malformed. */
export function mebibytes(text: string): number | undefined {
  const match = BYTES.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === "Gi" ? 1024 : 1);
}

/** Requests per minute of a rate (`100req/min`), or `undefined` when malformed. */
export function requestsPerMinute(text: string): number | undefined {
  const match = RATE.exec(text);
  return match ? Number(match[1]) : undefined;
}
