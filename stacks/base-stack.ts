import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../environments/schema";
import { bootstrapStackName, localStatePath, stateBucketName, stateKey, stateRegion } from "../naming/derived";
import { type OutputPlaceholders, RemoteOutputs } from "./remote-outputs";
import { OFFLINE_CREDENTIALS, type StackSettings } from "./settings";
import { stackJson } from "./stack-json";

/** Properties shared by every stack of this project. */
export interface BaseStackProps {
  /** The validated environment the stack belongs to. */
  readonly env: EnvironmentConfig;
  /** Region of the default AWS provider. */
  readonly region: string;
  /** Offline or online: decides backend and provider credentials. */
  readonly settings: StackSettings;
  /**
   * Create the default AWS provider. Stacks that use no AWS resource (cloudflare) turn it
   * off so `terraform init` does not need the AWS provider binary for them.
   * @default true
   */
  readonly awsProvider?: boolean;
}

/**
 * Base of every stack: AWS provider with default tags (offline: dummy credentials and
 * skip flags), and the backend (offline: local; online: the account's S3 state bucket
 * with `use_lockfile` and KMS). Stacks only compose constructs on top of this.
 */
export class BaseStack extends TerraformStack {
  /** The environment this stack belongs to. */
  readonly env: EnvironmentConfig;
  /** Region of the default AWS provider. */
  readonly region: string;
  /** Mode of this synth run. */
  readonly settings: StackSettings;
  private readonly defaultAws?: AwsProvider;
  private readonly providers = new Map<string, AwsProvider>();
  private readonly upstreams = new Map<string, RemoteOutputs>();
  private readonly service: string;

  constructor(scope: Construct, id: string, props: BaseStackProps & { readonly service: string }) {
    super(scope, id);
    this.env = props.env;
    this.region = props.region;
    this.settings = props.settings;
    this.service = props.service;
    if (props.awsProvider ?? true) {
      this.defaultAws = this.makeProvider(props.region);
      this.providers.set(props.region, this.defaultAws);
    }
    // Online, the state lives in the bucket the account's bootstrap stack creates.
    if (this.settings.mode === "online") this.dependOnStackNamed(bootstrapStackName(this.env));
  }

  /**
   * Declares that this stack deploys after the stack named `name`, when that stack is built
   * in the same app (a stack synthesized alone keeps reading its upstream's state). Only
   * `manifest.json` changes: cdktf orders deploy and destroy by it, and so do our scripts.
   */
  protected dependOnStackNamed(name: string): void {
    if (name === this.node.id) return;
    const other = this.node.scope?.node.tryFindChild(name);
    if (other instanceof TerraformStack && !this.dependencies.includes(other)) this.addDependency(other);
  }

  /** The stack's Terraform JSON, each value resolved once (stacks/stack-json.ts says why). */
  override toTerraform(): Record<string, unknown> {
    return stackJson(this, () => super.toTerraform());
  }

  /** Default AWS provider, in `region`. Throws for stacks built without one. */
  get aws(): AwsProvider {
    if (!this.defaultAws) {
      throw new Error(
        `${this.node.id}: this stack was built with awsProvider: false. ` +
          "Fix: build it with the AWS provider or use awsIn(region)",
      );
    }
    return this.defaultAws;
  }

  /** The AWS provider for `region` (aliased when it is not the stack's own region). */
  awsIn(region: string): AwsProvider {
    let provider = this.providers.get(region);
    if (!provider) {
      provider = this.makeProvider(region, region);
      this.providers.set(region, provider);
    }
    return provider;
  }

  /**
   * Outputs of an upstream stack of the same environment. Each name gets a placeholder
   * used while the upstream has no state yet, so a first plan never fails.
   */
  upstream(stack: string, placeholders: OutputPlaceholders): RemoteOutputs {
    const existing = this.upstreams.get(stack);
    if (existing) {
      existing.extend(placeholders);
      return existing;
    }
    const created = new RemoteOutputs(this, `upstream-${stack}`, {
      stack,
      placeholders,
      backend:
        this.settings.mode === "offline"
          ? { kind: "local", path: localStatePath(stack) }
          : {
              kind: "s3",
              bucket: stateBucketName(this.env),
              key: stateKey(this.env, stack),
              region: stateRegion(this.env),
            },
    });
    this.upstreams.set(stack, created);
    this.dependOnStackNamed(stack);
    return created;
  }

  /** Configures the local (offline) or S3 (online) backend for this stack. */
  protected useBackend(name: string): void {
    // Offline, or the bootstrap stack before its state was moved into the bucket it creates.
    if (this.settings.mode === "offline") {
      new LocalBackend(this, { path: localStatePath(name) });
      return;
    }
    const bucket = stateBucketName(this.env);
    const backend = new S3Backend(this, {
      bucket,
      key: stateKey(this.env, name),
      region: stateRegion(this.env),
      encrypt: true,
      kmsKeyId: `alias/${bucket}`,
    });
    // Terraform >= 1.10 locks with an S3 lock object; no DynamoDB table to run.
    backend.addOverride("use_lockfile", true);
  }

  private makeProvider(region: string, alias?: string): AwsProvider {
    const env = this.env;
    const offline = this.settings.mode === "offline";
    return new AwsProvider(this, alias ? `aws-${alias}` : "aws", {
      region,
      alias,
      defaultTags: [
        {
          tags: {
            Environment: env.name,
            Project: env.project,
            Team: env.tags.team,
            CostCenter: env.tags.costCenter,
            Service: this.service,
            ManagedBy: "cdktf",
            Stack: this.node.id,
          },
        },
      ],
      ...(offline
        ? {
            ...OFFLINE_CREDENTIALS,
            skipCredentialsValidation: true,
            skipRequestingAccountId: true,
            skipMetadataApiCheck: "true",
          }
        : { allowedAccountIds: [env.account.id] }),
    });
  }
}
