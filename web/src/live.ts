// The live side of the app: one EventSource on /api/stream for the site state of every tick, and feeds that fetch
// the fleet and the signals after a tick, only while a visible view needs them and never more often than a floor.
import { api } from "./api.js";
import type { Fleet, Signals, SiteState } from "./types.js";

export type LinkStatus = "connecting" | "live" | "lost";

type Listener<T> = (value: T) => void;

class Topic<T> {
  private readonly listeners = new Set<Listener<T>>();
  last: T | undefined;
  emit(value: T): void {
    this.last = value;
    for (const l of this.listeners) l(value);
  }
  /** Calls at once with the last value, if any. */
  on(l: Listener<T>): () => void {
    this.listeners.add(l);
    if (this.last !== undefined) l(this.last);
    return () => this.listeners.delete(l);
  }
  get size(): number {
    return this.listeners.size;
  }
}

const RETRY_MS = 5_000;

export class LiveSite {
  readonly site = new Topic<SiteState>();
  readonly status = new Topic<LinkStatus>();
  private source: EventSource | undefined;
  private retry: number | undefined;

  start(): void {
    this.stop();
    this.status.emit("connecting");
    const es = new EventSource("/api/stream");
    this.source = es;
    es.addEventListener("tick", (e) => {
      this.status.emit("live");
      this.site.emit(JSON.parse((e as MessageEvent<string>).data) as SiteState);
    });
    es.addEventListener("open", () => this.status.emit("live"));
    es.addEventListener("error", () => {
      if (this.source !== es) return;
      this.status.emit("lost");
      // A refused stream (401, 503) is closed for good; an ended one the browser reopens by itself.
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        this.retry = window.setTimeout(() => {
          // A 401 here sends the app to the login page (api.ts); otherwise connect again.
          api.me().then(
            () => this.start(),
            () => {},
          );
        }, RETRY_MS);
      }
    });
    // An initial figure before the first event, so a slow tick does not leave the page blank.
    api.site().then(
      (s) => {
        if (this.site.last === undefined) this.site.emit(s);
      },
      () => {},
    );
  }

  stop(): void {
    window.clearTimeout(this.retry);
    this.source?.close();
    this.source = undefined;
  }
}

/**
 * Data fetched after ticks: at most once per `minIntervalMs`, never two requests at once, nothing while no one
 * listens or the tab is hidden.
 */
export class TickFeed<T> {
  readonly topic = new Topic<T>();
  private inFlight = false;
  private lastAtMs = 0;
  private queued: number | undefined;
  private readonly load: () => Promise<T>;
  private readonly minIntervalMs: number;

  constructor(live: LiveSite, load: () => Promise<T>, minIntervalMs: number) {
    this.load = load;
    this.minIntervalMs = minIntervalMs;
    live.site.on(() => this.poke());
  }

  on(l: Listener<T>): () => void {
    const off = this.topic.on(l);
    if (this.topic.last === undefined) this.refresh();
    return off;
  }

  /** After a tick: fetch when due, else once the floor has passed. */
  poke(): void {
    if (this.topic.size === 0 || document.hidden || this.queued !== undefined) return;
    const wait = this.lastAtMs + this.minIntervalMs - Date.now();
    if (wait <= 0) this.refresh();
    else
      this.queued = window.setTimeout(() => {
        this.queued = undefined;
        this.refresh();
      }, wait);
  }

  /** Now, e.g. after an operator action whose effect should show at once. */
  refresh(): void {
    if (this.inFlight) return;
    this.inFlight = true;
    this.lastAtMs = Date.now();
    this.load()
      .then((v) => this.topic.emit(v))
      .catch(() => {})
      .finally(() => {
        this.inFlight = false;
      });
  }
}

export interface Live {
  site: LiveSite;
  fleet: TickFeed<Fleet>;
  signals: TickFeed<Signals>;
}

export function createLive(): Live {
  const site = new LiveSite();
  return {
    site,
    // 558 units are ~150 kB of JSON: every 2 s at most keeps the map current without loading the server.
    fleet: new TickFeed(site, () => api.fleet(), 2_000),
    signals: new TickFeed(site, () => api.signals(), 5_000),
  };
}
