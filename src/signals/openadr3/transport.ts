// One HTTP exchange with a deadline, failures as values: the shared bottom of the token source and the API client.
import type { OadrError } from "./errors.js";

export type FetchFn = typeof fetch;

export interface RawResponse {
  readonly status: number;
  /** Parsed JSON, the text when it is not JSON, undefined when empty. */
  readonly body: unknown;
}

export type Exchange =
  | { readonly ok: true; readonly response: RawResponse }
  | { readonly ok: false; readonly error: OadrError };

export async function exchange(
  fetchFn: FetchFn,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Exchange> {
  let res: Response;
  const deadline = AbortSignal.timeout(timeoutMs);
  // init.signal is the owner's stop signal (VEN stopped): it cuts the exchange short as the deadline does.
  const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
  try {
    res = await fetchFn(url, { ...init, signal, redirect: "error" });
  } catch (e) {
    const what = `${init.method ?? "GET"} ${url}`;
    if (init.signal?.aborted) return { ok: false, error: { kind: "network", message: `${what}: stopped` } };
    return {
      ok: false,
      error: deadline.aborted
        ? { kind: "timeout", message: `${what}: no answer within ${timeoutMs} ms` }
        : { kind: "network", message: `${what}: ${describeNetworkError(e)}` },
    };
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    return {
      ok: false,
      error: { kind: "network", message: `${url}: reply cut off: ${describeNetworkError(e)}` },
    };
  }
  return { ok: true, response: { status: res.status, body: parseBody(text) } };
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describeNetworkError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
}

/** 5xx and 429 are worth retrying; other statuses are the VTN's considered answer. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/** The detail of a problem or authError body, for messages. */
export function problemText(body: unknown): string {
  if (typeof body === "string") return body.slice(0, 200);
  if (typeof body !== "object" || body === null) return "";
  const b = body as Record<string, unknown>;
  const parts = [b.title, b.detail, b.error, b.error_description].filter((x) => typeof x === "string");
  return parts.join(": ");
}
