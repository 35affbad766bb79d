import { App } from "cdktf";
import { ConfigError, type ConfigProblem } from "../environments/errors";
import type { EnvironmentConfig } from "../environments/schema";
import { clusterRegions, dataRegions, regionLinks } from "../naming/derived";
import type { BaseStack } from "./base-stack";
import { BootstrapStack } from "./bootstrap-stack";
import { CloudflareStack } from "./cloudflare-stack";
import { ClusterStack } from "./cluster-stack";
import { DataStack } from "./data-stack";
import { EdgeStack } from "./edge-stack";
import { GlobalNetworkStack } from "./global-network-stack";
import { applyAlarms } from "./monitoring";
import { NetworkStack } from "./network-stack";
import { PlatformStack } from "./platform-stack";
import type { StackSettings } from "./settings";

/** Options of {@link buildApp}. */
export interface BuildAppOptions extends StackSettings {
  /** Where `app.synth()` writes. @default "cdktf.out" */
  readonly outdir?: string;
}

/** What {@link buildApp} returns. */
export interface BuiltApp {
  /** The app holding every stack; call `synth()` on it. */
  readonly app: App;
  /** Every stack, in creation order. */
  readonly stacks: readonly BaseStack[];
}

/**
 * Checks rules that span environments: environments on one account share its bootstrap
 * stack and state bucket, so they must agree on the account's name and state settings.
 */
function checkEnvironmentSet(envs: readonly EnvironmentConfig[]): void {
  const problems: ConfigProblem[] = [];
  const names = new Set<string>();
  const byAccount = new Map<string, EnvironmentConfig>();
  for (const env of envs) {
    if (names.has(env.name)) {
      problems.push({
        path: "name",
        received: env.name,
        message: `two environments are named "${env.name}". Fix: give each environment its own name`,
      });
    }
    names.add(env.name);
    const other = byAccount.get(env.account.id);
    if (
      other &&
      (other.account.name !== env.account.name ||
        JSON.stringify(other.state) !== JSON.stringify(env.state) ||
        other.project !== env.project)
    ) {
      problems.push({
        path: "account",
        received: env.account,
        message:
          `environments "${other.name}" and "${env.name}" share account ${env.account.id} ` +
          "but differ in account.name, state or project; they share one bootstrap stack and state bucket. " +
          "Fix: make them identical",
      });
    }
    if (!other) byAccount.set(env.account.id, env);
  }
  const accountNames = new Map<string, string>();
  for (const env of byAccount.values()) {
    const id = accountNames.get(env.account.name);
    if (id && id !== env.account.id) {
      problems.push({
        path: "account.name",
        received: env.account.name,
        message:
          `account name "${env.account.name}" is used by accounts ${id} and ${env.account.id}. ` +
          "Fix: give each account its own name",
      });
    }
    accountNames.set(env.account.name, env.account.id);
  }
  problems.push(...sharedHostNames(envs));
  if (problems.length > 0) throw new ConfigError("across environments", problems);
}

/**
 * Public names two environments built together must not share: one domain is one Route 53
 * zone's delegation, one CloudFront alias exists once in AWS (CNAMEAlreadyExists at apply),
 * and one ingress host name routes one region. A config copied from another environment and
 * only renamed keeps all of them.
 */
function sharedHostNames(envs: readonly EnvironmentConfig[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const owners = new Map<string, { env: string; path: string }>();
  for (const env of envs) {
    const names: [string, string][] = [["domain", env.domain]];
    if (env.edge) {
      names.push(["edge.cloudfront.hostname", env.edge.cloudfront.hostname]);
      for (const [region, entry] of Object.entries(env.edge.regions)) {
        names.push([`edge.regions.${region}.ingressHostname`, entry.ingressHostname]);
      }
    }
    for (const [path, host] of names) {
      const owner = owners.get(host.toLowerCase());
      if (owner && owner.env !== env.name) {
        problems.push({
          path,
          received: host,
          message:
            `environment "${env.name}" uses ${host}, which environment "${owner.env}" already uses ` +
            `(${owner.path}). Fix: give ${env.name} its own names (its own domain and host names under it)`,
        });
      } else if (!owner) owners.set(host.toLowerCase(), { env: env.name, path });
    }
  }
  return problems;
}

/**
 * Builds every stack of the given (validated) environments into a new App: one
 * bootstrap stack per account, then per environment its regional network stacks, the
 * global network stack holding the links between regions (when there are any), a
 * cluster stack per region with a cluster section and the data stacks; then the platform
 * (Kubernetes) stacks, then the global edge and Cloudflare stacks.
 */
export function buildApp(envs: readonly EnvironmentConfig[], options: BuildAppOptions): BuiltApp {
  checkEnvironmentSet(envs);
  const app = new App({ outdir: options.outdir ?? "cdktf.out", skipValidation: false });
  const settings: StackSettings = { mode: options.mode };
  const stacks: BaseStack[] = [];
  const accounts = new Map<string, EnvironmentConfig[]>();
  for (const env of envs) accounts.set(env.account.id, [...(accounts.get(env.account.id) ?? []), env]);
  for (const group of accounts.values()) stacks.push(new BootstrapStack(app, { envs: group, settings }));
  for (const env of envs) {
    for (const region of Object.keys(env.regions)) {
      stacks.push(new NetworkStack(app, { env, region, settings }));
    }
    // Links read every region's network outputs, so they come after the network stacks.
    if (regionLinks(env).length > 0) stacks.push(new GlobalNetworkStack(app, { env, settings }));
    for (const region of clusterRegions(env)) stacks.push(new ClusterStack(app, { env, region, settings }));
    // Databases and caches admit the cluster's security groups, so they follow the clusters.
    for (const region of dataRegions(env)) {
      stacks.push(new DataStack(app, { env, region, settings }));
    }
  }
  // Kubernetes and Helm on top of each region's cluster, after every regional AWS stack.
  for (const env of envs) {
    for (const region of clusterRegions(env)) stacks.push(new PlatformStack(app, { env, region, settings }));
  }
  // Global stacks come after the regional ones: they point at regional endpoints.
  for (const env of envs) {
    if (!env.edge) continue;
    stacks.push(new EdgeStack(app, { env, settings }));
    if (env.edge.cloudflare) stacks.push(new CloudflareStack(app, { env, settings }));
  }
  // Alarms by default: the catalogue walks every stack at synth and alarms what it knows.
  for (const stack of stacks) applyAlarms(stack);
  return { app, stacks };
}
