import { DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3, type TerraformRemoteState } from "cdktf";
import { Construct } from "constructs";

/** Placeholder value per upstream output name: a string or a list of strings. */
export type OutputPlaceholders = Readonly<Record<string, string | readonly string[]>>;

/** Key under a remote state block's `//` comment holding its placeholders. */
export const PLACEHOLDERS_COMMENT_KEY = "placeholders";

/** Where the upstream stack keeps its state. */
export type UpstreamBackend =
  | { readonly kind: "local"; readonly path: string }
  | { readonly kind: "s3"; readonly bucket: string; readonly key: string; readonly region: string };

/** Properties of {@link RemoteOutputs}. */
export interface RemoteOutputsProps {
  /** Upstream stack name. */
  readonly stack: string;
  /** Where the upstream keeps its state (mirrors its own backend). */
  readonly backend: UpstreamBackend;
  /** Every output this stack reads, with the value used until the upstream is applied. */
  readonly placeholders: OutputPlaceholders;
}

/**
 * Reads an upstream stack's outputs through `terraform_remote_state`.
 *
 * Offline, placeholders become the data source's `defaults`, so an upstream state that
 * lacks an output still plans. Online there are no defaults: a missing upstream or output
 * must fail, never plan against placeholders. In both modes the placeholders are also
 * recorded in the block's `//` comment, where `npm run plan` finds them to seed a state
 * for an upstream that was never applied (offline, or a first pull request).
 * Placeholders are shaped like real ids but point at nothing.
 */
export class RemoteOutputs extends Construct {
  private readonly state: TerraformRemoteState;
  private readonly placeholders: Record<string, string | readonly string[]>;

  constructor(scope: Construct, id: string, props: RemoteOutputsProps) {
    super(scope, id);
    this.placeholders = { ...props.placeholders };
    this.state =
      props.backend.kind === "local"
        ? new DataTerraformRemoteStateLocal(this, "state", { path: props.backend.path, defaults: this.placeholders })
        : new DataTerraformRemoteStateS3(this, "state", {
            bucket: props.backend.bucket,
            key: props.backend.key,
            region: props.backend.region,
          });
    // Live objects, read at synth: extend() adds to them.
    this.state.addOverride(`//.${PLACEHOLDERS_COMMENT_KEY}`, this.placeholders);
  }

  /**
   * Declares more outputs this stack reads from the same upstream (several constructs of
   * one stack may read one upstream; there is one data source per upstream).
   */
  extend(placeholders: OutputPlaceholders): void {
    for (const [name, value] of Object.entries(placeholders)) {
      const known = this.placeholders[name];
      if (known !== undefined) {
        if (JSON.stringify(known) !== JSON.stringify(value))
          throw new Error(`${this.node.path}: output "${name}" has two different placeholders`);
        continue;
      }
      this.placeholders[name] = value;
    }
  }

  /** A string output. */
  getString(name: string): string {
    this.expect(name, "string");
    return this.state.getString(name);
  }

  /** A list-of-strings output. */
  getList(name: string): string[] {
    this.expect(name, "list");
    return this.state.getList(name);
  }

  private expect(name: string, kind: "string" | "list"): void {
    const placeholder = this.placeholders[name];
    if (placeholder === undefined) {
      throw new Error(
        `${this.node.path}: output "${name}" has no placeholder. Fix: declare it in the upstream's output contract`,
      );
    }
    if ((kind === "list") !== Array.isArray(placeholder)) {
      throw new Error(`${this.node.path}: output "${name}" is read as a ${kind} but its placeholder is not`);
    }
  }
}
