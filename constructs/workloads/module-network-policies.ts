import {
  NetworkPolicyV1,
  type NetworkPolicyV1Spec,
  type NetworkPolicyV1SpecEgress,
} from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Construct } from "constructs";
import { allowedHostsAnnotation } from "./labelling";

/**
 * Address ranges external egress never reaches: RFC 1918, carrier-grade NAT, link-local
 * (which includes the instance metadata service at 169.254.169.254: a pod must get AWS
 * credentials through IRSA, never the node's role) and loopback.
 */
export const NON_PUBLIC_RANGES = [
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.168.0.0/16",
] as const;

/** PostgreSQL's port (seed 000: PostgreSQL, one schema per module). */
export const DEFAULT_DATABASE_PORTS = [5432] as const;
/** Redis's port: the platform event bus (events:emit/subscribe) runs on the cache cluster. */
export const DEFAULT_EVENT_BUS_PORTS = [6379] as const;
/** Namespace of the in-cluster ingress proxy that forwards user traffic to modules. */
export const DEFAULT_INGRESS_NAMESPACE = "ingress";

/** Properties of {@link ModuleNetworkPolicies}. */
export interface ModuleNetworkPoliciesProps {
  /** DNS prefix of the annotation keys, e.g. `example.com`. @default DEFAULT_LABEL_DOMAIN */
  readonly labelDomain?: string;
  /** Namespace of the module (policies apply to every pod in it). */
  readonly namespace: string;
  /** Labels selecting the module's pods. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Container ports that accept traffic, by name. */
  readonly ports: Readonly<Record<string, number>>;
  /** Namespace of the ingress proxy. @default DEFAULT_INGRESS_NAMESPACE */
  readonly ingressNamespace?: string;
  /**
   * Namespace of the Prometheus scraping the module: it may reach the `metrics` port
   * (else `http`). @default - none: no scrape policy
   */
  readonly scrapeNamespace?: string;
  /**
   * CIDRs load balancers reach pods from directly (ALB/NLB in IP target mode send from
   * their ENIs in the public subnets). @default - none
   */
  readonly loadBalancerCidrs?: readonly string[];
  /** Database subnet CIDRs (databases and caches live there). */
  readonly databaseCidrs: readonly string[];
  /** Whether the module declared database permissions. */
  readonly database: boolean;
  /** Whether the module declared events permissions. */
  readonly eventBus: boolean;
  /** @default DEFAULT_DATABASE_PORTS */
  readonly databasePorts?: readonly number[];
  /** @default DEFAULT_EVENT_BUS_PORTS */
  readonly eventBusPorts?: readonly number[];
  /**
   * AWS service endpoints the module calls (STS for IRSA, S3, Secrets Manager), reached
   * through interface VPC endpoints in `awsEndpointCidrs`. Empty: no AWS API egress.
   */
  readonly awsEndpoints: readonly string[];
  /** CIDRs of the subnets holding the interface VPC endpoints. */
  readonly awsEndpointCidrs: readonly string[];
  /**
   * `endpoints`: AWS calls go only to the interface endpoints' subnets. `internet`: some
   * service has no endpoint here (or lives in another region), so AWS calls go out
   * through NAT: 443 to public addresses only. @default "endpoints"
   */
  readonly awsApiEgress?: "endpoints" | "internet";
  /** Host names of `api:external` permissions. Empty: no internet egress at all. */
  readonly externalHosts: readonly string[];
}

/**
 * The module's network policies: default deny both ways, then one allow policy per
 * purpose (ingress, DNS, data, AWS APIs, external APIs), each only when needed.
 *
 * Kubernetes NetworkPolicy cannot match host names. A module with `api:external` hosts
 * gets TCP 443 to public addresses only (every private, CGNAT and link-local range is
 * excepted, so no lateral movement and no metadata service), and the exact host list is
 * recorded in the `egress.<domain>/allowed-hosts` annotation on the policy and
 * the namespace, for the egress proxy or a Cilium FQDN policy to enforce by name. A
 * module without `api:external` gets no internet egress whatsoever.
 *
 * @example
 * ```ts
 * import type { RegionalNetwork } from "@plataforma/infra/constructs/network";
 * import { ModuleNetworkPolicies } from "@plataforma/infra/constructs/workloads";
 *
 * declare const net: RegionalNetwork;
 *
 * new ModuleNetworkPolicies(stack, "vendas-policies", {
 *   namespace: "vendas",
 *   podLabels: { "app.kubernetes.io/name": "vendas" },
 *   ports: { http: 8080 },
 *   databaseCidrs: Object.values(net.subnetPlan.database),
 *   database: true,
 *   eventBus: false,
 *   awsEndpoints: ["sts", "secretsmanager"],
 *   awsEndpointCidrs: Object.values(net.subnetPlan.private),
 *   externalHosts: ["api.stripe.com"],
 * });
 * ```
 */
