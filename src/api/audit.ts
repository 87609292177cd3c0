// Every operator and admin action is recorded with who, when, what, from where and how it ended.
import type { FastifyRequest } from "fastify";
import type { Clock } from "../domain/clock.js";
import type { AuditResult, Store } from "../store/store.js";
import type { Principal } from "./auth/principal.js";
import { HttpError } from "./http/errors.js";

export class Auditor {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly onError: (e: unknown) => void;

  constructor(store: Store, clock: Clock, onError: (e: unknown) => void) {
    this.store = store;
    this.clock = clock;
    this.onError = onError;
  }

  async record(
    req: FastifyRequest | undefined,
    actor: string,
    action: string,
    target: string | null,
    result: AuditResult,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    try {
      await this.store.audit.append({
        atMs: this.clock.nowMs(),
        actor,
        action,
        target,
        result,
        detail,
        remoteAddress: req?.ip ?? null,
      });
    } catch (e) {
      // The action itself has happened; losing its audit line must be loud but must not turn it into an error.
      this.onError(e);
    }
  }

  /** Runs an action and records it as "ok", or as "failed" with the reason before rethrowing. */
  async run<T>(
    req: FastifyRequest,
    who: Principal,
    action: string,
    target: string | null,
    detail: Record<string, unknown>,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      const out = await fn();
      await this.record(req, who.name, action, target, "ok", detail);
      return out;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const status = e instanceof HttpError ? e.status : 500;
      await this.record(req, who.name, action, target, "failed", { ...detail, error: reason, status });
      throw e;
    }
  }
}
