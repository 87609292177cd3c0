// Errors carry a kind that decides retry: transient kinds may be retried by the runtime, permanent ones never.
export type DriverErrorKind =
  | "unreachable" // connection refused, no route, host down
  | "timeout" // no complete reply within the deadline
  | "reset" // connection dropped mid-reply
  | "malformed" // bytes arrived but are not a reply we can read (truncated, garbage)
  | "unsupported" // a well-formed reply in a shape this driver does not know
  | "rejected" // the device answered with an error status
  | "invalid-argument" // the caller asked for something that cannot be sent
  | "unconfirmed"; // a write whose effect could not be read back

const TRANSIENT: ReadonlySet<DriverErrorKind> = new Set(["unreachable", "timeout", "reset", "malformed"]);

export class DriverError extends Error {
  readonly kind: DriverErrorKind;
  readonly host: string | undefined;
  /** The reply field or request part the error is about, when there is one. */
  readonly field: string | undefined;

  constructor(
    kind: DriverErrorKind,
    message: string,
    opts: { host?: string; field?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "DriverError";
    this.kind = kind;
    this.host = opts.host;
    this.field = opts.field;
  }

  get transient(): boolean {
    return TRANSIENT.has(this.kind);
  }
}

export function isDriverError(e: unknown): e is DriverError {
  return e instanceof DriverError;
}
