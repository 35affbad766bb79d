// Preloaded by scripts/bench.ts for comparison only: what one provider barrel import costs.
// Never import a barrel in the project itself.
require("@cdktf/provider-aws");
