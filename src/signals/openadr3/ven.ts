// The VEN: reads programs and events from a VTN by polling (and, when subscribed, from webhook notifications), keeps
// the valid ones, answers with reports, and tells the control loop what is asked of the site right now. Failures are
// reported through onProblem and never thrown: the site keeps acting on what it last knew.
import type { Clock } from "../../domain/clock.js";
import { type ActiveSignals, activeSignalsAt } from "./active-signals.js";
import { OadrApiClient, type QueryValue } from "./api-client.js";
import { type ClientCredentials, TokenSource } from "./auth.js";
import { abortableSleep, DEFAULT_RETRY, type RetryPolicy, type Sleep } from "./backoff.js";
import { OpenApiContract } from "./contract.js";
import type { ContractViolation, OadrResult, VenProblem } from "./errors.js";
import { fail, ok } from "./errors.js";
import { type IngestOutcome, VenEventStore } from "./event-store.js";
import { type ResolvedEvent, resolveEvent } from "./intervals.js";
import type { ReceivedEvent } from "./model.js";
import type { SignalSite } from "./payload-mapping.js";
import { describeFailure } from "./schema-check.js";
import {
  crudOfNotificationOperation,
  type OadrVersion,
  type SubscriptionOperation,
  VERSION_TRAITS,
} from "./version.js";
import type {
  WireNotification,
  WireReport,
  WireSubscription,
  WireTarget,
  WireValuesMap,
  WireVen,
} from "./wire.js";

export interface VenOptions {
  readonly version: OadrVersion;
  /** Base URL of the VTN API, e.g. https://vtn.example/openadr3/3.1.0 */
  readonly vtnUrl: string;
  /** venName, and clientName in reports and subscriptions. */
  readonly venName: string;
  /** Absent for a VTN that does not authenticate. */
  readonly credentials?: ClientCredentials;
  readonly pollIntervalMs?: number;
  /** Follow only these programs; all visible programs when absent. */
  readonly programNames?: readonly string[];
  /** Targets sent with reads: strings in 3.1.0, valuesMaps ({type, values}) in 3.0.1. */
  readonly targets?: readonly WireTarget[];
  readonly requestTimeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly refreshTokenBeforeExpiryMs?: number;
  readonly clock?: Clock;
  /** Uniform [0, 1): randomizeStart draws and backoff jitter. Inject a seeded source for reproducible runs. */
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  readonly sleep?: Sleep;
  readonly onProblem?: (p: VenProblem) => void;
  readonly onViolation?: (v: ContractViolation) => void;
  /** Called after programs or events changed (poll or notification). */
  readonly onChange?: () => void;
  /** Where specs/openadr3 lives, when not found above this module. */
  readonly specDir?: string;
}

export interface PollOutcome {
  readonly ok: boolean;
  readonly programs?: IngestOutcome;
  readonly events?: IngestOutcome;
}

export interface NotificationOutcome {
  readonly accepted: boolean;
  readonly message?: string;
}

export interface SubscribeOptions {
  readonly callbackUrl: string;
  readonly bearerToken: string;
  readonly objects?: readonly string[];
  readonly operations?: readonly SubscriptionOperation[];
  /** Subscribe to one program only. In 3.0.1, where programID is required, one subscription per tracked program. */
  readonly programId?: string;
}

const PAGE_LIMIT = 50;
const systemClock: Clock = { nowMs: () => Date.now() };

export class OpenAdr3Ven {
  readonly version: OadrVersion;
  readonly contract: OpenApiContract;
  /** Present when credentials were given. */
  readonly tokens: TokenSource | undefined;
  private readonly api: OadrApiClient;
  private readonly store: VenEventStore;
  private readonly clock: Clock;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Aborted by stop(): requests under way end at once and are not retried. */
  private readonly stopSignal = new AbortController();
  private readonly reportedWarnings = new Set<string>();
  private polling: Promise<PollOutcome> | undefined;
  private running = false;

