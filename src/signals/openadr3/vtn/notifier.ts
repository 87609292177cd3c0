// Webhook side of subscriptions: the callback check before a subscription is accepted (Definition 3.1.0 §Webhooks,
// GET callbackUrl?echo=<random>, 200 with the value as body) and delivery of notifications to matching subscribers,
// retried with backoff (the Definition's "Error handling and backing off").
import { randomBytes } from "node:crypto";
import { backoffDelayMs, DEFAULT_RETRY, type RetryPolicy, realSleep } from "../backoff.js";
import type { OpenApiContract } from "../contract.js";
import type { ContractViolation } from "../errors.js";
import { describeFailure } from "../schema-check.js";
import { exchange, type FetchFn } from "../transport.js";
import { type SubscriptionOperation, VERSION_TRAITS } from "../version.js";
import type { WireSubscription } from "../wire.js";
import type { StoredObject } from "./store.js";

export interface NotifierDeps {
  readonly contract: OpenApiContract;
  readonly fetch: FetchFn;
  readonly timeoutMs: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly allowHttpLoopback: boolean;
  readonly onViolation?: (v: ContractViolation) => void;
  readonly onLog?: (line: string) => void;
}

export type CallbackCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export class WebhookNotifier {
  private readonly pending = new Set<Promise<void>>();
  private readonly retry: RetryPolicy;
  private closed = false;
  /** Deliveries answered 2xx, by callback URL: lets tests and the CLI see webhooks arrive. */
  readonly delivered = new Map<string, number>();

  constructor(private readonly deps: NotifierDeps) {
    this.retry = { ...DEFAULT_RETRY, maxAttempts: 3, ...deps.retry };
  }

  /** https required; http only on loopback when allowed. */
  checkScheme(callbackUrl: string): CallbackCheck {
    let url: URL;
    try {
      url = new URL(callbackUrl);
    } catch {
      return { ok: false, reason: `callbackUrl "${callbackUrl}" is not a URL` };
    }
    if (url.protocol === "https:") return { ok: true };
    if (url.protocol === "http:" && this.deps.allowHttpLoopback && LOOPBACK_HOSTS.has(url.hostname))
      return { ok: true };
    return { ok: false, reason: `callbackUrl "${callbackUrl}" must use https` };
  }

  /** Sends the echo challenge; the callback must answer 200 with exactly the value as its body. */
  async verifyCallback(callbackUrl: string): Promise<CallbackCheck> {
    const echo = randomBytes(16).toString("hex");
    const url = new URL(callbackUrl);
    url.searchParams.set("echo", echo);
    const r = await exchange(this.deps.fetch, url.toString(), { method: "GET" }, this.deps.timeoutMs);
    if (!r.ok) return { ok: false, reason: `callback check of ${callbackUrl} failed: ${r.error.message}` };
    const { status, body } = r.response;
    // The body may come back as text or, from some frameworks, as a JSON string: both carry the value.
    const text = typeof body === "string" ? body.trim() : typeof body === "number" ? String(body) : "";
    if (status !== 200 || text !== echo) {
      return {
        ok: false,
        reason: `callback check of ${callbackUrl}: answered ${status} without the echo value`,
      };
    }
    return { ok: true };
  }

  /** Sends a notification to every subscription that asked for this object type and operation. */
  notify(
    objectType: string,
    crud: SubscriptionOperation,
    object: StoredObject,
    subscriptions: readonly WireSubscription[],
    matches: (s: WireSubscription) => boolean,
  ): void {
    if (this.closed) return;
    const notification = {
      objectType,
      operation: VERSION_TRAITS[this.deps.contract.version].notificationOperation[crud],
      object,
    };
    const check = this.deps.contract.validateComponent("notification", notification);
    if (!check.ok) {
      const message = describeFailure(`notification of ${objectType} ${object.id}`, check.errors);
      this.deps.onViolation?.({
        side: "vtn",
        direction: "notification",
        operationId: "notifyEvent",
        message,
      });
    }
    for (const s of subscriptions) {
      if (!matches(s)) continue;
      for (const oo of s.objectOperations) {
        if (!oo.objects.includes(objectType) || !oo.operations.includes(crud)) continue;
        this.track(this.deliver(oo.callbackUrl, oo.bearerToken ?? undefined, notification));
      }
    }
  }

  /** Waits for deliveries under way (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private async deliver(
    callbackUrl: string,
    bearerToken: string | undefined,
    notification: object,
  ): Promise<void> {
    const init: RequestInit = {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(bearerToken ? { authorization: `Bearer ${bearerToken}` } : {}),
      },
      body: JSON.stringify(notification),
    };
    for (let attempt = 1; attempt <= this.retry.maxAttempts && !this.closed; attempt++) {
      const r = await exchange(this.deps.fetch, callbackUrl, init, this.deps.timeoutMs);
      if (r.ok && r.response.status >= 200 && r.response.status < 300) {
        this.delivered.set(callbackUrl, (this.delivered.get(callbackUrl) ?? 0) + 1);
        this.deps.onLog?.(`webhook ${callbackUrl}: delivered`);
        return;
      }
      const why = r.ok ? `status ${r.response.status}` : r.error.message;
      this.deps.onLog?.(`webhook ${callbackUrl}: attempt ${attempt} failed (${why})`);
      // A 4xx is the VEN's considered refusal: resending the same notification will not change it.
      if (r.ok && r.response.status < 500) return;
      if (attempt < this.retry.maxAttempts) await realSleep(backoffDelayMs(this.retry, attempt, Math.random));
    }
  }
}
