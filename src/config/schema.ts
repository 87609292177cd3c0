import { z } from "zod";
import { modbusMeterSchema } from "../drivers/meters/config.js";
import { mqttSignalsSchema } from "../signals/mqtt/config.js";

// One strict schema for site.yaml: unknown keys are errors so a typo never silently falls back to a default.
// Units are in the key names, as everywhere in the code.

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

export const minerGroupSchema = z
  .strictObject({
    name: z.string().min(1).describe("Label for this group of units, e.g. a container or a row"),
    vendor: z.literal("canaan").default("canaan"),
    model: z
      .string()
      .min(1)
      .default("A1566HA")
      .describe("Model name; per-mode figures come from the driver's catalogue"),
    targets: z
      .array(z.string().min(1))
      .min(1)
      .describe("Hosts, host:port, ranges (a.b.c.d-e or a.b.c.d-e.f.g.h) or CIDR blocks"),
    port: z.number().int().min(1).max(65_535).default(4028),
  })
  .describe("A group of identical miners");

export const fleetSchema = z.strictObject({
  groups: z.array(minerGroupSchema).min(1),
  requestTimeoutMs: positive.default(3000).describe("Deadline for one API call to one unit"),
  maxConcurrency: z
    .number()
    .int()
    .min(1)
    .max(4096)
    .default(128)
    .describe("Requests in flight across the fleet"),
});

export const siteSchema = z.strictObject({
  name: z.string().min(1),
  timezone: z.string().default("Asia/Tokyo"),
  importLimitW: positive.describe("Contracted import capacity at the point of connection"),
  floorPowerW: nonNegative.default(0).describe("Power the site may always keep (auxiliaries, minimum load)"),
});

export const storageSchema = z.strictObject({
  driver: z.enum(["sqlite", "postgres"]).default("sqlite"),
  dataDir: z.string().optional().describe("Directory for the SQLite file; overrides the default"),
  postgresUrl: z.string().optional(),
});

const staleAgesSchema = z.strictObject({
  surplus: positive.optional(),
  energyPrice: positive.optional(),
  hashprice: positive.optional(),
  frequency: positive.optional(),
  meter: positive.optional(),
  ambient: positive.optional(),
  unit: positive.optional(),
});

export const controlSchema = z.strictObject({
  intervalS: positive.default(5).describe("Decision period"),
  policy: z.enum(["green-only", "economic", "green-and-economic"]).default("green-and-economic"),
  marginJpyPerKwh: z.number().default(0.5).describe("Profit a unit-mode must keep per kWh to run"),
  economicHysteresisJpyPerKwh: nonNegative.default(0.5),
  minOnS: nonNegative.default(600),
  minOffS: nonNegative.default(300),
  rampUpWPerS: positive.default(50_000),
  maxWakesPerTick: z.number().int().min(1).default(20),
  deadbandW: nonNegative.default(10_000),
  hysteresisW: nonNegative.default(10_000),
  staleAfterS: staleAgesSchema.default(() => staleAgesSchema.parse({})).describe("Maximum age per input"),
  staleFallback: z.enum(["hold", "shed-to-floor"]).default("hold"),
  coolantOutletLimitC: z.number().default(60),
  coolingCapacity: z
    .array(z.strictObject({ ambientC: z.number(), capacityW: positive }))
    .optional()
    .describe("Dry-cooler capacity against ambient temperature; empty means not limited"),
  auxiliaryW: nonNegative.default(100_000).describe("Pumps, coolers and IT when no site meter exists"),
  commandDelayS: z.number().int().min(0).max(60).default(1).describe("Soft-off/on scheduled this far ahead"),
  frequency: z
    .strictObject({
      enabled: z.boolean().default(true),
      nominalHz: z.union([z.literal(50), z.literal(60)]).default(60),
      tripDeltaHz: positive.default(0.2),
      restoreDelayS: nonNegative.default(300),
      droopDeadbandHz: nonNegative.default(0.02),
      droopFullDeltaHz: positive.default(0.2),
    })
    .default(() => ({
      enabled: true,
      nominalHz: 60 as const,
      tripDeltaHz: 0.2,
      restoreDelayS: 300,
      droopDeadbandHz: 0.02,
      droopFullDeltaHz: 0.2,
    })),
});

