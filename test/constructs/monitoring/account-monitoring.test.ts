import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack, Testing } from "cdktf";
import { AlarmTopics } from "../../../constructs/monitoring/alarm-topics";
import { AuditTrail, type AuditTrailProps, CIS_METRIC_FILTERS } from "../../../constructs/monitoring/audit-trail";
import { CHATBOT_GUARDRAIL_POLICY, SlackAlarmChannel } from "../../../constructs/monitoring/slack-alarm-channel";
import { GUARDDUTY_FEATURES, ThreatDetection } from "../../../constructs/monitoring/threat-detection";
import { CONSTRUCT_SUPPRESSIONS_KEY } from "../../../contracts/suppressions";
import { checkApp } from "../../../policies";
import type { StackJson } from "../../helpers";
import { valuesOf } from "../../helpers";
import { reported } from "../fixtures";

const ACCOUNT = "123456789012";
const synth = (build: Parameters<typeof Testing.synthScope>[0]) => JSON.parse(Testing.synthScope(build)) as StackJson;

describe("AlarmTopics", () => {
  const json = synth((scope) => {
    new AlarmTopics(scope, "topics", {
      topicNames: { warning: "p-e-alarms-warning", critical: "p-e-alarms-critical" },
      keyAlias: "p-e-sa-east-1-alarms",
      accountId: ACCOUNT,
      region: "sa-east-1",
      subscribers: {
        warning: { emails: ["team@example.com"] },
        critical: { emails: ["oncall@example.com"], httpsEndpoint: "${data.secret.value}" },
      },
    });
  });

  it("encrypts every topic with its own key that CloudWatch may use", () => {
    const topics = valuesOf(json, "aws_sns_topic");
    expect(topics.map((t) => t.name).sort()).toEqual(["p-e-alarms-critical", "p-e-alarms-warning"]);
    for (const t of topics) expect(String(t.kms_master_key_id)).toMatch(/^\$\{aws_kms_key\..*\.arn\}$/);
    const policy = JSON.parse(String(valuesOf(json, "aws_kms_key")[0].policy));
    expect(policy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        }),
      ]),
    );
  });

  it("admits only this account's alarms and denies requests without TLS", () => {
    const policy = JSON.parse(String(valuesOf(json, "aws_sns_topic_policy")[0].policy));
    expect(policy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Sid: "CloudWatchAlarmsOfThisAccount",
          Condition: expect.objectContaining({ StringEquals: { "aws:SourceAccount": ACCOUNT } }),
        }),
        expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": false } } }),
      ]),
    );
  });

  it("subscribes e-mails per severity and the pager endpoint to the critical topic only", () => {
    const subs = valuesOf(json, "aws_sns_topic_subscription").map((s) => [s.protocol, s.endpoint]);
    expect(subs).toEqual(
      expect.arrayContaining([
        ["email", "team@example.com"],
        ["email", "oncall@example.com"],
        ["https", "${data.secret.value}"],
      ]),
    );
    expect(subs).toHaveLength(3);
  });

  it("fails when no topic is named", () => {
    expect(
      reported(() =>
        Testing.synthScope(
          (s) => new AlarmTopics(s, "t", { topicNames: {}, keyAlias: "a", accountId: ACCOUNT, region: "sa-east-1" }),
        ),
      ),
    ).toEqual([["topicNames", {}]]);
  });

  it("fails, naming the list, when a severity repeats an e-mail address (two subscriptions, one id)", () => {
    const emails = ["team@example.com", "team@example.com"];
    const props = { topicNames: { warning: "w" }, keyAlias: "a", accountId: ACCOUNT, region: "sa-east-1" };
    expect(
      reported(() => synth((s) => new AlarmTopics(s, "t", { ...props, subscribers: { warning: { emails } } }))),
    ).toEqual([["subscribers.warning.emails", emails]]);
  });
});

