import type { Construct } from "constructs";
import { type Layer, stackName } from "../naming/derived";
import { BaseStack, type BaseStackProps } from "./base-stack";

/** Properties of a layer stack. */
export interface LayerStackProps extends BaseStackProps {
  /** `global` for edge and cloudflare; the region otherwise. */
  readonly scopeName: string;
  /** Which layer the stack is; with the environment and scope it makes the stack name. */
  readonly layer: Layer;
}

/**
 * A `<env>-<region|global>-<layer>` stack. Constructors take `(scope, props)` without an
 * id: the id is the stack name, derived from environment, scope and layer, because stack
 * names are state keys and must never drift from the naming rule.
 */
export class LayerStack extends BaseStack {
  /** Which layer this stack is. */
  readonly layer: Layer;

  constructor(scope: Construct, props: LayerStackProps) {
    const name = stackName(props.env, props.scopeName, props.layer);
    super(scope, name, { ...props, service: props.layer });
    this.layer = props.layer;
    this.useBackend(name);
  }
}
