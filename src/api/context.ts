import type { Clock } from "../domain/clock.js";
import type { DrSettings } from "../runtime/dr-performance.js";
import type { Store } from "../store/store.js";
import type { Auditor } from "./audit.js";
import type { LoginLimiter } from "./auth/login-limiter.js";
import type { SetupGate } from "./auth/setup-gate.js";
import type { OverrideBook } from "./runtime/override-book.js";
import type { SiteRuntime } from "./site-runtime.js";

/** What every route file gets. */
export interface ApiContext {
  runtime: SiteRuntime;
  store: Store;
  clock: Clock;
  auditor: Auditor;
  overrides: OverrideBook;
  setup: SetupGate;
  limiter: LoginLimiter;
  secureCookies: boolean;
  sessionTtlMs: number;
  /** Baseline method, calendar and cap arithmetic for demand-response reports. */
  dr: DrSettings;
}
