import { helmValues, leaf } from "../../../policies/lib/helm";
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
