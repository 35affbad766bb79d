/**
 * What a live drill step may do: send an AWS SDK v3 command to a region, call Cloudflare's
 * API, probe a URL, poll, and keep measurements. `--dry-run` prints each call instead of
 * making it (calls then return undefined and steps skip their checks). The runner runs the
 * steps in order, times each, and on a failure rolls back the completed actions in reverse.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { EKSClient } from "@aws-sdk/client-eks";
import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { RDSClient } from "@aws-sdk/client-rds";
import { Route53Client } from "@aws-sdk/client-route-53";
import type { DrillStep } from "./drill-steps";

const CLIENTS = {
  rds: RDSClient,
  elasticache: ElastiCacheClient,
  route53: Route53Client,
  eks: EKSClient,
  cloudwatch: CloudWatchClient,
} as const;

/** AWS services a drill calls. */
export type Service = keyof typeof CLIENTS;

/** An AWS SDK v3 command class: input and output types are read from its handler. */
type SdkCommand<I, O> = new (
  input: I,
) => {
  resolveMiddleware(stack: never, configuration: never, options: never): (args: never) => Promise<{ output: O }>;
};

/** Options of a drill run. */
export interface DrillOptions {
  readonly dryRun: boolean;
  /** Allow data loss (Aurora FailoverGlobalCluster) instead of a switchover. */
  readonly unplanned: boolean;
  /** Poll interval and timeout of verification loops. */
  readonly pollIntervalMs: number;
  readonly pollTimeoutMs: number;
  /** Cloudflare API token (live Cloudflare steps only). */
  readonly cloudflareToken?: string;
  /** Where calls and progress are printed. */
  readonly log: (line: string) => void;
  /** fetch (tests pass a mock). */
  readonly fetch: typeof fetch;
  /** Clock (tests pass fake timers' Date). */
  readonly now: () => Date;
}

/** The handle steps use. */
export class DrillContext {
  private readonly clients = new Map<string, { send: (command: unknown) => Promise<unknown> }>();
  private readonly memory = new Map<string, string>();
  /** Measurements (e.g. `replicationLagMs`) for the report. */
  readonly measurements: Record<string, number> = {};

  constructor(private readonly options: DrillOptions) {}

  get dryRun(): boolean {
    return this.options.dryRun;
  }

  get unplanned(): boolean {
    return this.options.unplanned;
  }

  now(): Date {
    return this.options.now();
  }

