// How a VTN is set up: the version it speaks, its static clients, and the knobs tests and the CLI turn.
import type { Clock } from "../../../domain/clock.js";
import type { RetryPolicy } from "../backoff.js";
import type { ContractViolation } from "../errors.js";
import type { OadrVersion } from "../version.js";

/** bl: business logic (the utility side, writes programs and events); ven: a customer's VEN. */
export type ClientRole = "bl" | "ven";

export interface VtnClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly role: ClientRole;
}

export interface VtnOptions {
  readonly version: OadrVersion;
  readonly clients: readonly VtnClient[];
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Token lifetime in seconds (expires_in). */
  readonly tokenLifetimeS?: number;
  readonly clock?: Clock;
  /** Check a subscription's callback URLs with the echo challenge before accepting it. Default true. */
  readonly verifyCallbacks?: boolean;
  /**
   * The Definition requires https callback URLs. For a VTN run on one machine with a local VEN, http URLs on a
   * loopback address are accepted too (default true); any other http URL is refused.
   */
  readonly allowHttpLoopbackCallbacks?: boolean;
  readonly webhookTimeoutMs?: number;
  readonly webhookRetry?: Partial<RetryPolicy>;
  /** Every request and response checked against the document; failures reported here (and requests refused). */
  readonly onViolation?: (v: ContractViolation) => void;
  /** One line per request and webhook delivery, for the CLI. */
  readonly onLog?: (line: string) => void;
  readonly specDir?: string;
  readonly fetch?: typeof fetch;
}

/** The Alliance reference implementation's well-known credentials, used when no client is configured. */
export const DEFAULT_CLIENTS: readonly VtnClient[] = [
  { clientId: "bl_client", clientSecret: "1001", role: "bl" },
  { clientId: "ven_client", clientSecret: "999", role: "ven" },
];

/** Parses "id:secret" or "id:secret:bl|ven" (role defaults to ven). */
export function parseClientSpec(spec: string): VtnClient {
  const parts = spec.split(":");
  const [clientId, clientSecret, role = "ven"] = parts;
  if (
    parts.length < 2 ||
    parts.length > 3 ||
    !clientId ||
    !clientSecret ||
    (role !== "bl" && role !== "ven")
  ) {
    throw new Error(`--client "${spec}": expected id:secret or id:secret:bl|ven`);
  }
  return { clientId, clientSecret, role };
}