export class ModuleNetworkPolicies extends Construct {
  /** Policies keyed by purpose (`default-deny`, `ingress`, `dns`, ...). */
  readonly policies: Readonly<Record<string, NetworkPolicyV1>>;

  constructor(scope: Construct, id: string, props: ModuleNetworkPoliciesProps) {
    super(scope, id);
    const ingressNamespace = props.ingressNamespace ?? DEFAULT_INGRESS_NAMESPACE;
    const selector = { matchLabels: { ...props.podLabels } };
    const ports = Object.values(props.ports)
      .sort((a, b) => a - b)
      .map((port) => ({ port: String(port), protocol: "TCP" }));
    const policies: Record<string, NetworkPolicyV1> = {};
    const policy = (name: string, spec: NetworkPolicyV1Spec, annotations?: Record<string, string>) => {
      policies[name] = new NetworkPolicyV1(this, name, {
        metadata: { name, namespace: props.namespace, ...(annotations ? { annotations } : {}) },
        spec,
      });
    };

    policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });

    policy("allow-ingress", {
      podSelector: selector,
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ingressNamespace } } },
            ...(props.loadBalancerCidrs ?? []).map((cidr) => ({ ipBlock: { cidr } })),
          ],
          ports,
        },
      ],
    });

    const scrapePort = props.ports.metrics ?? props.ports.http;
    if (props.scrapeNamespace !== undefined && scrapePort !== undefined) {
      policy("allow-metrics-scrape", {
        podSelector: selector,
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": props.scrapeNamespace } } }],
            ports: [{ port: String(scrapePort), protocol: "TCP" }],
          },
        ],
      });
    }

    const dnsPorts = [
      { port: "53", protocol: "UDP" },
      { port: "53", protocol: "TCP" },
    ];
    policy("allow-dns", {
      podSelector: selector,
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
              podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            },
          ],
          ports: dnsPorts,
        },
      ],
    });

    const dataPorts = [
      ...(props.database ? (props.databasePorts ?? DEFAULT_DATABASE_PORTS) : []),
      ...(props.eventBus ? (props.eventBusPorts ?? DEFAULT_EVENT_BUS_PORTS) : []),
    ];
    if (dataPorts.length > 0) {
      const egress: NetworkPolicyV1SpecEgress = {
        to: props.databaseCidrs.map((cidr) => ({ ipBlock: { cidr } })),
        ports: [...new Set(dataPorts)].sort((a, b) => a - b).map((port) => ({ port: String(port), protocol: "TCP" })),
      };
      policy("allow-data", { podSelector: selector, policyTypes: ["Egress"], egress: [egress] });
    }

    if (props.awsEndpoints.length > 0) {
      policy(
        "allow-aws-apis",
        {
          podSelector: selector,
          policyTypes: ["Egress"],
          egress: [
            {
              to:
                (props.awsApiEgress ?? "endpoints") === "endpoints"
                  ? props.awsEndpointCidrs.map((cidr) => ({ ipBlock: { cidr } }))
                  : [{ ipBlock: { cidr: "0.0.0.0/0", except: [...NON_PUBLIC_RANGES] } }],
              ports: [{ port: "443", protocol: "TCP" }],
            },
          ],
        },
        { [allowedHostsAnnotation(props.labelDomain)]: [...props.awsEndpoints].sort().join(",") },
      );
    }

    if (props.externalHosts.length > 0) {
      policy(
        "allow-external-apis",
        {
          podSelector: selector,
          policyTypes: ["Egress"],
          egress: [
            {
              to: [{ ipBlock: { cidr: "0.0.0.0/0", except: [...NON_PUBLIC_RANGES] } }],
              ports: [{ port: "443", protocol: "TCP" }],
            },
          ],
        },
        { [allowedHostsAnnotation(props.labelDomain)]: [...props.externalHosts].sort().join(",") },
      );
    }
    this.policies = policies;
  }
}
