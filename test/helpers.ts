import { Testing } from "cdktf";
import { ENVIRONMENTS, type EnvironmentName, loadEnvironment, parseEnvironment } from "../environments";
import type { EnvironmentConfig, EnvironmentInput } from "../environments/schema";
import { buildApp } from "../stacks/app";
import type { BaseStack } from "../stacks/base-stack";
import type { DeployMode } from "../stacks/settings";

/** Synthesized Terraform JSON of one stack. */
export interface StackJson {
  terraform: { backend?: Record<string, Record<string, unknown>>; required_providers?: Record<string, unknown> };
  provider?: Record<string, Record<string, unknown>[]>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; description?: string }>;
}

/** Synthesizes one stack to parsed JSON. */
export function synthJson(stack: BaseStack): StackJson {
  return JSON.parse(Testing.synth(stack)) as StackJson;
}

/** A deep copy of a shipped environment's input, for building bad configs. */
export function cloneInput(name: EnvironmentName): EnvironmentInput {
  return structuredClone(ENVIRONMENTS[name]);
}

/** Builds every stack of the given environments (names or configs). */
export function buildStacks(envs: (EnvironmentName | EnvironmentConfig)[], mode: DeployMode = "offline") {
  const configs = envs.map((e) => (typeof e === "string" ? loadEnvironment(e) : e));
  const { stacks } = buildApp(configs, { mode, outdir: Testing.app().outdir });
  return {
    stacks,
    /** The stack with this name, synthesized. */
    json(name: string): StackJson {
      const stack = stacks.find((s) => s.node.id === name);
      if (!stack) throw new Error(`no stack ${name}; have ${stacks.map((s) => s.node.id).join(", ")}`);
      return synthJson(stack);
    },
  };
}

/** Resources of one type in a stack, keyed by logical id. */
export function resourcesOf(json: StackJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/** Values of the resources of one type. */
export function valuesOf(json: StackJson, type: string): Record<string, unknown>[] {
  return Object.values(resourcesOf(json, type));
}

/** Parses a config and returns the problems it raises (empty when valid). */
export function problemsOf(input: unknown): { path: string; message: string }[] {
  try {
    parseEnvironment(input, "test");
    return [];
  } catch (error) {
    const problems = (error as { problems?: { path: string; message: string }[] }).problems;
    if (!problems) throw error;
    return problems;
  }
}
