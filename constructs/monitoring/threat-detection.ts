import { AccessanalyzerAnalyzer } from "@cdktf/provider-aws/lib/accessanalyzer-analyzer";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";

/**
 * GuardDuty protection plans turned on with the detector (feature resources; the
 * detector's `datasources` block is deprecated). Runtime monitoring covers EKS with the
 * agent add-on managed by GuardDuty (EKS protection: audit logs and runtime).
 */
export const GUARDDUTY_FEATURES = [
  { name: "S3_DATA_EVENTS" },
  { name: "EKS_AUDIT_LOGS" },
  { name: "EBS_MALWARE_PROTECTION" },
  { name: "RDS_LOGIN_EVENTS" },
  { name: "RUNTIME_MONITORING", additional: ["EKS_ADDON_MANAGEMENT"] },
] as const;

/** How often GuardDuty publishes updated findings to EventBridge. */
export const GUARDDUTY_PUBLISHING_FREQUENCY = "FIFTEEN_MINUTES";

/** Properties of {@link ThreatDetection}. */
export interface ThreatDetectionProps {
  /** Name of the account's IAM Access Analyzer in this region. */
  readonly analyzerName: string;
  /** Provider of the region. @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

/**
 * Threat detection in one region: a GuardDuty detector with EKS audit-log and runtime
 * protection, S3, EBS malware and RDS login protection, and an account IAM Access
 * Analyzer (both are regional services: one per region the environment uses).
 *
 * @example
 * ```ts
 * import { ThreatDetection } from "@plataforma/infra/constructs/monitoring";
 *
 * new ThreatDetection(stack, "threat-detection", { analyzerName: "acme-prod-sa-east-1" });
 * ```
 */
export class ThreatDetection extends Construct {
  readonly detector: GuarddutyDetector;
  readonly analyzer: AccessanalyzerAnalyzer;

  constructor(scope: Construct, id: string, props: ThreatDetectionProps) {
    super(scope, id);
    const provider = props.provider;
    this.detector = new GuarddutyDetector(this, "detector", {
      enable: true,
      findingPublishingFrequency: GUARDDUTY_PUBLISHING_FREQUENCY,
      provider,
    });
    for (const feature of GUARDDUTY_FEATURES) {
      new GuarddutyDetectorFeature(this, `feature-${feature.name.toLowerCase()}`, {
        detectorId: this.detector.id,
        name: feature.name,
        status: "ENABLED",
        additionalConfiguration:
          "additional" in feature ? feature.additional.map((name) => ({ name, status: "ENABLED" })) : undefined,
        provider,
      });
    }
    this.analyzer = new AccessanalyzerAnalyzer(this, "access-analyzer", {
      analyzerName: props.analyzerName,
      type: "ACCOUNT",
      provider,
    });
  }
}
