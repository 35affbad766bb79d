/**
 * The first import of this domain's entry point: when an optional peer the domain is built
 * on is not installed, the import fails with a MissingPeerDependencyError naming it, its
 * supported range and the install command, before any re-export tries to load it.
 */
import { requireDomainPeers } from "../core/optional-peer";

requireDomainPeers("cloudflare");
