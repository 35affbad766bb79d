import {
  blocks,
  isExpression,
  isFalse,
  isTrue,
  literalNumber,
  resourceReference,
  show,
} from "../../../policies/lib/values";

describe("values", () => {
  it("parses resource references, not data sources, variables or interpolations", () => {
    expect(resourceReference("${aws_kms_key.state_key_5FD9E39E.arn}")).toEqual({
      type: "aws_kms_key",
      name: "state_key_5FD9E39E",
      attribute: "arn",
    });
    expect(resourceReference("${data.aws_kms_key.k.arn}")).toBeUndefined();
    expect(resourceReference("${var.key}")).toBeUndefined();
    expect(resourceReference("arn:${aws_kms_key.k.arn}")).toBeUndefined();
  });

  it("reads Terraform booleans and numbers; expressions are neither true nor false", () => {
    expect([isTrue(true), isTrue("true"), isTrue("${var.x}"), isTrue(undefined)]).toEqual([true, true, false, false]);
    expect([isFalse(false), isFalse("false"), isFalse("${var.x}"), isFalse(undefined)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([literalNumber(7), literalNumber("35"), literalNumber("${var.n}")]).toEqual([7, 35, undefined]);
  });

  it("treats single and list blocks alike", () => {
    expect(blocks({ a: 1 })).toEqual([{ a: 1 }]);
    expect(blocks([{ a: 1 }, "x", { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(blocks(undefined)).toEqual([]);
  });

  it("finds expressions nested in lists and objects, and says so in messages", () => {
    expect(isExpression({ a: ["x", "${var.y}"] })).toBe(true);
    expect(isExpression({ a: ["x"] })).toBe(false);
    expect(show("${var.y}")).toContain("fails closed");
    expect(show(undefined)).toBe("unset");
  });
});
