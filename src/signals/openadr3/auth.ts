// OAuth 2.0 client credentials (Definition 3.1.0 §Security): the token endpoint is configured, or discovered from
// GET /auth/server (3.1.0), or is {base}/auth/token (3.0.1). The token is reused until shortly before it expires and
// dropped when the VTN answers 401.
import type { Clock } from "../../domain/clock.js";
import type { OpenApiContract } from "./contract.js";
import { type ContractViolation, fail, type OadrResult, ok } from "./errors.js";
import { describeFailure } from "./schema-check.js";
import { type Exchange, exchange, type FetchFn, problemText } from "./transport.js";
import { VERSION_TRAITS } from "./version.js";
import type { WireTokenResponse } from "./wire.js";

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope?: string;
  /** Token endpoint; when absent it is discovered (3.1.0) or taken as {vtnUrl}/auth/token (3.0.1). */
  readonly tokenUrl?: string;
}

export interface TokenSourceDeps {
  readonly vtnUrl: string;
  readonly contract: OpenApiContract;
  readonly credentials: ClientCredentials;
  readonly clock: Clock;
  readonly fetch: FetchFn;
  readonly timeoutMs: number;
  /** Aborted when the owner stops. */
  readonly signal?: AbortSignal;
  /** Refresh this long before expiry, capped at a fifth of the token's lifetime. */
  readonly refreshBeforeExpiryMs: number;
  readonly onViolation?: (v: ContractViolation) => void;
}

interface CachedToken {
  readonly accessToken: string;
  readonly refreshAtMs: number;
}

export class TokenSource {
  private cached: CachedToken | undefined;
  private inFlight: Promise<OadrResult<string>> | undefined;
  private tokenUrl: string | undefined;
  /** Tokens obtained so far: lets callers and tests see refreshes happen. */
  issued = 0;

  constructor(private readonly deps: TokenSourceDeps) {
    this.tokenUrl = deps.credentials.tokenUrl;
  }

  /** A valid access token, fetching a new one when none is held or the held one is about to expire. */
  async token(): Promise<OadrResult<string>> {
    const c = this.cached;
    if (c && this.deps.clock.nowMs() < c.refreshAtMs) return ok(c.accessToken);
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Drops the held token: the next call fetches a new one (after a 401). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async fetchToken(): Promise<OadrResult<string>> {
    const url = await this.resolveTokenUrl();
    if (!url.ok) return url;
    const { credentials, contract } = this.deps;
    const form: Record<string, string> = {
      grant_type: "client_credentials",
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      ...(credentials.scope !== undefined ? { scope: credentials.scope } : {}),
    };
    const requestCheck = contract.validateComponent("clientCredentialRequest", form);
    if (!requestCheck.ok) {
      return fail({
        kind: "invalid-request",
        message: describeFailure("token request", requestCheck.errors),
      });
    }
    const got = await this.send(url.value, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(form).toString(),
    });
    if (!got.ok) return fail(got.error);
    const { status, body } = got.response;
    if (status !== 200) {
      return fail({
        kind: "auth",
        status,
        message: `token endpoint ${url.value} answered ${status} ${problemText(body)}`,
      });
    }
    const check = contract.validateComponent("clientCredentialResponse", body);
    if (!check.ok) {
      const message = describeFailure("token response", check.errors);
      this.deps.onViolation?.({
        side: "ven",
        direction: "response",
        operationId: "fetchToken",
        status,
        message,
      });
      return fail({ kind: "invalid-response", message });
    }
    const t = body as WireTokenResponse;
    const nowMs = this.deps.clock.nowMs();
    const lifetimeMs = t.expires_in === undefined ? Number.POSITIVE_INFINITY : t.expires_in * 1000;
    const earlyMs = Math.min(this.deps.refreshBeforeExpiryMs, lifetimeMs / 5);
    this.cached = { accessToken: t.access_token, refreshAtMs: nowMs + lifetimeMs - earlyMs };
    this.issued++;
    return ok(t.access_token);
  }

  private async resolveTokenUrl(): Promise<OadrResult<string>> {
    if (this.tokenUrl !== undefined) return ok(this.tokenUrl);
    const { vtnUrl, contract } = this.deps;
    if (!VERSION_TRAITS[contract.version].authServerDiscovery) {
      this.tokenUrl = `${vtnUrl}/auth/token`;
      return ok(this.tokenUrl);
    }
    const got = await this.send(`${vtnUrl}/auth/server`, {
      method: "GET",
      headers: { accept: "application/json" },
    });
    if (!got.ok) return fail(got.error);
    const { status, body } = got.response;
    const op = contract.match("get", "/auth/server")?.operation;
    const check = op
      ? contract.validateResponse(op, status, body)
      : contract.validateComponent("authServerInfo", body);
    if (!check.ok) {
      const message = describeFailure(`GET /auth/server (${status})`, check.errors);
      this.deps.onViolation?.({
        side: "ven",
        direction: "response",
        operationId: "getAuthServerInfo",
        status,
        message,
      });
    }
    if (status !== 200 || !check.ok) {
      return fail({
        kind: "auth",
        status,
        message: `token endpoint discovery failed: ${status} ${problemText(body)}`,
      });
    }
    this.tokenUrl = (body as { tokenURL: string }).tokenURL;
    return ok(this.tokenUrl);
  }

  /** One exchange: the API client's retry loop covers token failures along with the call that needed the token. */
  private send(url: string, init: RequestInit): Promise<Exchange> {
    const { signal } = this.deps;
    return exchange(this.deps.fetch, url, { ...init, ...(signal ? { signal } : {}) }, this.deps.timeoutMs);
  }
}