  /** Sends one command to a service in a region; in a dry run prints it and returns undefined. */
  async call<I, O>(service: Service, region: string, command: SdkCommand<I, O>, input: I): Promise<O | undefined> {
    this.options.log(
      `${this.dryRun ? "would call" : "call"} ${service}@${region} ${command.name} ${JSON.stringify(input)}`,
    );
    if (this.dryRun) return undefined;
    const key = `${service}@${region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new CLIENTS[service]({ region }) as unknown as { send: (command: unknown) => Promise<unknown> };
      this.clients.set(key, client);
    }
    return (await client.send(new command(input))) as O;
  }

  /** Calls Cloudflare's API; in a dry run prints it and returns undefined. */
  async cloudflare(method: "GET" | "PATCH", url: string, body?: unknown): Promise<unknown> {
    this.options.log(
      `${this.dryRun ? "would call" : "call"} cloudflare ${method} ${url}${body ? ` ${JSON.stringify(body)}` : ""}`,
    );
    if (this.dryRun) return undefined;
    if (!this.options.cloudflareToken) {
      throw new Error("CLOUDFLARE_API_TOKEN is not set. Fix: export a token with Load Balancing: Edit");
    }
    const response = await this.options.fetch(url, {
      method,
      headers: { Authorization: `Bearer ${this.options.cloudflareToken}`, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`Cloudflare ${method} ${url} answered ${response.status}`);
    return response.json();
  }

  /** HTTP status of a GET (0 when the request fails); in a dry run prints it and returns 200. */
  async probe(url: string): Promise<number> {
    this.options.log(`${this.dryRun ? "would probe" : "probe"} GET ${url}`);
    if (this.dryRun) return 200;
    try {
      return (await this.options.fetch(url, { method: "GET" })).status;
    } catch {
      return 0;
    }
  }

  /** Polls `done` every interval until true; throws after the timeout naming what it waited for. */
  async poll(what: string, done: () => Promise<boolean>): Promise<void> {
    const deadline = this.now().getTime() + this.options.pollTimeoutMs;
    for (;;) {
      if (await done()) return;
      if (this.now().getTime() >= deadline) {
        throw new Error(`timed out after ${this.options.pollTimeoutMs / 1000} s waiting for ${what}`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pollIntervalMs));
    }
  }

  measure(name: string, value: number): void {
    this.measurements[name] = value;
  }

  remember(key: string, value: string): void {
    this.memory.set(key, value);
  }

  recall(key: string): string {
    const value = this.memory.get(key);
    if (value === undefined && !this.dryRun) throw new Error(`drill state ${key} missing: its preflight did not run`);
    return value ?? `<${key}>`;
  }
}

/** Outcome of one step. */
export interface StepOutcome {
  readonly id: string;
  readonly kind: DrillStep["kind"];
  readonly title: string;
  readonly status: "ok" | "failed" | "not-run";
  readonly seconds: number;
  readonly error?: string;
}

/** Outcome of one rollback. */
export interface RollbackOutcome {
  readonly id: string;
  readonly status: "ok" | "failed";
  readonly error?: string;
}

/** What a live (or dry) drill did. */
export interface DrillRun {
  readonly ok: boolean;
  readonly steps: readonly StepOutcome[];
  readonly rollbacks: readonly RollbackOutcome[];
  /** Seconds from the first action to the last verification (the measured RTO). */
  readonly measuredRtoSeconds: number | null;
  readonly measurements: Readonly<Record<string, number>>;
}

/**
 * Runs the steps in order, timing each. When one fails, the completed actions are rolled
 * back newest first (a failed rollback is reported and the others still run).
 */
export async function runDrill(steps: readonly DrillStep[], ctx: DrillContext): Promise<DrillRun> {
  const outcomes: StepOutcome[] = [];
  const done: DrillStep[] = [];
  let failed: StepOutcome | undefined;
  let firstAction: number | undefined;
  let lastEnd: number | undefined;
  for (const step of steps) {
    if (failed) {
      outcomes.push({ id: step.id, kind: step.kind, title: step.title, status: "not-run", seconds: 0 });
      continue;
    }
    const start = ctx.now().getTime();
    if (step.kind === "action" && firstAction === undefined) firstAction = start;
    try {
      await step.run(ctx);
      const seconds = (ctx.now().getTime() - start) / 1000;
      outcomes.push({ id: step.id, kind: step.kind, title: step.title, status: "ok", seconds });
      done.push(step);
      lastEnd = ctx.now().getTime();
    } catch (error) {
      const seconds = (ctx.now().getTime() - start) / 1000;
      failed = {
        id: step.id,
        kind: step.kind,
        title: step.title,
        status: "failed",
        seconds,
        error: (error as Error).message,
      };
      outcomes.push(failed);
    }
  }
  const rollbacks: RollbackOutcome[] = [];
  if (failed) {
    // A failed action may have taken effect (the call went through, its verification did
    // not): undo it first, then the completed ones, newest first.
    const failedStep = steps.find((s) => s.id === failed?.id && s.kind === "action");
    for (const step of [...done, ...(failedStep ? [failedStep] : [])].reverse()) {
      if (!step.rollback) continue;
      try {
        await step.rollback(ctx);
        rollbacks.push({ id: step.id, status: "ok" });
      } catch (error) {
        rollbacks.push({ id: step.id, status: "failed", error: (error as Error).message });
      }
    }
  }
  return {
    ok: !failed,
    steps: outcomes,
    rollbacks,
    measuredRtoSeconds:
      !failed && firstAction !== undefined && lastEnd !== undefined ? (lastEnd - firstAction) / 1000 : null,
    measurements: { ...ctx.measurements },
  };
}
