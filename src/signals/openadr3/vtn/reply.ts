// What a VTN handler returns, and the problem objects (Definition §Problem) every 40x/500 answer carries.
import type { Operation } from "../contract.js";
import type { OadrVersion } from "../version.js";
import type { TokenInfo } from "./tokens.js";

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RequestContext {
  readonly version: OadrVersion;
  readonly operation: Operation;
  /** Absent on unauthenticated operations (/auth/*). */
  readonly auth?: TokenInfo;
  readonly pathParams: Readonly<Record<string, string>>;
  /** Query parameters coerced to their declared types. */
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  readonly nowMs: number;
  /** The VTN's own base URL as the client reached it, e.g. for /auth/server. */
  readonly baseUrl: string;
}

const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  500: "Internal Server Error",
  501: "Not Implemented",
};

export function problem(status: number, detail: string, headers?: Record<string, string>): Reply {
  return {
    status,
    body: { title: TITLES[status] ?? "Error", status, detail },
    ...(headers ? { headers } : {}),
  };
}
