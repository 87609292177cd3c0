// Meter configuration as a strict schema the site config can embed; its output is a ModbusMeterConfig.
import { z } from "zod";
import { MODBUS_TCP_PORT } from "../protocols/modbus/connection.js";
import { SUNSPEC_BASE_ADDRESSES } from "../protocols/modbus/sunspec.js";
import { METER_DEFAULTS, type ModbusMeterConfig } from "./modbus-meter.js";

const register = z.number().int().min(0).max(0xffff);

export const registerPointSchema = z.strictObject({
  address: register,
  type: z.enum(["int16", "uint16", "int32", "uint32", "float32", "float64"]),
  scale: z
    .number()
    .refine((s) => Number.isFinite(s) && s !== 0, "must be a finite non-zero number")
    .optional()
    .describe("Multiplier into the quantity's unit, e.g. 0.1 for 0.1 W counts or 1000 for kWh into Wh"),
  scaleFactorRegister: register.optional().describe("Register holding a signed power-of-ten exponent"),
  wordOrder: z
    .enum(["big", "little"])
    .optional()
    .describe("big: most significant register first; little: swapped"),
  functionCode: z
    .union([z.literal(3), z.literal(4)])
    .optional()
    .describe("3 holding (default) or 4 input registers"),
  unitId: z.number().int().min(0).max(255).optional(),
});

export const registerMapSchema = z.strictObject({
  powerW: registerPointSchema,
  powerL1W: registerPointSchema.optional(),
  powerL2W: registerPointSchema.optional(),
  powerL3W: registerPointSchema.optional(),
  frequencyHz: registerPointSchema.optional(),
  energyImportWh: registerPointSchema.optional(),
  energyExportWh: registerPointSchema.optional(),
});

export const modbusMeterSchema = z.strictObject({
  name: z.string().min(1),
  /** Where the reading goes: the site's import at the grid connection, or a generating plant's output. */
  role: z.enum(["site-import", "plant"]),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535).default(MODBUS_TCP_PORT),
  unitId: z.number().int().min(0).max(255).default(METER_DEFAULTS.unitId),
  protocol: z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("sunspec"),
      baseAddresses: z
        .array(register)
        .min(1)
        .default([...SUNSPEC_BASE_ADDRESSES]),
    }),
    z.strictObject({ kind: z.literal("register-map"), map: registerMapSchema }),
  ]),
  powerSign: z
    .enum(["import-positive", "export-positive"])
    .default("import-positive")
    .describe(
      "How the device signs power; export-positive devices are negated into the import-positive convention",
    ),
  pollIntervalMs: z.number().positive().default(METER_DEFAULTS.pollIntervalMs),
  timeoutMs: z.number().positive().default(METER_DEFAULTS.timeoutMs),
  maxAgeMs: z.number().positive().default(METER_DEFAULTS.maxAgeMs),
  backoff: z
    .strictObject({
      initialMs: z.number().positive(),
      maxMs: z.number().positive(),
      factor: z.number().min(1).optional(),
    })
    .refine((b) => b.maxMs >= b.initialMs, "maxMs must be >= initialMs")
    .optional(),
});

export type MeterRole = z.output<typeof modbusMeterSchema>["role"];
export type MeterSettings = z.input<typeof modbusMeterSchema>;

/** Validated settings as the meter's constructor argument. */
export function toModbusMeterConfig(
  settings: MeterSettings,
): ModbusMeterConfig & { readonly role: MeterRole } {
  const s = modbusMeterSchema.parse(settings);
  return {
    name: s.name,
    role: s.role,
    endpoint: { host: s.host, port: s.port },
    unitId: s.unitId,
    protocol: s.protocol,
    powerSign: s.powerSign,
    pollIntervalMs: s.pollIntervalMs,
    timeoutMs: s.timeoutMs,
    maxAgeMs: s.maxAgeMs,
    ...(s.backoff === undefined ? {} : { backoff: s.backoff }),
  };
}