describe("AuditTrail", () => {
  const props = {
    name: "acct-audit",
    bucketName: "acct-audit-123456789012",
    accountId: ACCOUNT,
    region: "sa-east-1",
    alarmTopicArn: "arn:aws:sns:sa-east-1:123456789012:p-e-alarms-critical",
  };
  const json = synth((scope) => new AuditTrail(scope, "audit", props));

  it("is multi-region, validated, KMS-encrypted and delivered to CloudWatch Logs", () => {
    expect(valuesOf(json, "aws_cloudtrail")[0]).toMatchObject({
      name: "acct-audit",
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
    });
    expect(String(valuesOf(json, "aws_cloudtrail")[0].kms_key_id)).toContain("aws_kms_key.");
    expect(String(valuesOf(json, "aws_cloudtrail")[0].cloud_watch_logs_group_arn)).toMatch(
      /:log-group:\/aws\/cloudtrail\/acct-audit:\*$/,
    );
  });

  it("keeps its bucket like the state bucket: versioned, KMS, not public, TLS only, never destroyed", () => {
    expect(valuesOf(json, "aws_s3_bucket")[0]).toMatchObject({
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(valuesOf(json, "aws_s3_bucket_versioning")[0]).toMatchObject({
      versioning_configuration: { status: "Enabled" },
    });
    expect(valuesOf(json, "aws_s3_bucket_public_access_block")).toHaveLength(1);
    const policy = JSON.parse(String(valuesOf(json, "aws_s3_bucket_policy")[0].policy));
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      "DenyInsecureTransport",
      "CloudTrailAclCheck",
      "CloudTrailWrite",
    ]);
  });

  it("alarms on each CIS basic at its first occurrence, to the given topic", () => {
    const alarms = valuesOf(json, "aws_cloudwatch_metric_alarm");
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(
      Object.keys(CIS_METRIC_FILTERS)
        .map((k) => `acct-audit/${k}`)
        .sort(),
    );
    for (const a of alarms)
      expect(a).toMatchObject({ threshold: 1, evaluation_periods: 1, alarm_actions: [props.alarmTopicArn] });
    expect(valuesOf(json, "aws_cloudwatch_log_metric_filter")).toHaveLength(5);
  });

  it("puts its metric filters and alarms in a neutral namespace unless told one", () => {
    const namespaces = (j: StackJson) => [
      ...new Set([
        ...valuesOf(j, "aws_cloudwatch_log_metric_filter").map(
          (f) => (f.metric_transformation as { namespace: string }).namespace,
        ),
        ...valuesOf(j, "aws_cloudwatch_metric_alarm").map((a) => a.namespace),
      ]),
    ];
    expect(namespaces(json)).toEqual(["Audit"]);
    const acme = synth((scope) => new AuditTrail(scope, "audit", { ...props, metricNamespace: "Acme/Audit" }));
    expect(namespaces(acme)).toEqual(["Acme/Audit"]);
  });

  describe("access logging of the trail bucket", () => {
    /** A consumer's app with the trail, synthesized so the `//` suppression metadata is written. */
    const build = (extra: Partial<AuditTrailProps>) => {
      const app = new App({ outdir: "/tmp/audit-trail-test-unused" });
      const stack = new TerraformStack(app, "acct");
      new AwsProvider(stack, "aws", { region: "sa-east-1" });
      new AuditTrail(stack, "audit", { ...props, ...extra });
      app.synth();
      const out = stack.toTerraform() as StackJson;
      const bucket = valuesOf(out, "aws_s3_bucket")[0];
      const suppressions = (bucket["//"] as Record<string, unknown>)[CONSTRUCT_SUPPRESSIONS_KEY];
      const findings = (today: string) =>
        checkApp(app, { today })
          .report.findings.filter((f) => /ACCESS-LOGGING|SUPPRESSION/.test(f.ruleId))
          .map((f) => f.ruleId);
      return { out, suppressions, findings };
    };

    it("is not exempted by the library: without logs or an exemption the gate reports it, at any date", () => {
      const bare = build({});
      expect(bare.suppressions).toBeUndefined();
      expect(bare.findings("2031-01-01")).toEqual(["DP-S3-ACCESS-LOGGING"]);
    });

    it("writes to the given log bucket", () => {
      const logged = build({ accessLogs: { bucket: "acct-access-logs", prefix: "trail/" } });
      expect(valuesOf(logged.out, "aws_s3_bucket_logging")).toEqual([
        expect.objectContaining({ target_bucket: "acct-access-logs", target_prefix: "trail/" }),
      ]);
      expect(logged.findings("2031-01-01")).toEqual([]);
    });

    it("records the caller's exemption, which expires on the caller's date only", () => {
      const exemption = { reason: "created before the log archive exists", expires: "2026-06-30" };
      const exempt = build({ accessLoggingExemption: exemption });
      expect(exempt.suppressions).toEqual([{ ruleId: "DP-S3-ACCESS-LOGGING", ...exemption }]);
      expect(exempt.findings("2026-06-30")).toEqual([]);
      expect(exempt.findings("2026-07-01")).toContain("POLICY-SUPPRESSION-EXPIRED");
    });
  });

  it("fails when logs would be kept less than 90 days, on a bad namespace and on logs plus an exemption", () => {
    expect(reported(() => Testing.synthScope((s) => new AuditTrail(s, "a", { ...props, retentionDays: 30 })))).toEqual([
      ["retentionDays", 30],
    ]);
    const bad = {
      ...props,
      metricNamespace: "AWS/CloudTrail",
      accessLogs: { bucket: "logs" },
      accessLoggingExemption: { reason: "not needed here, really" },
    };
    expect(reported(() => Testing.synthScope((s) => new AuditTrail(s, "a", bad)))).toEqual([
      ["metricNamespace", "AWS/CloudTrail"],
      ["accessLoggingExemption", { reason: "not needed here, really" }],
    ]);
    for (const metricNamespace of ["", ":Audit", "Audit!", "x".repeat(256)]) {
      expect(reported(() => Testing.synthScope((s) => new AuditTrail(s, "a", { ...props, metricNamespace })))).toEqual([
        ["metricNamespace", metricNamespace],
      ]);
    }
  });
});