  constructor(private readonly options: VenOptions) {
    this.version = options.version;
    this.contract = OpenApiContract.of(options.version, options.specDir);
    this.clock = options.clock ?? systemClock;
    const random = options.random ?? Math.random;
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    const timeoutMs = options.requestTimeoutMs ?? 10_000;
    const fetchFn = options.fetch ?? fetch;
    const vtnUrl = options.vtnUrl.replace(/\/+$/, "");
    const violation = options.onViolation ? { onViolation: options.onViolation } : {};
    const signal = this.stopSignal.signal;
    const sleep: Sleep = options.sleep ?? ((ms) => abortableSleep(ms, signal));
    this.tokens = options.credentials
      ? new TokenSource({
          vtnUrl,
          contract: this.contract,
          credentials: options.credentials,
          clock: this.clock,
          fetch: fetchFn,
          timeoutMs,
          signal,
          refreshBeforeExpiryMs: options.refreshTokenBeforeExpiryMs ?? 30_000,
          ...violation,
        })
      : undefined;
    this.api = new OadrApiClient({
      vtnUrl,
      contract: this.contract,
      ...(this.tokens ? { tokens: this.tokens } : {}),
      fetch: fetchFn,
      sleep,
      random,
      retry,
      timeoutMs,
      signal,
      ...violation,
    });
    this.store = new VenEventStore({
      contract: this.contract,
      clock: this.clock,
      random,
      onProblem: (p) => this.problem(p),
      ...(options.programNames ? { programNames: options.programNames } : {}),
    });
  }

  /** Polls now, then every pollIntervalMs until stop(). Resolves after the first poll. */
  async start(): Promise<PollOutcome> {
    this.running = true;
    const first = await this.pollOnce();
    this.schedule();
    return first;
  }

  /** Stops polling and cuts short any request under way; the VEN cannot be started again. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopSignal.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling;
  }

  /** Reads programs and events once. Concurrent calls share one poll. */
  pollOnce(): Promise<PollOutcome> {
    this.polling ??= this.poll()
      .catch((e: unknown): PollOutcome => {
        // Nothing below is meant to throw; if something does, the control loop must still not see it.
        this.problem({
          kind: "request-failed",
          message: `poll failed: ${e instanceof Error ? e.message : String(e)}`,
        });
        return { ok: false };
      })
      .finally(() => {
        this.polling = undefined;
      });
    return this.polling;
  }

  receivedEvents(): readonly ReceivedEvent[] {
    return this.store.receivedEvents();
  }

  /**
   * What the held events ask of the site at nowMs (default: the clock's now). Payloads that cannot be used are in
   * `warnings`, and each is also reported once through onProblem.
   */
  activeSignals(site: SignalSite, nowMs: number = this.clock.nowMs()): ActiveSignals {
    const signals = activeSignalsAt(this.store.receivedEvents(), nowMs, site);
    for (const message of signals.warnings) {
      if (this.reportedWarnings.has(message)) continue;
      this.reportedWarnings.add(message);
      this.problem({ kind: "payload", message });
    }
    return signals;
  }

  /** The absolute interval times of a held event, e.g. to build a report on it. */
  resolvedEvent(eventId: string): ResolvedEvent | undefined {
    const received = this.store.receivedEvents().find((r) => r.event.id === eventId);
    return received ? resolveEvent(received) : undefined;
  }

  /** Finds this VEN's ven object by venName, or creates it; returns its id. */
  async registerVen(): Promise<OadrResult<string>> {
    const { venName } = this.options;
    const found = await this.api.call("get", "/vens", { query: { venName } });
    if (!found.ok) return found;
    const existing = asArray(found.value.body).find((v) => (v as WireVen).venName === venName) as
      | WireVen
      | undefined;
    if (existing?.id) return ok(existing.id);
    const objectType = VERSION_TRAITS[this.version].venRequestObjectType;
    const created = await this.api.call("post", "/vens", {
      body: { ...(objectType ? { objectType } : {}), venName },
    });
    if (!created.ok) return created;
    const id = (created.value.body as WireVen).id;
    return id ? ok(id) : fail({ kind: "invalid-response", message: "createVen: no id in the created ven" });
  }

  /** Creates webhook subscription(s) for this VEN; the VTN checks the callback URL before accepting. */
  async subscribe(s: SubscribeOptions): Promise<OadrResult<WireSubscription[]>> {
    const traits = VERSION_TRAITS[this.version];
    let programIds: (string | undefined)[] = [s.programId];
    if (s.programId === undefined && traits.subscriptionRequiresProgramId) {
      programIds = this.store.trackedProgramIds();
      if (programIds.length === 0) {
        return fail({
          kind: "invalid-request",
          message: "OpenADR 3.0.1 subscriptions need a programID: poll first",
        });
      }
    }
    const created: WireSubscription[] = [];
    for (const programId of programIds) {
      const body = {
        clientName: this.options.venName,
        ...(programId !== undefined ? { programID: programId } : {}),
        objectOperations: [
          {
            objects: s.objects ?? ["PROGRAM", "EVENT"],
            operations: s.operations ?? ["CREATE", "UPDATE", "DELETE"],
            callbackUrl: s.callbackUrl,
            bearerToken: s.bearerToken,
          },
        ],
      };
      const r = await this.api.call("post", "/subscriptions", { body });
      if (!r.ok) return r;
      created.push(r.value.body as WireSubscription);
    }
    return ok(created);
  }

