import { describe, expect, it } from "vitest";
import { activeSignalsAt, toCoreSignals } from "./active-signals.js";
import type { ReceivedEvent } from "./model.js";
import type { SignalSite } from "./payload-mapping.js";
import type { OadrVersion } from "./version.js";
import type { WireEvent, WireEventPayloadDescriptor, WireValue } from "./wire.js";

const H = 3_600_000;
const T0 = Date.parse("2025-06-25T00:00:00Z");
const SITE: SignalSite = { maxImportW: 4_500_000 };

interface Spec {
  id?: string;
  type: string;
  values: WireValue[];
  descriptor?: Omit<WireEventPayloadDescriptor, "payloadType">;
  priority?: number;
  duration?: string;
  version?: OadrVersion;
  programDescriptors?: WireEventPayloadDescriptor[];
}

function ev(s: Spec): ReceivedEvent {
  const event: WireEvent & { id: string } = {
    id: s.id ?? `e-${s.type}`,
    programID: "p-1",
    ...(s.priority !== undefined ? { priority: s.priority } : {}),
    ...(s.descriptor ? { payloadDescriptors: [{ payloadType: s.type, ...s.descriptor }] } : {}),
    intervalPeriod: { start: "2025-06-25T00:00:00Z", duration: s.duration ?? "PT2H" },
    intervals: [{ id: 0, payloads: [{ type: s.type, values: s.values }] }],
  };
  return {
    version: s.version ?? "3.1.0",
    event,
    obtainedAtMs: T0,
    randomDraws: [],
    ...(s.programDescriptors ? { programDescriptors: s.programDescriptors } : {}),
  };
}

const at = (events: ReceivedEvent[], site: SignalSite = SITE, tMs = T0 + H / 2) =>
  activeSignalsAt(events, tMs, site);