const isoWithOffset = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
    "an ISO timestamp with offset",
  );

export const signalsSchema = z.strictObject({
  replayFrom: isoWithOffset
    .optional()
    .describe(
      "Replay recorded data from this instant, starting now; without it recorded data is read at the live time",
    ),
  surplus: z
    .discriminatedUnion("source", [
      z.strictObject({ source: z.literal("none") }),
      z.strictObject({ source: z.literal("constant"), powerW: nonNegative }),
      z.strictObject({ source: z.literal("mqtt") }).describe("The MQTT surplusW topic"),
      z
        .strictObject({ source: z.literal("setpoints"), file: z.string().min(1) })
        .describe("A surplus setpoint schedule from the utility: CSV start,end,surplus_w or JSON"),
      z
        .strictObject({ source: z.literal("meter"), meter: z.string().min(1) })
        .describe("A plant meter's output"),
      z.strictObject({
        source: z.literal("kyushu-plant"),
        plantCapacityMw: positive.describe(
          "Co-located plant; its share of the area's curtailment is the surplus",
        ),
      }),
    ])
    .default({ source: "none" }),
  price: z
    .discriminatedUnion("source", [
      z.strictObject({ source: z.literal("none") }),
      z.strictObject({ source: z.literal("constant"), priceJpyPerKwh: z.number() }),
      z.strictObject({
        source: z.literal("jepx"),
        area: z
          .enum([
            "system",
            "hokkaido",
            "tohoku",
            "tokyo",
            "chubu",
            "hokuriku",
            "kansai",
            "chugoku",
            "shikoku",
            "kyushu",
          ])
          .default("kyushu"),
        adderJpyPerKwh: z.number().default(0).describe("Network charge and taxes on top of the spot price"),
      }),
    ])
    .default({ source: "none" }),
  ambient: z
    .discriminatedUnion("source", [
      z.strictObject({ source: z.literal("none") }),
      z.strictObject({ source: z.literal("constant"), temperatureC: z.number().min(-50).max(60) }),
    ])
    .default({ source: "none" })
    .describe("Outdoor temperature at the dry coolers; needed when control.coolingCapacity is set"),
  curtailmentNotices: z
    .discriminatedUnion("source", [
      z.strictObject({
        source: z.literal("file"),
        file: z.string().min(1),
        plantShare: z.number().positive().max(1).describe("The plant's share of the area's curtailment"),
      }),
      z
        .strictObject({ source: z.literal("derived") })
        .describe("From the bundled Kyushu actuals, issued 17:00 JST D-1"),
    ])
    .optional()
    .describe(
      "Day-ahead curtailment notices: the planner's surplus forecast (otherwise it plans on recorded surplus)",
    ),
  meters: z
    .array(modbusMeterSchema)
    .default([])
    .describe("Modbus TCP meters: the site import meter and plant meters"),
  mqtt: mqttSignalsSchema
    .optional()
    .describe("Broker for setpoint, limit, surplus and frequency topics; site state"),
  openadr3: z
    .strictObject({
      version: z.enum(["3.0.1", "3.1.0"]).default("3.1.0"),
      vtnUrl: z.string().regex(/^https?:\/\//, "must start with http:// or https://"),
      venName: z.string().min(1),
      clientId: z.string().min(1).optional(),
      clientSecret: z.string().min(1).optional(),
      pollIntervalS: positive.default(30),
      programNames: z.array(z.string().min(1)).optional(),
    })
    .optional()
    .describe("OpenADR 3 VTN of the utility or aggregator: events, prices and limits"),
  frequency: z
    .discriminatedUnion("source", [
      z.strictObject({ source: z.literal("none") }),
      z.strictObject({ source: z.literal("mqtt") }),
      z.strictObject({ source: z.literal("meter"), meter: z.string().min(1) }),
      z.strictObject({
        source: z.literal("replay"),
        day: z
          .enum(["2024-08-24", "2024-09-06"])
          .default("2024-08-24")
          .describe("Bundled 1-second recording"),
        recordedNominalHz: z
          .number()
          .default(50)
          .describe("The recording's nominal; deviations carry over in Hz"),
      }),
    ])
    .default({ source: "none" }),
  hashprice: z
    .discriminatedUnion("source", [
      z.strictObject({ source: z.literal("none") }),
      z.strictObject({ source: z.literal("constant"), jpyPerThDay: positive }),
    ])
    .default({ source: "none" }),
});

export const plannerSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe("Plan the day ahead with the MILP planner; rule 5 follows the plan"),
  replanIntervalS: positive
    .default(1800)
    .describe("Re-plan at least this often; also on every change of events"),
  timeLimitS: positive.default(10),
  mipGapPct: positive.default(0.1),
  surplusPriceJpyPerKwh: nonNegative
    .default(0)
    .describe("PPA price of surplus energy; 0 when it would be curtailed"),
});

const localDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

export const demandResponseSchema = z.strictObject({
  baseline: z
    .strictObject({
      method: z
        .enum(["high-x-of-y", "pre-event-mean"])
        .default("high-x-of-y")
        .describe("high-x-of-y is Japan's ERAB standard (High 4 of 5 with same-day adjustment)"),
      weekdayDays: z.number().int().min(1).max(20).default(5),
      weekdayHighest: z.number().int().min(1).max(20).default(4),
      nonWeekdayDays: z.number().int().min(1).max(20).default(3),
      nonWeekdayHighest: z.number().int().min(1).max(20).default(2),
      lowUsageShare: z.number().min(0).max(1).default(0.25),
      searchDays: z.number().int().min(1).max(90).default(30),
      minCoverage: z.number().min(0).max(1).default(0.9),
      slotMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)]).default(30),
      adjustment: z
        .strictObject({
          enabled: z.boolean().default(true),
          fromMinBefore: z.number().int().min(1).default(240),
          toMinBefore: z.number().int().min(0).default(60),
          capShare: z.number().positive().nullable().default(null),
        })
        .refine((a) => a.fromMinBefore > a.toMinBefore, {
          message: "fromMinBefore must be greater than toMinBefore",
        })
        .default({ enabled: true, fromMinBefore: 240, toMinBefore: 60, capShare: null }),
      preEventMinutes: z.number().int().min(1).default(60),
    })
    .refine((b) => b.weekdayHighest <= b.weekdayDays && b.nonWeekdayHighest <= b.nonWeekdayDays, {
      message: "the highest days kept cannot exceed the days looked at",
    })
    .prefault({}),
  holidays: z
    .array(localDateSchema)
    .default([])
    .describe("Local dates that count as non-weekdays for the baseline, besides Saturdays and Sundays"),
  toleranceW: nonNegative
    .optional()
    .describe("Power over an event's cap still counted as holding it; default control.deadbandW"),
});

export const configSchema = z.strictObject({
  version: z.literal(1).describe("Configuration format version"),
  site: siteSchema,
  fleet: fleetSchema,
  control: controlSchema.default(() => controlSchema.parse({})),
  signals: signalsSchema.default(() => signalsSchema.parse({})),
  planner: plannerSchema.default(() => plannerSchema.parse({})),
  storage: storageSchema.default(() => storageSchema.parse({})),
  demandResponse: demandResponseSchema.prefault({}),
});

export type GridminerConfig = z.output<typeof configSchema>;

export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" });
}
