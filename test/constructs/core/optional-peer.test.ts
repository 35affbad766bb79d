import { Testing } from "cdktf";
import { Construct } from "constructs";
import { loadOptionalPeer, MissingPeerDependencyError } from "../../../constructs/core/optional-peer";

class NeedsHelm extends Construct {}

describe("loadOptionalPeer", () => {
  const scope = new NeedsHelm(Testing.app(), "needs-helm");

  it("returns the module when it is installed", () => {
    expect(loadOptionalPeer(scope, "constructs", "^10.4.2", () => require("constructs"))).toHaveProperty("Construct");
  });

  it("names the construct, the package, the range and the install command when the peer is missing", () => {
    const load = () => require("@cdktf/provider-helm-not-installed/lib/release");
    expect(() => loadOptionalPeer(scope, "@cdktf/provider-helm-not-installed", "^12.1.2", load)).toThrow(
      new MissingPeerDependencyError("needs-helm", "NeedsHelm", "@cdktf/provider-helm-not-installed", "^12.1.2"),
    );
    expect(() => loadOptionalPeer(scope, "@cdktf/provider-helm-not-installed", "^12.1.2", load)).toThrow(
      "needs-helm: NeedsHelm needs the optional peer dependency @cdktf/provider-helm-not-installed (^12.1.2), " +
        'which is not installed. Fix: npm install @cdktf/provider-helm-not-installed@"^12.1.2"',
    );
  });

  it("rethrows other errors unchanged", () => {
    const boom = new Error("boom");
    expect(() =>
      loadOptionalPeer(scope, "x", "^1.0.0", () => {
        throw boom;
      }),
    ).toThrow(boom);
  });
});
