import { z } from "zod";
import {
  DEFAULT_ALARM_THRESHOLDS,
  DEFAULT_PROMETHEUS_RETENTION_DAYS,
  DEFAULT_PROMETHEUS_STORAGE_GIB,
  DEFAULT_SLO,
} from "../../constructs/monitoring/monitoring-settings";
import { EmailSchema } from "./primitives";

/** Runbook of the shipped alarm catalogue; each alarm links a section of it. */
export const DEFAULT_RUNBOOK_BASE_URL = "https://github.com/plataforma-app/runbooks/blob/main/alarms.md";

/** A warning/critical pair of one catalogue threshold; either may be overridden alone. */
const ThresholdPairSchema = z.strictObject({
  warning: z.number().nonnegative().optional(),
  critical: z.number().nonnegative().optional(),
});

const thresholdNames = Object.keys(DEFAULT_ALARM_THRESHOLDS) as [
  keyof typeof DEFAULT_ALARM_THRESHOLDS,
  ...(keyof typeof DEFAULT_ALARM_THRESHOLDS)[],
];

/** Who one severity's topic notifies. */
const SubscribersSchema = z.strictObject({
  /** E-mail addresses (each confirms its subscription). @default [] */
  emails: z
    .array(EmailSchema)
    .max(20)
    .refine((emails) => new Set(emails.map((e) => e.toLowerCase())).size === emails.length, {
      error: (issue) => {
        const list = (issue.input as string[]).map((e) => e.toLowerCase());
        const repeated = [...new Set(list.filter((e, i) => list.indexOf(e) !== i))];
        return `repeats ${repeated.join(", ")}: each address subscribes once. Fix: list each address once`;
      },
    })
    .default([]),
});

/** An AWS Chatbot Slack channel that receives alarm notifications. */
const SlackSchema = z.strictObject({
  /** Slack workspace id (`T0123ABCD`), authorized once in the AWS Chatbot console. */
  teamId: z.string().regex(/^T[A-Z0-9]{6,}$/, { error: 'must be a Slack workspace id such as "T0123ABCD"' }),
  /** Slack channel id (`C0123ABCD`). */
  channelId: z.string().regex(/^[CG][A-Z0-9]{6,}$/, { error: 'must be a Slack channel id such as "C0123ABCD"' }),
});

/** Prometheus sizing of each platform stack's kube-prometheus-stack. */
const PrometheusSchema = z.strictObject({
  /** Days of metrics kept. @default 15 */
  retentionDays: z.number().int().min(1).max(365).default(DEFAULT_PROMETHEUS_RETENTION_DAYS),
  /** Persistent volume per Prometheus replica, GiB. @default 50 */
  storageGiB: z.number().int().min(8).max(16384).default(DEFAULT_PROMETHEUS_STORAGE_GIB),
  /** Prometheus replicas (2+ in production so a node drain loses no scrape). @default 1 */
  replicas: z.number().int().min(1).max(5).default(1),
});

/** A module's service level objective. */
export const SloSchema = z.strictObject({
  /** Share of good requests (non-5xx), percent. @default 99.9 */
  availabilityPercent: z.number().gt(0).lt(100).default(DEFAULT_SLO.availabilityPercent),
  /** p95 latency objective, milliseconds. @default 500 */
  latencyP95Milliseconds: z.number().int().positive().default(DEFAULT_SLO.latencyP95Milliseconds),
  /** SLO window, days. The burn-rate windows are tuned for 30 (the SRE workbook's). @default 30 */
  windowDays: z.literal(30).default(DEFAULT_SLO.windowDays),
});

/** Parsed SLO. */
export type SloConfig = z.output<typeof SloSchema>;

/** Monitoring and alerting of an environment. */
export const MonitoringSchema = z.strictObject({
  /**
   * Whether critical alarms page. When false (dev) every alarm goes to the warning topic,
   * which notifies but never pages, and no critical topic exists. @default true
   */
  paging: z.boolean().default(true),
  /** Subscribers per severity. */
  subscribers: z
    .strictObject({ warning: SubscribersSchema.prefault({}), critical: SubscribersSchema.prefault({}) })
    .prefault({}),
  /**
   * Name of the Secrets Manager secret (in the primary region) holding the pager's HTTPS
   * endpoint URL; the critical topics subscribe it. The URL never appears in config.
   * @default - no pager
   */
  pagerEndpointSecret: z
    .string()
    .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, { error: "must be a Secrets Manager secret name" })
    .optional(),
  /** AWS Chatbot Slack channel for every alarm topic. @default - none */
  slack: SlackSchema.optional(),
  /** Overrides of the alarm catalogue's named thresholds (`DEFAULT_ALARM_THRESHOLDS`). @default {} */
  thresholds: z.partialRecord(z.enum(thresholdNames), ThresholdPairSchema).default({}),
  /** Where alarm runbooks live; each alarm links `<url>#<anchor>`. */
  runbookBaseUrl: z.url({ protocol: /^https$/ }).default(DEFAULT_RUNBOOK_BASE_URL),
  /** kube-prometheus-stack sizing. */
  prometheus: PrometheusSchema.prefault({}),
  /** SLO every module gets unless `slos.<module>` overrides it. */
  defaultSlo: SloSchema.prefault({}),
  /** Per-module SLO overrides, keyed by the module's catalog key. @default {} */
  slos: z.record(z.string(), SloSchema.partial()).default({}),
});

/** Parsed monitoring settings. */
export type MonitoringConfig = z.output<typeof MonitoringSchema>;