describe("payload mapping", () => {
  it("maps IMPORT_CAPACITY_LIMIT 1000 KW to a 1,000,000 W import limit and a core import-limit event", () => {
    const s = at([ev({ type: "IMPORT_CAPACITY_LIMIT", values: [1000], descriptor: { units: "KW" } })]);
    expect(s.importLimitW?.value).toBe(1_000_000);
    expect(s.gridEvents).toEqual([
      {
        id: "openadr3:e-IMPORT_CAPACITY_LIMIT:0:import-limit",
        kind: "import-limit",
        limitW: 1_000_000,
        startMs: T0,
        endMs: T0 + 2 * H,
        source: "openadr3 program p-1 event e-IMPORT_CAPACITY_LIMIT",
      },
    ]);
  });

  it("converts W, KW and MW", () => {
    expect(
      at([ev({ type: "DISPATCH_SETPOINT", values: [2.5], descriptor: { units: "MW" } })]).setpointW?.value,
    ).toBe(2_500_000);
    expect(
      at([ev({ type: "DISPATCH_SETPOINT", values: [750], descriptor: { units: "W" } })]).setpointW?.value,
    ).toBe(750);
    const s = at([ev({ type: "EXPORT_CAPACITY_LIMIT", values: [12], descriptor: { units: "kw" } })]);
    expect(s.exportLimitW?.value).toBe(12_000);
  });

  it("ignores a power payload without units unless a default unit is configured", () => {
    const e = ev({ type: "IMPORT_CAPACITY_LIMIT", values: [1000] });
    const without = at([e]);
    expect(without.importLimitW).toBeUndefined();
    expect(without.warnings).toEqual([
      'event "e-IMPORT_CAPACITY_LIMIT" interval 0: IMPORT_CAPACITY_LIMIT has no units in its payload descriptor and no default power unit is configured; ignored',
    ]);
    expect(at([e], { ...SITE, defaultPowerUnit: "KW" }).importLimitW?.value).toBe(1_000_000);
  });

  it("takes units from the program's descriptors when the event has none", () => {
    const programDescriptors = [{ payloadType: "IMPORT_CAPACITY_LIMIT", units: "MW" }];
    expect(
      at([ev({ type: "IMPORT_CAPACITY_LIMIT", values: [2], programDescriptors })]).importLimitW?.value,
    ).toBe(2_000_000);
  });

  it("maps SIMPLE levels to the shed level, and level 0 to no core event", () => {
    const s = at([ev({ type: "SIMPLE", values: [2] })]);
    expect(s.shedLevel?.value).toBe(2);
    expect(s.gridEvents.map((g) => g.kind)).toEqual(["shed-level"]);
    expect(at([ev({ type: "SIMPLE", values: [0] })]).gridEvents).toEqual([]);
    expect(at([ev({ type: "SIMPLE", values: [4] })]).warnings[0]).toContain(
      "SIMPLE value 4 is not an integer 0..3",
    );
  });

  it("converts prices to per kWh and gives JPY/kWh for yen prices", () => {
    const yen = at([ev({ type: "PRICE", values: [12_000], descriptor: { units: "MWH", currency: "JPY" } })]);
    expect(yen.price?.value).toEqual({
      amount: 12_000,
      currency: "JPY",
      units: "MWH",
      pricePerKwh: 12,
      priceJpyPerKwh: 12,
    });
    expect(toCoreSignals(yen).energyPriceJpyPerKwh).toEqual({ ok: true, value: 12, atMs: T0 + H / 2 });
    const usd = at([ev({ type: "PRICE", values: [0.17], descriptor: { units: "KWH", currency: "USD" } })]);
    expect(usd.price?.value).toEqual({ amount: 0.17, currency: "USD", units: "KWH", pricePerKwh: 0.17 });
    expect(toCoreSignals(usd).energyPriceJpyPerKwh).toBeUndefined();
  });

  it("maps CONTROL_LEVEL_OFFSET to a cap on import, negative levels to a request for more load", () => {
    expect(at([ev({ type: "CONTROL_LEVEL_OFFSET", values: [3] })]).importLimitW?.value).toBeCloseTo(
      3_150_000,
      6,
    );
    const more = at([ev({ type: "CONTROL_LEVEL_OFFSET", values: [-2] })]);
    expect(more.loadIncreaseFraction?.value).toBeCloseTo(0.2, 12);
    expect(more.importLimitW?.value).toBe(4_500_000);
  });

  it("maps CONTROL_LEVEL_OFFSET_PERCENT with a configurable sign", () => {
    const e = ev({ type: "CONTROL_LEVEL_OFFSET_PERCENT", values: [0.25], descriptor: { units: "PERCENT" } });
    expect(at([e]).importLimitW?.value).toBe(3_375_000);
    const flipped = at([e], { ...SITE, offsetPercentPositiveReducesLoad: false });
    expect(flipped.importLimitW?.value).toBe(4_500_000);
    expect(flipped.loadIncreaseFraction?.value).toBe(0.25);
  });

  it("lists every alert and sheds to the floor on a grid emergency", () => {
    const s = at([
      ev({ type: "ALERT_GRID_EMERGENCY", values: ["Grid under emergency conditions"] }),
      ev({ type: "ALERT_FIRE", values: ["Fire risk"] }),
    ]);
    expect(s.alerts.map((a) => [a.type, a.text])).toEqual([
      ["ALERT_GRID_EMERGENCY", "Grid under emergency conditions"],
      ["ALERT_FIRE", "Fire risk"],
    ]);
    expect(s.gridEvents.map((g) => g.kind)).toEqual(["shed-to-floor"]);
  });

  it("lets the lower priority number win between overlapping events, even when its value is less strict", () => {
    const kw = { units: "KW" };
    const s = at([
      ev({ id: "strict", type: "IMPORT_CAPACITY_LIMIT", values: [2000], descriptor: kw, priority: 1 }),
      ev({ id: "winner", type: "IMPORT_CAPACITY_LIMIT", values: [3000], descriptor: kw, priority: 0 }),
      ev({ id: "unranked", type: "IMPORT_CAPACITY_LIMIT", values: [100], descriptor: kw }),
    ]);
    expect(s.importLimitW).toMatchObject({ eventId: "winner", priority: 0, value: 3_000_000 });
    expect(s.gridEvents).toHaveLength(1);
  });

  it("breaks priority ties towards the grid: the lower limit", () => {
    const kw = { units: "KW" };
    const s = at([
      ev({ id: "a", type: "IMPORT_CAPACITY_LIMIT", values: [3000], descriptor: kw, priority: 2 }),
      ev({ id: "b", type: "IMPORT_CAPACITY_LIMIT", values: [2000], descriptor: kw, priority: 2 }),
    ]);
    expect(s.importLimitW?.eventId).toBe("b");
  });

  it("splits a multi-valued PRICE into equal sub-intervals in 3.1.0 only", () => {
    const spec: Spec = {
      type: "PRICE",
      values: [0.17, 0.03, 0.11],
      descriptor: { units: "KWH", currency: "USD" },
      duration: "PT3H",
    };
    const s31 = at([ev(spec)], SITE, T0 + 1.5 * H);
    expect(s31.price).toMatchObject({ value: { amount: 0.03 }, startMs: T0 + H, endMs: T0 + 2 * H });
    const s301 = at([ev({ ...spec, version: "3.0.1" })], SITE, T0 + 1.5 * H);
    expect(s301.price).toMatchObject({ value: { amount: 0.17 }, startMs: T0, endMs: T0 + 3 * H });
  });

  it("gives nothing outside the intervals", () => {
    const s = at([ev({ type: "SIMPLE", values: [3] })], SITE, T0 + 2 * H);
    expect(s).toEqual({ atMs: T0 + 2 * H, alerts: [], gridEvents: [], warnings: [] });
  });
});
