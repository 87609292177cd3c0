// Calls to the gridminer API on this origin. The session is an HttpOnly cookie the browser sends by itself; a 401
// anywhere means the session ended, and the app goes back to the login page.
import type {
  Decision,
  DrReport,
  EnergyReport,
  EventPerformance,
  Fleet,
  GridEvent,
  Me,
  Override,
  PlanSlot,
  Signals,
  SiteConfig,
  SitePoint,
  SiteState,
  UnitDetail,
  UnitPoint,
} from "./types.js";

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

let onUnauthorized: () => void = () => {};

export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? { accept: "application/json" } : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const data: unknown = text === "" ? undefined : JSON.parse(text);
  if (!res.ok) {
    const message =
      typeof data === "object" && data !== null && "message" in data ? String(data.message) : res.statusText;
    if (res.status === 401 && path !== "/api/login") onUnauthorized();
    throw new ApiError(res.status, message);
  }
  return data as T;
}

const q = (params: Record<string, number | string | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, String(v));
  const text = s.toString();
  return text === "" ? "" : `?${text}`;
};

/** How far back raw ticks are fetched to fill in what the roll-ups do not cover yet (compaction runs every 10 min). */
const RECENT_RAW_MS = 20 * 60_000;

const unitPath = (id: string) => `/api/units/${encodeURIComponent(id)}`;

/** One event's demand-response report; also the link the dashboard offers to scripts. */
export const drEventPath = (eventId: string) => `/api/reports/demand-response/${encodeURIComponent(eventId)}`;

export type OverrideRequest =
  | { kind: "shed" | "hold" | "release"; durationS: number; note?: string }
  | { kind: "cap"; maxW: number; durationS: number; note?: string };

export const api = {
  setupRequired: () => call<{ required: boolean }>("GET", "/api/setup"),
  setup: (token: string, username: string, password: string) =>
    call<Me>("POST", "/api/setup", { token, username, password }),
  login: (username: string, password: string) => call<Me>("POST", "/api/login", { username, password }),
  logout: () => call<{ ok: true }>("POST", "/api/logout"),
  me: () => call<Me>("GET", "/api/me"),
  site: () => call<SiteState>("GET", "/api/site"),
  fleet: () => call<Fleet>("GET", "/api/fleet"),
  unit: (id: string) => call<UnitDetail>("GET", unitPath(id)),
  unitHistory: (id: string, sinceMs: number, resolution = "auto") =>
    call<{ points: UnitPoint[] }>("GET", `${unitPath(id)}/history${q({ sinceMs, resolution })}`),
  /** As siteHistoryRecent, for one unit. */
  unitHistoryRecent: async (id: string, sinceMs: number) => {
    const [rolled, raw] = await Promise.all([
      api.unitHistory(id, sinceMs),
      api.unitHistory(id, Math.max(sinceMs, Date.now() - RECENT_RAW_MS), "raw"),
    ]);
    const firstRaw = raw.points[0]?.atMs ?? Number.POSITIVE_INFINITY;
    return [...rolled.points.filter((p) => p.atMs < firstRaw), ...raw.points];
  },
  siteHistory: (sinceMs: number, resolution = "auto") =>
    call<{ resolution: string; points: SitePoint[] }>(
      "GET",
      `/api/history/site${q({ sinceMs, resolution })}`,
    ),
  /** A long span at the store's roll-up resolution, with the raw ticks of the last minutes it has not rolled up. */
  siteHistoryRecent: async (sinceMs: number) => {
    const [rolled, raw] = await Promise.all([
      api.siteHistory(sinceMs),
      api.siteHistory(Math.max(sinceMs, Date.now() - RECENT_RAW_MS), "raw"),
    ]);
    const firstRaw = raw.points[0]?.atMs ?? Number.POSITIVE_INFINITY;
    return [...rolled.points.filter((p) => p.atMs < firstRaw), ...raw.points];
  },
  signals: () => call<Signals>("GET", "/api/signals"),
  plan: (sinceMs: number, untilMs: number) =>
    call<{ current: PlanSlot | null; slots: PlanSlot[]; planner: boolean }>(
      "GET",
      `/api/plan${q({ sinceMs, untilMs })}`,
    ),
  events: (sinceMs: number) =>
    call<{ current: GridEvent[]; history: { event: GridEvent; receivedAtMs: number }[] }>(
      "GET",
      `/api/events${q({ sinceMs })}`,
    ),
  decisions: (sinceMs: number, limit: number) =>
    call<{ decisions: Decision[] }>("GET", `/api/decisions${q({ sinceMs, limit })}`),
  overrides: (sinceMs: number) =>
    call<{ active: Override[]; history: { override: Override; liftedAtMs: number | null }[] }>(
      "GET",
      `/api/overrides${q({ sinceMs })}`,
    ),
  issueOverride: (req: OverrideRequest) => call<Override>("POST", "/api/overrides", req),
  liftOverride: (id: string) => call<Override>("DELETE", `/api/overrides/${encodeURIComponent(id)}`),
  sleepUnit: (id: string, durationS: number) =>
    call<Override>("POST", `${unitPath(id)}/sleep`, { durationS }),
  wakeUnit: (id: string) => call<{ lifted: Override[] }>("POST", `${unitPath(id)}/wake`, {}),
  setMode: (id: string, mode: number) =>
    call<{ acknowledged: boolean; detail: string }>("POST", `${unitPath(id)}/mode`, { mode }),
  config: () => call<{ config: SiteConfig }>("GET", "/api/config"),
  /** Raw ticks count from the first one; the 1- and 15-minute roll-ups only exist once the store has compacted. */
  energyReport: (sinceMs: number, resolution = "auto") =>
    call<EnergyReport>("GET", `/api/reports/energy${q({ sinceMs, resolution })}`),
  /** Events that started in the period; without sinceMs and untilMs, the 30 days up to the server's now. */
  drReport: (range: { sinceMs?: number; untilMs?: number; limit?: number } = {}) =>
    call<DrReport>("GET", `/api/reports/demand-response${q(range)}`),
  drEvent: (eventId: string) => call<EventPerformance>("GET", drEventPath(eventId)),
};
