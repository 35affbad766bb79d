/**
 * The importable construct library, one namespace per domain (`core` holds what every
 * domain shares, such as the props validation error):
 *
 *   import { network, database } from "@plataforma/infra/constructs";
 *   new network.RegionalNetwork(stack, "network", { ... });
 *
 * This entry holds the domains that need only the required peers (cdktf, constructs and
 * `@cdktf/provider-aws`), so an AWS-only project can load it. The two domains built on the
 * optional peers have their own entry points only:
 *
 *   import { ZoneBaseline } from "@plataforma/infra/constructs/cloudflare";   // provider-cloudflare
 *   import { ModuleWorkload } from "@plataforma/infra/constructs/workloads";  // provider-kubernetes, -helm
 */
export * as backup from "./backup";
export * as cache from "./cache";
export * as cluster from "./cluster";
export * as core from "./core";
export { OPTIONAL_PEER_DOMAINS } from "./core/optional-peer";
export * as database from "./database";
export * as dns from "./dns";
export * as dr from "./dr";
export * as edge from "./edge";
export * as iam from "./iam";
export * as kms from "./kms";
export * as monitoring from "./monitoring";
export * as network from "./network";
export * as policy from "./policy";
export * as state from "./state";
export * as storage from "./storage";