describe("ThreatDetection", () => {
  it("turns on GuardDuty with EKS protection and an account Access Analyzer", () => {
    const json = synth((scope) => new ThreatDetection(scope, "td", { analyzerName: "acct-sa-east-1" }));
    expect(valuesOf(json, "aws_guardduty_detector")[0]).toMatchObject({ enable: true });
    const features = valuesOf(json, "aws_guardduty_detector_feature");
    expect(features.map((f) => f.name).sort()).toEqual(GUARDDUTY_FEATURES.map((f) => f.name).sort());
    expect(features.find((f) => f.name === "RUNTIME_MONITORING")).toMatchObject({
      status: "ENABLED",
      additional_configuration: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }],
    });
    expect(features.find((f) => f.name === "EKS_AUDIT_LOGS")).toMatchObject({ status: "ENABLED" });
    expect(valuesOf(json, "aws_accessanalyzer_analyzer")[0]).toMatchObject({
      analyzer_name: "acct-sa-east-1",
      type: "ACCOUNT",
    });
  });
});

describe("SlackAlarmChannel", () => {
  it("subscribes the channel to the topics with a read-only role and guardrail", () => {
    const json = synth(
      (scope) =>
        new SlackAlarmChannel(scope, "slack", {
          name: "p-e-alarms",
          accountId: ACCOUNT,
          slackTeamId: "T0ABCDEFG",
          slackChannelId: "C0ABCDEFG",
          topicArns: ["arn:aws:sns:sa-east-1:123456789012:p-e-alarms-critical"],
        }),
    );
    expect(valuesOf(json, "aws_chatbot_slack_channel_configuration")[0]).toMatchObject({
      slack_team_id: "T0ABCDEFG",
      slack_channel_id: "C0ABCDEFG",
      sns_topic_arns: ["arn:aws:sns:sa-east-1:123456789012:p-e-alarms-critical"],
      guardrail_policy_arns: [CHATBOT_GUARDRAIL_POLICY],
    });
    const policy = JSON.parse(String(valuesOf(json, "aws_iam_role_policy")[0].policy));
    expect(policy.Statement[0].Action).toEqual(["cloudwatch:Describe*", "cloudwatch:List*"]);
  });
});
