import type { PlanJson, ProviderSchemas } from "../../../scripts/lib/review/plan-json";
import { mergeKnown, sensitivePaths, stateFromPlan } from "../../../scripts/lib/review/state-from-plan";

const AWS = "registry.terraform.io/hashicorp/aws";
const schemas: ProviderSchemas = {
  [AWS]: {
    aws_vpc: {
      version: 1,
      block: { attributes: { id: { type: "string" }, arn: { type: "string" }, cidr_block: { type: "string" } } },
    },
    aws_flow_log: {
      version: 0,
      block: {
        attributes: {
          id: { type: "string" },
          vpc_id: { type: "string" },
          name: { type: "string" },
          policy: { type: "string" },
          password: { type: "string", sensitive: true },
        },
      },
    },
    aws_eks_cluster: {
      version: 0,
      block: {
        attributes: {
          identity: { type: ["list", ["object", { oidc: ["list", ["object", { issuer: "string" }]] }]] },
          tags: { type: ["map", "string"] },
        },
      },
    },
  },
};

const resource = (type: string, name: string, values: Record<string, unknown>, provider_config_key = "aws") => ({
  planned: { address: `${type}.${name}`, mode: "managed", type, name, provider_name: AWS, values },
  config: { address: `${type}.${name}`, mode: "managed", type, name, provider_config_key },
});

function planOf(): PlanJson {
  const vpc = resource("aws_vpc", "main", { cidr_block: "10.0.0.0/16" }, "aws.west");
  const flow = resource("aws_flow_log", "flow", { password: "x" });
  const eks = resource("aws_eks_cluster", "eks", { tags: { a: "b" } });
  return {
    planned_values: {
      root_module: { resources: [vpc.planned, flow.planned, eks.planned] },
      outputs: { vpc_id: {}, ids: {}, identity: {} },
    },
    resource_changes: [
      { ...vpc.planned, change: { actions: ["create"], after_unknown: { id: true, arn: true } } },
      {
        ...flow.planned,
        change: {
          actions: ["create"],
          after_unknown: { id: true, vpc_id: true, name: true, policy: true },
          after_sensitive: { password: true },
        },
      },
      { ...eks.planned, change: { actions: ["create"], after_unknown: { identity: true } } },
    ],
    output_changes: {
      vpc_id: { actions: ["create"], after_unknown: true },
      ids: { actions: ["create"], after_unknown: [true, true] },
      identity: { actions: ["create"], after_unknown: true },
    },
    configuration: {
      root_module: {
        resources: [
          vpc.config,
          {
            ...flow.config,
            expressions: {
              vpc_id: { constant_value: "${aws_vpc.main.id}" },
              name: { constant_value: "flow-${aws_vpc.main.id}" },
              policy: { constant_value: '${jsonencode({"a" = aws_vpc.main.arn})}' },
            },
          },
          eks.config,
        ],
        outputs: {
          vpc_id: { expression: { constant_value: "${aws_vpc.main.id}" } },
          ids: { expression: { constant_value: ["${aws_vpc.main.id}", "${aws_flow_log.flow.id}"] } },
          identity: { expression: { constant_value: "${aws_eks_cluster.eks.identity}" } },
        },
      },
    },
  };
}

