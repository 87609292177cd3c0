// Calls to the VTN's REST API, each checked against the OpenAPI document of the configured version before it is sent
// and after it is answered. Network failures and 5xx are retried with backoff; a 401 drops the token and the call is
// made once more with a fresh one. Nothing here throws.

import type { TokenSource } from "./auth.js";
import type { RetryPolicy, Sleep } from "./backoff.js";
import { withRetry } from "./backoff.js";
import type { HttpMethod, OpenApiContract, Operation } from "./contract.js";
import { type ContractViolation, fail, type OadrError, type OadrResult, ok } from "./errors.js";
import { describeFailure, type SchemaCheck } from "./schema-check.js";
import { type Exchange, exchange, type FetchFn, isRetryableStatus, problemText } from "./transport.js";

export type QueryValue = string | number | boolean | readonly string[];

export interface ApiClientDeps {
  /** Base URL of the VTN API, without a trailing slash. */
  readonly vtnUrl: string;
  readonly contract: OpenApiContract;
  /** Absent for a VTN that does not authenticate (Definition §Non-Authenticating VTNs). */
  readonly tokens?: TokenSource;
  readonly fetch: FetchFn;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly onViolation?: (v: ContractViolation) => void;
  /** Aborted when the owner stops: no further tries, and the exchange under way is cut short. */
  readonly signal?: AbortSignal;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  /** The body against the document's response schema for this status. List bodies are also checked per item later. */
  readonly check: SchemaCheck;
  readonly operation: Operation;
}

export class OadrApiClient {
  constructor(private readonly deps: ApiClientDeps) {}

  async call(
    method: HttpMethod,
    path: string,
    opts: { readonly query?: Readonly<Record<string, QueryValue>>; readonly body?: unknown } = {},
  ): Promise<OadrResult<ApiResponse>> {
    const { contract } = this.deps;
    const matched = contract.match(method, path);
    if (!matched) {
      return fail({
        kind: "invalid-request",
        message: `${method.toUpperCase()} ${path} is not an operation of OpenADR ${contract.version}`,
      });
    }
    const op = matched.operation;
    const params = contract.validateParameters(op, { ...stringify(opts.query ?? {}), ...matched.pathParams });
    const bodyCheck = opts.body === undefined ? params.check : contract.validateRequestBody(op, opts.body);
    for (const check of [params.check, bodyCheck]) {
      if (check.ok) continue;
      const message = describeFailure(`${op.operationId} request`, check.errors);
      this.deps.onViolation?.({ side: "ven", direction: "request", operationId: op.operationId, message });
      return fail({
        kind: "invalid-request",
        message,
        ...(check.errors[0] ? { field: check.errors[0].field } : {}),
      });
    }
    const url = `${this.deps.vtnUrl}${path}${queryString(opts.query ?? {})}`;
    const init: RequestInit = {
      method: method.toUpperCase(),
      headers: {
        accept: "application/json",
        ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      ...(this.deps.signal ? { signal: this.deps.signal } : {}),
    };
    const final = await withRetry<OadrResult<Exchange>>(
      this.deps.retry,
      async () => {
        const r = await this.sendAuthorized(url, init);
        if (this.deps.signal?.aborted) return { done: r };
        // Token failures come here too: a VTN or token endpoint that is down is retried like any call.
        if (!r.ok) return isPassing(r.error) ? { retry: r } : { done: r };
        const answered = r.value;
        return answered.ok && !isRetryableStatus(answered.response.status) ? { done: r } : { retry: r };
      },
      this.deps,
    );
    if (!final.ok) return final;
    if (!final.value.ok) return fail(final.value.error);
    const { status, body } = final.value.response;
    const check = contract.validateResponse(op, status, body);
    if (!check.ok) {
      const message = describeFailure(`${op.operationId} response ${status}`, check.errors);
      this.deps.onViolation?.({
        side: "ven",
        direction: "response",
        operationId: op.operationId,
        status,
        message,
      });
    }
    if (status < 200 || status >= 300) {
      const kind = status === 401 || status === 403 ? "auth" : "http";
      return fail({ kind, status, message: `${op.operationId}: ${status} ${problemText(body)}`.trim() });
    }
    return ok({ status, body, check, operation: op });
  }

  /** One exchange with the current token; on 401 a second one with a fresh token. */
  private async sendAuthorized(url: string, init: RequestInit): Promise<OadrResult<Exchange>> {
    const { tokens } = this.deps;
    const first = await this.sendWithToken(url, init);
    if (!first.ok || !tokens || !first.value.ok || first.value.response.status !== 401) return first;
    tokens.invalidate();
    return this.sendWithToken(url, init);
  }

  private async sendWithToken(url: string, init: RequestInit): Promise<OadrResult<Exchange>> {
    const headers = { ...(init.headers as Record<string, string>) };
    if (this.deps.tokens) {
      const t = await this.deps.tokens.token();
      if (!t.ok) return fail(t.error);
      headers.authorization = `Bearer ${t.value}`;
    }
    return ok(await exchange(this.deps.fetch, url, { ...init, headers }, this.deps.timeoutMs));
  }
}

/** Failures likely to pass: the network, a deadline, a 5xx from the token endpoint. */
function isPassing(e: OadrError): boolean {
  return e.kind === "network" || e.kind === "timeout" || (e.status !== undefined && e.status >= 500);
}

function stringify(query: Readonly<Record<string, QueryValue>>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(query)) out[k] = Array.isArray(v) ? [...v] : String(v);
  return out;
}

function queryString(query: Readonly<Record<string, QueryValue>>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) for (const item of v) sp.append(k, item);
    else sp.append(k, String(v));
  }
  const s = sp.toString();
  return s === "" ? "" : `?${s}`;
}
