import { z } from "zod";

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
  sleepDelayS: nonNegative.default(5).describe("Soft-off/on is scheduled this many seconds ahead"),
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

export const controlSchema = z.strictObject({
  intervalS: positive.default(5).describe("Decision period"),
  policy: z.enum(["green-only", "economic", "green-and-economic"]).default("green-and-economic"),
  marginJpyPerKwh: z.number().default(0),
  minOnS: nonNegative.default(600),
  minOffS: nonNegative.default(300),
  rampUpWPerS: positive.default(50_000),
  maxWakesPerTick: z.number().int().min(1).default(20),
  deadbandW: nonNegative.default(10_000),
  staleAfterS: positive.default(30),
  staleFallback: z.enum(["hold", "shed-to-floor"]).default("hold"),
  coolantOutletLimitC: z.number().default(60),
});

export const configSchema = z.strictObject({
  version: z.literal(1).describe("Configuration format version"),
  site: siteSchema,
  fleet: fleetSchema,
  control: controlSchema.default(() => controlSchema.parse({})),
  storage: storageSchema.default(() => storageSchema.parse({})),
});

export type GridminerConfig = z.output<typeof configSchema>;

export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" });
}
