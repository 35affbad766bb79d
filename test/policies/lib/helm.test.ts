import { helmSettingCheck, helmValues, leaf } from "../../../policies/lib/helm";
import { toStackView } from "../../../policies/lib/stack";
import type { Resource } from "../../../policies/types";

const release = (values: Record<string, unknown>): Resource => ({
  type: "helm_release",
  name: "r",
  address: "helm_release.r",
  values,
});

describe("helm settings", () => {
  it("leaf drops one trailing list index and keeps what follows the last dot", () => {
    expect(leaf("controller.securityContext.privileged")).toBe("privileged");
    expect(leaf("containers[0]")).toBe("containers");
    expect(leaf("a.b[0][1]")).toBe("b[0]");
    expect(leaf("args[x]")).toBe("args[x]");
    expect(leaf("[3]")).toBe("");
    expect(leaf("plain")).toBe("plain");
    expect(leaf("annotations.service.beta.kubernetes.io/aws-load-balancer-type")).toBe("io/aws-load-balancer-type");
    expect(leaf("a.")).toBe("");
  });

  it("each setting carries its leaf, read once from its path", () => {
    const yaml = "securityContext:\n  capabilities:\n    add: [NET_ADMIN]\n";
    const values = helmValues(
      release({
        values: [JSON.stringify({ spec: { containers: [{ privileged: true }] } }), yaml],
        set: [{ name: "image.tag", value: "1.2" }],
      }),
    );
    const settings = "settings" in values ? values.settings : [];
    expect(settings.map((s) => [s.path, s.leaf])).toEqual([
      ["spec.containers[0].privileged", "privileged"],
      ["securityContext.capabilities.add[0]", "add"],
      ["image.tag", "tag"],
    ]);
    expect(settings.every((s) => s.leaf === leaf(s.path))).toBe(true);
  });
});

describe("helmSettingCheck", () => {
  const values = JSON.stringify({
    a: { runAsUser: 0, x: { runAsNonRoot: false } },
    b: [{ runAsUser: 0 }, { other: 0 }],
    runAsNonRoot: "false",
  });
  const stack = toStackView("s", { resource: { helm_release: { r: { values: [values] } } } });
  const bad = (s: { leaf: string; value: unknown }) =>
    (s.leaf === "runAsUser" && s.value === 0) || (s.leaf === "runAsNonRoot" && String(s.value) === "false")
      ? `${s.leaf} flagged`
      : undefined;

  it("reading only the named leaves finds what reading every setting finds, in document order", () => {
    const everything = helmSettingCheck(bad)(stack);
    expect(everything.map((v) => v.message)).toEqual([
      "values a.runAsUser: runAsUser flagged",
      "values a.x.runAsNonRoot: runAsNonRoot flagged",
      "values b[0].runAsUser: runAsUser flagged",
      "values runAsNonRoot: runAsNonRoot flagged",
    ]);
    expect(helmSettingCheck(bad, ["runAsNonRoot", "runAsUser"])(stack)).toEqual(everything);
  });

  it("reads no setting outside the named leaves", () => {
    expect(helmSettingCheck(bad, ["runAsUser"])(stack).map((v) => v.message)).toEqual([
      "values a.runAsUser: runAsUser flagged",
      "values b[0].runAsUser: runAsUser flagged",
    ]);
  });
});
