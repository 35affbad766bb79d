import { z } from "zod";
import { INTERFACE_ENDPOINT_SERVICES } from "../../constructs/network/network-settings";
import { AwsRegionSchema, CidrSchema, LogRetentionSchema } from "./primitives";

/** Explicit per-tier subnets, each keyed by availability zone name. */
export const SubnetsSchema = z.strictObject({
  private: z.record(z.string(), CidrSchema),
  public: z.record(z.string(), CidrSchema),
  database: z.record(z.string(), CidrSchema),
});

/** VPC flow log settings. */
export const FlowLogsSchema = z.strictObject({
  /** Days CloudWatch keeps flow log records. */
  retentionDays: LogRetentionSchema,
  /** Which traffic to record. @default "ALL" */
  trafficType: z.enum(["ALL", "ACCEPT", "REJECT"]).default("ALL"),
});

/** One region's network: VPC block, subnet tiers, NAT layout and flow logs. */
export const NetworkSchema = z.strictObject({
  /** The VPC block, /16 to /20; must not overlap any other region's block. */
  vpcCidr: CidrSchema,
  /**
   * Explicit subnets per tier and zone. When omitted they are carved from `vpcCidr`
   * with the default layout (private /19, public /22, database /24 for a /16).
   */
  subnets: SubnetsSchema.optional(),
  /** `per-az`: one NAT gateway per zone (survives a zone loss); `single`: one, cheaper. */
  natGateways: z.enum(["per-az", "single"]),
  flowLogs: FlowLogsSchema,
  /**
   * Interface endpoints (private DNS, HTTPS from the VPC only) for the services the
   * cluster calls. Each costs about $22/month over three zones. @default all of ecr.api,
   * ecr.dkr, sts, secretsmanager, logs
   */
  interfaceEndpoints: z
    .array(z.enum(INTERFACE_ENDPOINT_SERVICES))
    .superRefine((services, ctx) => {
      // Endpoints are keyed by service: a second entry would be a second endpoint of the same name.
      services.forEach((service, i) => {
        if (services.indexOf(service) === i) return;
        ctx.addIssue({
          code: "custom",
          path: [i],
          input: service,
          message:
            `interface endpoint ${JSON.stringify(service)} is already listed at index ${services.indexOf(service)}. ` +
            "Fix: list each service once (remove this entry)",
        });
      });
    })
    .default([...INTERFACE_ENDPOINT_SERVICES]),
  /**
   * Regions of the same environment this region's VPC peers with (it requests, they
   * accept). Declare each link once, on one side; routes go both ways in the private and
   * database route tables. The `<env>-global-network` stack owns the links. @default []
   */
  peerRegions: z.array(AwsRegionSchema).default([]),
});

/** Parsed network config. */
export type NetworkConfig = z.output<typeof NetworkSchema>;
