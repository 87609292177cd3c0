// fast-check arbitraries for property tests: small mixed fleets, signals that may be fresh, stale or missing,
// events and overrides that may or may not be in force, and policies across their whole range. Test-only.
import fc from "fast-check";
import type { MinerModelSpec, MinerState } from "../../domain/miner.js";
import type { SitePolicy } from "../../domain/policy.js";
import type { Reading } from "../../domain/reading.js";
import type { GridEvent, GridSignals, OperatorOverride } from "../../domain/signals.js";
import type { SiteSnapshot, UnitSnapshot } from "../../domain/site.js";
import { A1566, A1566HA, AVALON_Q } from "../../drivers/miners/avalon/models.js";
import { DEFAULT_POLICY } from "../default-policy.js";
import { T0, unitId } from "./reference-site.js";

const MODELS: readonly MinerModelSpec[] = [A1566HA, A1566, AVALON_Q];
const STATES: readonly MinerState[] = [
  ...Array<MinerState>(6).fill("hashing"),
  ...Array<MinerState>(6).fill("sleeping"),
  "starting",
  "calibrating",
  "fault",
  "unreachable",
];

export interface UnitArbOptions {
  /** Only hashing/sleeping, fresh telemetry, no pending command: for closed-loop runs. */
  readonly settled?: boolean;
}

export function unitArb(i: number, nowMs: number, o: UnitArbOptions = {}): fc.Arbitrary<UnitSnapshot> {
  return fc
    .record({
      model: fc.constantFrom(...MODELS),
      state: o.settled ? fc.constantFrom<MinerState>("hashing", "sleeping") : fc.constantFrom(...STATES),
      mode: fc.integer({ min: 0, max: 2 }),
      powerFactor: fc.double({ min: 0.9, max: 1.1, noNaN: true }),
      sinceAgoS: fc.oneof(fc.integer({ min: 0, max: 900 }), fc.constant(86_400)),
      readAgoS: o.settled
        ? fc.constant(0)
        : fc.oneof(
            { weight: 12, arbitrary: fc.integer({ min: 0, max: 10 }) },
            { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 }) },
          ),
      // Mostly normal; now and then warm (within the warn margin) or over the 60 °C limit.
      coolantC: fc.option(
        fc.oneof(
          { weight: 40, arbitrary: fc.double({ min: 30, max: 55, noNaN: true }) },
          { weight: 1, arbitrary: fc.double({ min: 55, max: 65, noNaN: true }) },
        ),
        { nil: undefined },
      ),
      health: fc.double({ min: 0, max: 1, noNaN: true }),
      fault: fc.integer({ min: 0, max: 99 }).map((x) => x === 0),
      pending: o.settled
        ? fc.constant(undefined)
        : fc.option(
            fc.record({
              action: fc.constantFrom("wake" as const, "sleep" as const, "set-mode" as const),
              mode: fc.integer({ min: 0, max: 2 }),
            }),
            {
              nil: undefined,
              freq: 5,
            },
          ),
    })
    .map((r): UnitSnapshot => {
      const spec = r.model.modes.find((m) => m.mode === r.mode);
      const on = r.state === "hashing" || r.state === "fault";
      const u: UnitSnapshot = {
        id: unitId(i),
        model: r.model.model,
        state: r.state,
        workMode: r.mode,
        powerW: on ? Math.round((spec?.powerW ?? 0) * r.powerFactor) : r.model.standbyPowerW,
        hashrateThs: on ? (spec?.hashrateThs ?? 0) : 0,
        modes: r.model.modes,
        standbyPowerW: r.model.standbyPowerW,
        sinceMs: nowMs - r.sinceAgoS * 1000,
        health: { score: r.health, faultFlags: r.fault ? ["board-error"] : [] },
        readAtMs: nowMs - r.readAgoS * 1000,
        ...(r.coolantC === undefined ? {} : { coolantOutletC: r.coolantC }),
      };
      return r.pending === undefined ? u : { ...u, pending: { ...r.pending, atMs: nowMs - 1_000 } };
    });
}

export function snapshotArb(
  nowMs = T0,
  o: UnitArbOptions & { maxUnits?: number } = {},
): fc.Arbitrary<SiteSnapshot> {
  return fc
    .integer({ min: 1, max: o.maxUnits ?? 24 })
    .chain((n) =>
      fc.record({
        units: fc.tuple(...Array.from({ length: n }, (_, i) => unitArb(i, nowMs, o))),
        auxW: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined }),
        ambientC: fc.option(fc.double({ min: -5, max: 45, noNaN: true }), { nil: undefined }),
      }),
    )
    .map(({ units, auxW, ambientC }) => {
      const sumW = units.reduce((s, u) => s + u.powerW, 0);
      return {
        atMs: nowMs,
        units,
        ...(auxW === undefined
          ? {}
          : { meteredImportW: { ok: true as const, value: sumW + auxW, atMs: nowMs } }),
        ...(ambientC === undefined ? {} : { ambientC: { ok: true as const, value: ambientC, atMs: nowMs } }),
      };
    });
}

