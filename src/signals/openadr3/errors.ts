// Failures of the VEN are values, never exceptions: the control loop keeps running on the events it already holds.

export type OadrErrorKind =
  /** Connection refused, reset, DNS: retried with backoff. */
  | "network"
  /** No complete answer within the request deadline: retried with backoff. */
  | "timeout"
  /** The VTN answered with an error status. */
  | "http"
  /** No token could be obtained, or the VTN refused the token twice. */
  | "auth"
  /** The VTN's answer does not follow the OpenAPI document of the configured version. */
  | "invalid-response"
  /** A request body this VEN built does not follow the document: not sent. */
  | "invalid-request";

export interface OadrError {
  readonly kind: OadrErrorKind;
  readonly message: string;
  readonly status?: number;
  /** The object the error is about, when there is one (an event id, a report id). */
  readonly objectId?: string;
  /** JSON pointer of the offending field, when known. */
  readonly field?: string;
}

export type OadrResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: OadrError };

export function ok<T>(value: T): OadrResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: OadrError): OadrResult<T> {
  return { ok: false, error };
}

/** A message that failed the OpenAPI document, reported by the side that saw it (for tests and logs). */
export interface ContractViolation {
  readonly side: "ven" | "vtn";
  readonly direction: "request" | "response" | "notification" | "callback";
  readonly operationId: string;
  readonly status?: number;
  readonly message: string;
}

/** Something the VEN met and skipped: invalid VTN data, a failed request, a notification it could not use. */
export interface VenProblem {
  readonly kind: "invalid-object" | "request-failed" | "notification" | "payload";
  readonly message: string;
  readonly objectId?: string;
  readonly field?: string;
}
