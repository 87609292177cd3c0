// A recorded week around one demand-response event, written through the Store port: 1-minute history on the like
// days, 30-second raw rows (5 s around the response) on the event day, one logged decision and the events.
// Wednesday 2023-04-12, 13:00-15:00 JST, import limit 1,200 kW, received at 12:59. Thursday 04-06 had an event too.
import { DEFAULT_RETENTION } from "../../src/store/retention.js";
import type { SiteSample, Store } from "../../src/store/store.js";

export const at = (local: string) => Date.parse(`${local}+09:00`);
const kw = (v: number) => v * 1000;
const MIN_MS = 60_000;

export const DR_EVENT = {
  id: "vtn:cap-1200:0:import-limit",
  kind: "import-limit" as const,
  limitW: kw(1200),
  startMs: at("2023-04-12T13:00:00"),
  endMs: at("2023-04-12T15:00:00"),
  source: "vtn program dr event cap-1200",
};
export const DR_RECEIVED_MS = at("2023-04-12T12:59:00");
export const DR_NOW_MS = at("2023-04-12T16:00:00");

const LIKE_DAYS: [string, number][] = [
  ["2023-04-04", 3500],
  ["2023-04-05", 1000],
  ["2023-04-06", 5000],
  ["2023-04-07", 4000],
  ["2023-04-08", 100],
  ["2023-04-09", 100],
  ["2023-04-10", 2000],
  ["2023-04-11", 3000],
];

function sample(atMs: number, powerW: number): SiteSample {
  return {
    atMs,
    targetPowerW: powerW,
    plannedPowerW: powerW,
    reportedPowerW: powerW - 50_000,
    measuredPowerW: powerW,
    surplusW: null,
    priceJpyPerKwh: null,
    hashrateThs: 0,
    unitsHashing: 0,
  };
}

/** Event-day power: 3,625 kW before the event, a 10 s response, 1,150 kW, 1,000 kW, then a drift to 1,500 kW. */
function eventDayKw(t: number): number {
  if (t < at("2023-04-12T13:00:05")) return 3625;
  if (t < at("2023-04-12T13:00:10")) return 3000;
  if (t < at("2023-04-12T13:30:00")) return 1150;
  if (t < at("2023-04-12T14:30:00")) return 1000;
  return 1500;
}

export async function seedDrScenario(store: Store): Promise<void> {
  for (const [date, powerKw] of LIKE_DAYS)
    for (let t = at(`${date}T08:30:00`); t < at(`${date}T15:30:00`); t += MIN_MS)
      await store.telemetry.appendSite(sample(t, kw(powerKw)));
  const times: number[] = [];
  for (let t = at("2023-04-12T08:00:00"); t < DR_EVENT.startMs; t += 30_000) times.push(t);
  times.push(DR_EVENT.startMs, DR_EVENT.startMs + 5_000, DR_EVENT.startMs + 10_000);
  for (let t = DR_EVENT.startMs + 30_000; t <= DR_EVENT.endMs; t += 30_000) times.push(t);
  for (const t of times) await store.telemetry.appendSite(sample(t, kw(eventDayKw(t))));
  await store.telemetry.compact(DR_NOW_MS, DEFAULT_RETENTION);
  await store.events.upsert(
    {
      id: "tso:04-06",
      kind: "shed-level",
      level: 1,
      startMs: at("2023-04-06T17:00:00"),
      endMs: at("2023-04-06T18:00:00"),
    },
    at("2023-04-06T09:00:00"),
  );
  await store.events.upsert(DR_EVENT, DR_RECEIVED_MS);
  await store.appendDecision({
    atMs: DR_EVENT.startMs,
    targetPowerW: kw(1200),
    previousTargetPowerW: kw(3625),
    windowMinW: 0,
    windowMaxW: kw(1200),
    measuredPowerW: kw(3625),
    reasons: [{ rule: "import-limit", effect: "max 1,200,000 W", detail: "event" }],
    commands: [],
  });
}

/** What the scenario must give, worked out by hand (see the unit tests of the baseline for the arithmetic). */
export const DR_EXPECTED = {
  usedDates: ["2023-04-11", "2023-04-10", "2023-04-07", "2023-04-04"],
  adjustmentW: kw(500),
  baselineW: kw(3625),
  // 5 s at 3,625, 5 s at 3,000 and 1,790 s at 1,150 kW.
  firstSlotActualW: ((3625 * 5 + 3000 * 5 + 1150 * 1790) / 1800) * 1000,
  requestedReductionKwh: 4850,
  compliancePct: (100 * 9400) / 9700,
  capHeldPct: (100 * 5390) / 7200,
  responseLatencyMs: 10_000,
  decisionLatencyMs: 0,
};
