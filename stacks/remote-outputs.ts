import { DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3, type TerraformRemoteState } from "cdktf";
import { Construct } from "constructs";

/** Placeholder value per upstream output name: a string or a list of strings. */
export type OutputPlaceholders = Readonly<Record<string, string | readonly string[]>>;

/** Where the upstream stack keeps its state. */
export type UpstreamBackend =
  | { readonly kind: "local"; readonly path: string }
  | { readonly kind: "s3"; readonly bucket: string; readonly key: string; readonly region: string };

/** Properties of {@link RemoteOutputs}. */
export interface RemoteOutputsProps {
  /** Upstream stack name. */
  readonly stack: string;
  readonly backend: UpstreamBackend;
  /** Every output this stack reads, with the value used until the upstream is applied. */
  readonly placeholders: OutputPlaceholders;
}

/**
 * Reads an upstream stack's outputs through `terraform_remote_state`, with `defaults`
 * seeded from placeholders: a downstream stack plans before its upstream was ever
 * applied (offline, or on a first pull request). Placeholders are shaped like real ids
 * but point at nothing, so an apply against them fails at the AWS API instead of
 * silently doing something else.
 */
export class RemoteOutputs extends Construct {
  private readonly state: TerraformRemoteState;
  private readonly placeholders: OutputPlaceholders;

  constructor(scope: Construct, id: string, props: RemoteOutputsProps) {
    super(scope, id);
    this.placeholders = props.placeholders;
    const defaults = { ...props.placeholders };
    this.state =
      props.backend.kind === "local"
        ? new DataTerraformRemoteStateLocal(this, "state", { path: props.backend.path, defaults })
        : new DataTerraformRemoteStateS3(this, "state", {
            bucket: props.backend.bucket,
            key: props.backend.key,
            region: props.backend.region,
            defaults,
          });
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
      throw new Error(`${this.node.path}: output "${name}" has no placeholder. Fix: declare it in the upstream's output contract`);
    }
    if ((kind === "list") !== Array.isArray(placeholder)) {
      throw new Error(`${this.node.path}: output "${name}" is read as a ${kind} but its placeholder is not`);
    }
  }
}