  async deleteSubscription(id: string): Promise<OadrResult<void>> {
    const r = await this.api.call("delete", `/subscriptions/${encodeURIComponent(id)}`);
    return r.ok ? ok(undefined) : r;
  }

  /** Posts a report (see reports.ts for building one); returns the report as the VTN stored it. */
  async postReport(report: WireReport): Promise<OadrResult<WireReport>> {
    const r = await this.api.call("post", "/reports", { body: report });
    return r.ok ? ok(r.value.body as WireReport) : r;
  }

  /** Applies a webhook notification: validated, then the program or event it carries is stored or dropped. */
  handleNotification(body: unknown): NotificationOutcome {
    const check = this.contract.validateComponent("notification", body);
    if (!check.ok) {
      const message = describeFailure("notification ignored", check.errors);
      this.options.onViolation?.({
        side: "ven",
        direction: "notification",
        operationId: "notifyEvent",
        message,
      });
      this.problem({
        kind: "notification",
        message,
        ...(check.errors[0] ? { field: check.errors[0].field } : {}),
      });
      return { accepted: false, message };
    }
    const n = body as WireNotification;
    const crud = crudOfNotificationOperation(this.version, n.operation);
    const kind = n.objectType === "EVENT" ? "event" : n.objectType === "PROGRAM" ? "program" : undefined;
    if (kind === undefined || crud === undefined || crud === "READ") return { accepted: true };
    if (crud === "DELETE") {
      if (typeof n.object.id === "string") this.store.remove(kind, n.object.id);
    } else {
      const outcome = this.store.upsert(kind, n.object);
      if (outcome.rejected > 0) return { accepted: false, message: `${kind} in notification is invalid` };
    }
    this.options.onChange?.();
    return { accepted: true };
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      void this.pollOnce().finally(() => this.schedule());
    }, this.options.pollIntervalMs ?? 30_000);
    this.timer.unref?.();
  }

  private async poll(): Promise<PollOutcome> {
    const programs = await this.readAll("/programs", this.targetQuery());
    if (!programs.ok) return { ok: false };
    const programOutcome = this.store.replacePrograms(programs.value);
    const eventQueries: Record<string, QueryValue>[] = this.options.programNames
      ? this.store.trackedProgramIds().map((programID) => ({ programID, ...this.targetQuery() }))
      : [this.targetQuery()];
    const events: unknown[] = [];
    for (const q of eventQueries) {
      const page = await this.readAll("/events", q);
      if (!page.ok) return { ok: false, programs: programOutcome };
      events.push(...page.value);
    }
    const eventOutcome = this.store.replaceEvents(events);
    if (changed(programOutcome) || changed(eventOutcome)) this.options.onChange?.();
    return { ok: true, programs: programOutcome, events: eventOutcome };
  }

  /** All pages of a list (limit ≤ 50 per the documents). */
  private async readAll(path: string, query: Record<string, QueryValue>): Promise<OadrResult<unknown[]>> {
    const items: unknown[] = [];
    for (let skip = 0; ; skip += PAGE_LIMIT) {
      const r = await this.api.call("get", path, { query: { ...query, skip, limit: PAGE_LIMIT } });
      if (!r.ok) {
        this.problem({ kind: "request-failed", message: `GET ${path}: ${r.error.message}` });
        return r;
      }
      if (!Array.isArray(r.value.body)) {
        const message = `GET ${path}: the VTN answered ${typeof r.value.body}, not a list; poll skipped`;
        this.problem({ kind: "invalid-object", message });
        return fail({ kind: "invalid-response", message });
      }
      items.push(...r.value.body);
      if (r.value.body.length < PAGE_LIMIT) return ok(items);
    }
  }

  private targetQuery(): Record<string, QueryValue> {
    const targets = this.options.targets;
    if (!targets || targets.length === 0) return {};
    if (VERSION_TRAITS[this.version].targets === "strings") {
      return { targets: targets.filter((t): t is string => typeof t === "string") };
    }
    // 3.0.1 filters by one targetType and its values.
    const maps = targets.filter((t): t is WireValuesMap => typeof t !== "string");
    const first = maps[0];
    if (!first) return {};
    return { targetType: first.type, targetValues: first.values.map(String) };
  }

  private problem(p: VenProblem): void {
    this.options.onProblem?.(p);
  }
}

function changed(o: IngestOutcome): boolean {
  return o.added + o.updated + o.removed > 0;
}

function asArray(body: unknown): unknown[] {
  return Array.isArray(body) ? body : [];
}