/** A reading that is fresh, too old, failed, or absent. */
export function readingArb(
  value: fc.Arbitrary<number>,
  nowMs: number,
  maxAgeS: number,
): fc.Arbitrary<Reading<number> | undefined> {
  return fc.oneof(
    { weight: 20, arbitrary: value.map((v): Reading<number> => ({ ok: true, value: v, atMs: nowMs })) },
    {
      weight: 1,
      arbitrary: value.map(
        (v): Reading<number> => ({ ok: true, value: v, atMs: nowMs - (maxAgeS + 1) * 1000 }),
      ),
    },
    {
      weight: 1,
      arbitrary: value.map(
        (v): Reading<number> => ({
          ok: false,
          error: "timeout",
          atMs: nowMs,
          lastGood: { value: v, atMs: nowMs - 3_600_000 },
        }),
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const windowArb = (nowMs: number, alwaysActive: boolean) =>
  alwaysActive
    ? fc.constant({ startMs: nowMs - 3_600_000, endMs: nowMs + 3_600_000 })
    : fc
        .record({
          startMs: fc.integer({ min: nowMs - 600_000, max: nowMs + 600_000 }),
          lenS: fc.integer({ min: 1, max: 1_200 }),
        })
        .map((w) => ({
          startMs: w.startMs,
          endMs: w.startMs + w.lenS * 1000,
        }));

export function eventArb(nowMs: number, alwaysActive = false): fc.Arbitrary<GridEvent> {
  const win = windowArb(nowMs, alwaysActive);
  return fc.oneof(
    fc
      .record({ w: win, limitW: fc.integer({ min: 0, max: 300_000 }) })
      .map(({ w, limitW }): GridEvent => ({ id: "il", kind: "import-limit", limitW, ...w })),
    fc
      .record({ w: win, powerW: fc.integer({ min: 0, max: 300_000 }) })
      .map(({ w, powerW }): GridEvent => ({ id: "sp", kind: "setpoint", powerW, ...w })),
    fc
      .record({ w: win, level: fc.integer({ min: 0, max: 4 }) })
      .map(({ w, level }): GridEvent => ({ id: "sl", kind: "shed-level", level, ...w })),
    win.map((w): GridEvent => ({ id: "sf", kind: "shed-to-floor", ...w })),
  );
}

export function overrideArb(nowMs: number, alwaysActive = false): fc.Arbitrary<OperatorOverride> {
  const t = alwaysActive
    ? fc.constant({ issuedAtMs: nowMs - 60_000, expiresAtMs: nowMs + 3_600_000 })
    : fc.record({
        issuedAtMs: fc.integer({ min: nowMs - 600_000, max: nowMs + 60_000 }),
        expiresAtMs: fc.integer({ min: nowMs - 60_000, max: nowMs + 600_000 }),
      });
  return fc.oneof(
    fc
      .record({ t, maxW: fc.integer({ min: 0, max: 300_000 }) })
      .map(({ t, maxW }): OperatorOverride => ({ id: "c", kind: "cap", maxW, by: "op", ...t })),
    t.map((t): OperatorOverride => ({ id: "h", kind: "hold", by: "op", ...t })),
    t.map((t): OperatorOverride => ({ id: "s", kind: "shed", by: "op", ...t })),
    t.map(
      (t): OperatorOverride => ({ id: "u", kind: "unit-off", unitIds: ["u000", "u003"], by: "op", ...t }),
    ),
    t.map((t): OperatorOverride => ({ id: "r", kind: "release", by: "op", ...t })),
  );
}

export interface SignalArbOptions {
  /** Every reading fresh and every event/override in force the whole time: inputs that stay constant. */
  readonly constant?: boolean;
}

export function signalsArb(nowMs = T0, o: SignalArbOptions = {}): fc.Arbitrary<GridSignals> {
  const maybe = (a: fc.Arbitrary<number>, maxAgeS: number) =>
    o.constant
      ? a.map((v): Reading<number> => ({ ok: true, value: v, atMs: nowMs }))
      : readingArb(a, nowMs, maxAgeS);
  return fc
    .record({
      surplusW: maybe(fc.oneof(fc.integer({ min: -10_000, max: 400_000 }), fc.constant(10_000_000)), 30),
      price: maybe(fc.double({ min: -1, max: 40, noNaN: true }), 3_600),
      hashprice: maybe(fc.double({ min: 0, max: 12, noNaN: true }), 172_800),
      // Mostly near nominal; sometimes in the droop band or below the trip threshold.
      hz: fc.option(
        maybe(
          fc.oneof(
            { weight: 14, arbitrary: fc.double({ min: 59.985, max: 60.05, noNaN: true }) },
            { weight: 1, arbitrary: fc.double({ min: 59.75, max: 59.97, noNaN: true }) },
          ),
          5,
        ),
        { nil: undefined },
      ),
      importLimitW: fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 400_000 }) },
      ),
      events: fc.oneof(
        { weight: 4, arbitrary: fc.constant<GridEvent[]>([]) },
        { weight: 1, arbitrary: fc.array(eventArb(nowMs, o.constant), { maxLength: 3 }) },
      ),
      overrides: fc.oneof(
        { weight: 3, arbitrary: fc.constant<OperatorOverride[]>([]) },
        { weight: 1, arbitrary: fc.array(overrideArb(nowMs, o.constant), { maxLength: 2 }) },
      ),
      plan: fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 300_000 }) },
      ),
    })
    .map(
      (r): GridSignals => ({
        events: r.events.map((e, i) => ({ ...e, id: `${e.id}${i}` })),
        overrides: r.overrides.map((x, i) => ({ ...x, id: `${x.id}${i}` })),
        ...(r.surplusW === undefined ? {} : { surplusW: r.surplusW }),
        ...(r.price === undefined ? {} : { energyPriceJpyPerKwh: r.price }),
        ...(r.hashprice === undefined ? {} : { hashpriceJpyPerThsDay: r.hashprice }),
        ...(r.hz === undefined ? {} : { frequency: { hz: r.hz, nominalHz: 60 } }),
        ...(r.importLimitW === undefined ? {} : { importLimitW: r.importLimitW }),
        ...(r.plan === undefined
          ? {}
          : { plan: { startMs: nowMs - 60_000, endMs: nowMs + 3_600_000, targetW: r.plan } }),
      }),
    );
}

