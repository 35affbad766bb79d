import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { TerraformStack, Testing, Token } from "cdktf";
import { tokenJson } from "../../../constructs/core/token-json";

/** Synthesizes one parameter per value of `values`, its `value` built by `build`. */
function synthValues(build: (value: unknown) => string, values: (topic: SnsTopic) => unknown[]): string[] {
  const stack = new TerraformStack(Testing.app(), "stack");
  const topic = new SnsTopic(stack, "topic", { name: "alarms" });
  for (const [i, value] of values(topic).entries()) {
    new SsmParameter(stack, `p${i}`, { name: `p${i}`, type: "String", value: build(value) });
  }
  const synthesized = JSON.parse(Testing.synth(stack));
  return Object.values(synthesized.resource.aws_ssm_parameter as Record<string, { value: string }>).map((p) => p.value);
}

describe("tokenJson", () => {
  it("is JSON.stringify for a value without tokens", () => {
    const value = { a: [1, "two", { three: null }], b: "${literal} }{" };
    expect(tokenJson(value)).toBe(JSON.stringify(value));
    expect(Token.isUnresolved(tokenJson(value))).toBe(false);
  });

  it("synthesizes the same text as JSON.stringify when the value holds tokens, wherever they sit", () => {
    const values = (topic: SnsTopic) => [
      { arn: topic.arn },
      { nested: { list: [topic.arn, "x", topic.name], text: `prefix ${topic.id} suffix` }, braces: "}}{{" },
      // long and brace-heavy, as Helm values are
      {
        rules: Array.from({ length: 200 }, (_, i) => ({ [`r${i}`]: { expr: `{{ $labels.job }} ${i}` } })),
        arn: topic.arn,
      },
    ];
    const viaStringify = synthValues(JSON.stringify, values);
    expect(synthValues(tokenJson, values)).toEqual(viaStringify);
    expect(viaStringify[0]).toBe('{"arn":"${aws_sns_topic.topic.arn}"}');
    expect(JSON.parse(viaStringify[1] as string).nested.list).toEqual([
      "${aws_sns_topic.topic.arn}",
      "x",
      "${aws_sns_topic.topic.name}",
    ]);
  });
});
