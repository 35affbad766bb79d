import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Lazy, LocalBackend, S3Backend, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { stackJson } from "../../stacks/stack-json";

/** A stack with resources, tokens, nested outputs and a backend; prepared as app.synth() does. */
function stackWith(backend: "local" | "s3"): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "stack");
  if (backend === "s3") new S3Backend(stack, { bucket: "state", key: "k", region: "sa-east-1" });
  else new LocalBackend(stack, { path: "x.tfstate" });
  const topic = new SnsTopic(stack, "topic", { name: "alarms", tags: { Name: "alarms" } });
  const nested = new Construct(stack, "nested");
  new SsmParameter(nested, "p", {
    name: Lazy.stringValue({ produce: () => "lazy-name" }),
    type: "String",
    value: `arn=${topic.arn} id=${topic.id}`,
    dependsOn: [topic],
  });
  new TerraformOutput(nested, "arn", { value: topic.arn });
  topic.addOverride("lifecycle.prevent_destroy", true);
  stack.prepareStack();
  return stack;
}

const cdktfJson = (stack: TerraformStack) => TerraformStack.prototype.toTerraform.call(stack);

describe("stackJson", () => {
  it.each(["local", "s3"] as const)("is cdktf's toTerraform() value for value (%s backend)", (backend) => {
    const stack = stackWith(backend);
    const ours = stackJson(stack, () => {
      throw new Error("no fallback expected");
    });
    expect(ours).toStrictEqual(cdktfJson(stack));
    expect(JSON.stringify(ours)).toBe(JSON.stringify(cdktfJson(stack)));
    expect(ours).toMatchObject({ "//": { outputs: { stack: { nested: { arn: "nested_arn_F222D2EC" } } } } });
  });

  it("leaves a stack with overrides of its own to cdktf, which resolves them", () => {
    const stack = stackWith("local");
    const topic = stack.node.findChild("topic") as SnsTopic;
    stack.addOverride("locals.topic", topic.arn);
    let fellBack = 0;
    const ours = stackJson(stack, () => {
      fellBack += 1;
      return cdktfJson(stack);
    });
    expect(fellBack).toBe(1);
    expect(ours).toMatchObject({ locals: { topic: "${aws_sns_topic.topic.arn}" } });
  });
});