export function policyArb(): fc.Arbitrary<SitePolicy> {
  return fc
    .record({
      mode: fc.constantFrom("green-only" as const, "economic" as const, "green-and-economic" as const),
      importLimitW: fc.oneof(
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 400_000 }) },
        { weight: 2, arbitrary: fc.constant(4_500_000) },
      ),
      floorW: fc.integer({ min: 0, max: 30_000 }),
      fallback: fc.constantFrom("hold" as const, "hold" as const, "shed-to-floor" as const),
      minOnS: fc.integer({ min: 0, max: 900 }),
      minOffS: fc.integer({ min: 0, max: 900 }),
      upWPerS: fc.integer({ min: 100, max: 100_000 }),
      downWPerS: fc.option(fc.integer({ min: 100, max: 100_000 }), { nil: undefined }),
      maxWakes: fc.integer({ min: 1, max: 10 }),
      deadbandW: fc.integer({ min: 0, max: 20_000 }),
      hysteresisW: fc.integer({ min: 0, max: 20_000 }),
      margin: fc.double({ min: 0, max: 3, noNaN: true }),
      econHyst: fc.double({ min: 0, max: 2, noNaN: true }),
      cooling: fc.boolean(),
      auxDefaultW: fc.integer({ min: 0, max: 50_000 }),
    })
    .map(
      (r): SitePolicy => ({
        ...DEFAULT_POLICY,
        mode: r.mode,
        importLimitW: r.importLimitW,
        floorW: r.floorW,
        marginJpyPerKwh: r.margin,
        economicHysteresisJpyPerKwh: r.econHyst,
        coolingCapacity: r.cooling
          ? [
              { ambientC: 20, capacityW: 250_000 },
              { ambientC: 40, capacityW: 100_000 },
            ]
          : [],
        stale: { ...DEFAULT_POLICY.stale, fallback: r.fallback },
        dwell: { minOnS: r.minOnS, minOffS: r.minOffS },
        ramp: {
          upWPerS: r.upWPerS,
          burstS: 5,
          ...(r.downWPerS === undefined ? {} : { downWPerS: r.downWPerS }),
        },
        maxWakesPerTick: r.maxWakes,
        deadbandW: r.deadbandW,
        hysteresisW: r.hysteresisW,
        auxiliary: { ...DEFAULT_POLICY.auxiliary, defaultW: r.auxDefaultW },
      }),
    );
}
