import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { App, Testing } from "cdktf";
import { loadEnvironment, parseEnvironment } from "../../environments";
import { addCockroachDb } from "../../stacks/cockroach-platform";
import { DATA_OUTPUTS } from "../../stacks/data-outputs";
import { LayerStack } from "../../stacks/layer-stack";
import { cloneInput, type StackJson, valuesOf } from "../helpers";

function platform(env = loadEnvironment("production"), region = "us-east-1") {
  const stack = new LayerStack(new App({ outdir: Testing.app().outdir }), {
    env,
    region,
    scopeName: region,
    layer: "platform",
    settings: { mode: "offline" },
  });
  new KubernetesProvider(stack, "kubernetes", { host: "https://example.invalid" });
  new HelmProvider(stack, "helm", { kubernetes: { host: "https://example.invalid" } });
  return { stack, crdb: addCockroachDb(stack, env, region) };
}

describe("addCockroachDb (platform stack wiring)", () => {
  it("adds nothing when the environment's database is PostgreSQL", () => {
    expect(platform().crdb).toBeUndefined();
  });

  it("deploys the region's CockroachDB with the role, key and bucket from the region's data stack", () => {
    const input = cloneInput("production");
    input.data = {
      ...input.data,
      database: { engine: "cockroachdb", regions: ["sa-east-1", "us-east-1"], survivalGoal: "zone", nodesPerRegion: 5 },
    };
    const { stack, crdb } = platform(parseEnvironment(input));
    expect(crdb).toBeDefined();
    const json = JSON.parse(Testing.synth(stack)) as StackJson;
    const values = JSON.parse((valuesOf(json, "helm_release")[0].values as string[])[0]);
    expect(values.conf.locality).toBe("region=us-east-1");
    expect(values.statefulset.replicas).toBe(5);
    expect(values.serviceAccount.annotations["eks.amazonaws.com/role-arn"]).toMatch(
      new RegExp(`upstream-production-us-east-1-data.*${DATA_OUTPUTS.cockroachBackupRoleArn}`),
    );
    expect(
      Object.keys(json.data?.terraform_remote_state ?? {}).some((id) =>
        id.startsWith("upstream-production-us-east-1-data"),
      ),
    ).toBe(true);
  });
});