describe("state from a base plan", () => {
  const { state, unresolved } = stateFromPlan(planOf(), schemas, "lineage-1");
  const attributes = (type: string) => state.resources.find((r) => r.type === type)?.instances[0].attributes ?? {};

  it("gives each unknown a stand-in and resolves references consistently", () => {
    const vpc = attributes("aws_vpc");
    const flow = attributes("aws_flow_log");
    expect(vpc.id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(vpc.cidr_block).toBe("10.0.0.0/16");
    expect(flow.vpc_id).toBe(vpc.id);
    expect(flow.name).toBe(`flow-${vpc.id}`);
    expect(flow.id).not.toBe(vpc.id);
    // The policy is a function call: a stand-in now, settled by a second plan (mergeKnown).
    expect(unresolved).toEqual(["aws_flow_log.flow.policy"]);
  });

  it("makes ARNs ARN-shaped and URLs URLs, and one element for computed lists of objects", () => {
    expect(attributes("aws_vpc").arn).toMatch(/^arn:aws:ec2:us-east-1:123456789012:vpc\/standin-[0-9a-f]{12}$/);
    const identity = attributes("aws_eks_cluster").identity as { oidc: { issuer: string }[] }[];
    expect(identity).toHaveLength(1);
    expect(identity[0].oidc[0].issuer).toMatch(/^https:\/\/standin-[0-9a-f]{12}\.example\.com$/);
  });

  it("records schema versions, provider aliases, sensitive marks and outputs", () => {
    const vpc = state.resources.find((r) => r.type === "aws_vpc");
    expect(vpc?.provider).toBe(`provider["${AWS}"].west`);
    expect(vpc?.instances[0].schema_version).toBe(1);
    expect(state.resources.find((r) => r.type === "aws_flow_log")?.instances[0].sensitive_attributes).toEqual([
      [{ type: "get_attr", value: "password" }],
    ]);
    expect(state.outputs.vpc_id).toEqual({ value: attributes("aws_vpc").id, type: "string" });
    expect(state.outputs.ids.value).toEqual([attributes("aws_vpc").id, attributes("aws_flow_log").id]);
    expect(state.outputs.ids.type).toEqual(["tuple", ["string", "string"]]);
    // A reference to a list attribute stays a list, or the next plan sees the output change type.
    expect(state.outputs.identity.type).toEqual(["list", ["object", expect.anything()]]);
  });

  it("salts stand-ins so the head's unknowns differ from the base's", () => {
    const { state: head } = stateFromPlan(planOf(), schemas, "lineage-1", "head");
    expect(head.resources[0].instances[0].attributes.id).not.toBe(attributes("aws_vpc").id);
    expect(stateFromPlan(planOf(), schemas, "lineage-1").state.resources).toEqual(state.resources);
  });

  it("settles values no template resolves from a second plan, keeping what stays unknown", () => {
    const copy = stateFromPlan(planOf(), schemas, "lineage-1").state;
    const verify: PlanJson = {
      resource_changes: [
        {
          address: "aws_flow_log.flow",
          mode: "managed",
          type: "aws_flow_log",
          name: "flow",
          change: { actions: ["update"], after: { policy: '{"a":"arn"}' }, after_unknown: { id: true } },
        },
      ],
    };
    const before = copy.resources[1].instances[0].attributes.id;
    expect(mergeKnown(copy, verify)).toBe(1);
    expect(copy.resources[1].instances[0].attributes.policy).toBe('{"a":"arn"}');
    expect(copy.resources[1].instances[0].attributes.id).toBe(before);
    expect(mergeKnown(copy, { resource_changes: [] })).toBe(0);
  });

  it("writes cty paths for marks inside lists, maps and sets", () => {
    const shape = {
      kind: "type",
      type: ["object", { l: ["list", "string"], m: ["map", "string"], s: ["set", "string"] }],
    } as const;
    expect(sensitivePaths({ l: [false, true], m: { k: true }, s: [true] }, shape)).toEqual([
      [
        { type: "get_attr", value: "l" },
        { type: "index", value: { value: 1, type: "number" } },
      ],
      [
        { type: "get_attr", value: "m" },
        { type: "index", value: { value: "k", type: "string" } },
      ],
      [{ type: "get_attr", value: "s" }],
    ]);
  });

  it("sends FIS experiment templates to a verification plan (their set-nested maps settle in state)", () => {
    const fis = resource("aws_fis_experiment_template", "game_day", { description: "d" });
    const plan: PlanJson = {
      planned_values: { root_module: { resources: [fis.planned] } },
      resource_changes: [{ ...fis.planned, change: { actions: ["create"], after_unknown: {} } }],
      configuration: { root_module: { resources: [fis.config] } },
    };
    expect(stateFromPlan(plan, schemas, "lineage-fis").unresolved).toEqual(["aws_fis_experiment_template.game_day"]);
    const vpcOnly: PlanJson = {
      planned_values: { root_module: { resources: [resource("aws_vpc", "v", {}).planned] } },
      resource_changes: [],
    };
    expect(stateFromPlan(vpcOnly, schemas, "lineage-vpc").unresolved).toEqual([]);
  });

  it("leaves a standard SNS topic's FIFO throughput scope empty (the provider refuses one on a non-FIFO topic)", () => {
    const withTopic: ProviderSchemas = {
      [AWS]: {
        aws_sns_topic: {
          version: 0,
          block: { attributes: { fifo_topic: { type: "bool" }, fifo_throughput_scope: { type: "string" } } },
        },
      },
    };
    const topic = resource("aws_sns_topic", "alarms", { fifo_topic: false });
    const plan: PlanJson = {
      planned_values: { root_module: { resources: [topic.planned] } },
      resource_changes: [
        { ...topic.planned, change: { actions: ["create"], after_unknown: { fifo_throughput_scope: true } } },
      ],
      configuration: { root_module: { resources: [topic.config] } },
    };
    const { state } = stateFromPlan(plan, withTopic, "lineage-sns");
    expect(state.resources[0].instances[0].attributes).toEqual({ fifo_topic: false, fifo_throughput_scope: "" });
  });
});
