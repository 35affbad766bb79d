/**
 * The importable construct library, one namespace per domain (`core` holds what every
 * domain shares, such as the props validation error):
 *
 *   import { network, cluster } from "@plataforma/infra/constructs";
 *   new network.RegionalNetwork(stack, "network", { ... });
 */
export * as backup from "./backup";
export * as cache from "./cache";
export * as cloudflare from "./cloudflare";
export * as cluster from "./cluster";
export * as core from "./core";
export * as database from "./database";
export * as dns from "./dns";
export * as edge from "./edge";
export * as iam from "./iam";
export * as kms from "./kms";
export * as monitoring from "./monitoring";
export * as network from "./network";
export * as policy from "./policy";
export * as state from "./state";
export * as storage from "./storage";
export * as workloads from "./workloads";
