// The utility side of a VTN (business logic, "BL"): creates programs and events and reads reports, through the same
// validated API client the VEN uses. For scripting a local VTN and for tests.
import type { Clock } from "../../domain/clock.js";
import { OadrApiClient, type QueryValue } from "./api-client.js";
import { type ClientCredentials, TokenSource } from "./auth.js";
import { DEFAULT_RETRY, realSleep } from "./backoff.js";
import { OpenApiContract } from "./contract.js";
import type { ContractViolation, OadrResult } from "./errors.js";
import { ok } from "./errors.js";
import { type OadrVersion, VERSION_TRAITS } from "./version.js";
import type { WireEvent, WireEventPayloadDescriptor, WireProgram, WireReport } from "./wire.js";

export interface BlClientOptions {
  readonly version: OadrVersion;
  readonly vtnUrl: string;
  readonly credentials: ClientCredentials;
  readonly clock?: Clock;
  readonly fetch?: typeof fetch;
  readonly onViolation?: (v: ContractViolation) => void;
  readonly specDir?: string;
}

export class OpenAdr3BlClient {
  readonly version: OadrVersion;
  private readonly api: OadrApiClient;

  constructor(options: BlClientOptions) {
    this.version = options.version;
    const contract = OpenApiContract.of(options.version, options.specDir);
    const vtnUrl = options.vtnUrl.replace(/\/+$/, "");
    const deps = {
      fetch: options.fetch ?? fetch,
      sleep: realSleep,
      random: Math.random,
      retry: { ...DEFAULT_RETRY, maxAttempts: 2 },
      timeoutMs: 10_000,
      ...(options.onViolation ? { onViolation: options.onViolation } : {}),
    };
    const tokens = new TokenSource({
      ...deps,
      vtnUrl,
      contract,
      credentials: options.credentials,
      clock: options.clock ?? { nowMs: () => Date.now() },
      refreshBeforeExpiryMs: 30_000,
    });
    this.api = new OadrApiClient({ ...deps, vtnUrl, contract, tokens });
  }

  /** An event payload descriptor as the version spells it (3.1.0 requires objectType). */
  descriptor(payloadType: string, units?: string, currency?: string): WireEventPayloadDescriptor {
    return {
      ...(VERSION_TRAITS[this.version].descriptorObjectTypeRequired
        ? { objectType: "EVENT_PAYLOAD_DESCRIPTOR" as const }
        : {}),
      payloadType,
      ...(units !== undefined ? { units } : {}),
      ...(currency !== undefined ? { currency } : {}),
    };
  }

  createProgram(body: WireProgram): Promise<OadrResult<WireProgram & { id: string }>> {
    return this.body("post", "/programs", body);
  }

  createEvent(body: WireEvent): Promise<OadrResult<WireEvent & { id: string }>> {
    return this.body("post", "/events", body);
  }

  updateEvent(id: string, body: WireEvent): Promise<OadrResult<WireEvent & { id: string }>> {
    return this.body("put", `/events/${encodeURIComponent(id)}`, body);
  }

  deleteEvent(id: string): Promise<OadrResult<WireEvent & { id: string }>> {
    return this.body("delete", `/events/${encodeURIComponent(id)}`);
  }

  listReports(query: Readonly<Record<string, QueryValue>> = {}): Promise<OadrResult<WireReport[]>> {
    return this.body("get", "/reports", undefined, query);
  }

  private async body<T>(
    method: "get" | "post" | "put" | "delete",
    path: string,
    body?: unknown,
    query?: Readonly<Record<string, QueryValue>>,
  ): Promise<OadrResult<T>> {
    const r = await this.api.call(method, path, {
      ...(body !== undefined ? { body } : {}),
      ...(query ? { query } : {}),
    });
    return r.ok ? ok(r.value.body as T) : r;
  }
}
