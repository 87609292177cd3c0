// Opaque bearer tokens for the static clients, with an expiry and the scopes of the client's role. Scope names are the
// version's (securitySchemes.oAuth2ClientCredentials); 3.1.0 narrowed VEN reads to read_targets/read_ven_objects.
import { randomBytes } from "node:crypto";
import type { Clock } from "../../../domain/clock.js";
import type { OadrVersion } from "../version.js";
import type { ClientRole, VtnClient } from "./options.js";

export interface TokenInfo {
  readonly clientId: string;
  readonly role: ClientRole;
  readonly scopes: readonly string[];
  readonly expiresAtMs: number;
}

const SCOPES: Readonly<Record<OadrVersion, Readonly<Record<ClientRole, readonly string[]>>>> = {
  "3.0.1": {
    bl: ["read_all", "write_programs", "write_events", "write_subscriptions", "write_vens"],
    ven: ["read_all", "write_reports", "write_subscriptions", "write_vens"],
  },
  "3.1.0": {
    bl: ["read_all", "read_bl", "write_programs", "write_events", "write_subscriptions", "write_vens"],
    ven: ["read_targets", "read_ven_objects", "write_reports", "write_subscriptions", "write_vens"],
  },
};

/** read_all ("BL can read all resources") stands for every read_* scope. */
export function hasScopes(granted: readonly string[], required: readonly string[]): boolean {
  return required.every(
    (r) => granted.includes(r) || (r.startsWith("read_") && granted.includes("read_all")),
  );
}

export class TokenRegistry {
  private readonly tokens = new Map<string, TokenInfo>();

  constructor(
    private readonly version: OadrVersion,
    private readonly clients: readonly VtnClient[],
    private readonly lifetimeS: number,
    private readonly clock: Clock,
  ) {}

  /** The client with this id and secret, or undefined. */
  authenticate(clientId: string, clientSecret: string): VtnClient | undefined {
    return this.clients.find((c) => c.clientId === clientId && c.clientSecret === clientSecret);
  }

  issue(client: VtnClient): { accessToken: string; expiresInS: number; scopes: readonly string[] } {
    const accessToken = randomBytes(24).toString("base64url");
    const scopes = SCOPES[this.version][client.role];
    this.tokens.set(accessToken, {
      clientId: client.clientId,
      role: client.role,
      scopes,
      expiresAtMs: this.clock.nowMs() + this.lifetimeS * 1000,
    });
    return { accessToken, expiresInS: this.lifetimeS, scopes };
  }

  /** The token's grant while it has not expired. */
  verify(accessToken: string): TokenInfo | undefined {
    const info = this.tokens.get(accessToken);
    if (!info) return undefined;
    if (this.clock.nowMs() >= info.expiresAtMs) {
      this.tokens.delete(accessToken);
      return undefined;
    }
    return info;
  }

  /** Forgets every token, as a VTN restart would: clients must fetch new ones (they see 401 first). */
  revokeAll(): void {
    this.tokens.clear();
  }

  issuedCount(): number {
    return this.tokens.size;
  }
}
