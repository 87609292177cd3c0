import { DriverError } from "../../../domain/errors.js";
import type { MinerState, MinerStatus } from "../../../domain/miner.js";
import type { BracketFields } from "./estats.js";

// PS[err Vctl Vhash A Wout Vset Wwall]: the A10 manual documents six fields; A12 and later firmware append the
// wall (AC) power as the seventh (A1566: PS[6] = WALLPOWER = 3731). The 9-field form is the `ascset voltage` reply.
const PS_MIN_FIELDS = 6;
const PS_MAX_FIELDS = 9;
const PS_ERROR = 0;
const PS_OUTPUT_W = 4;
const PS_WALL_W = 6;

/**
 * Efficiency used to estimate wall power from the PSU's DC output when the unit reports no wall figure (A10-era
 * 6-field PS). No Canaan figure is published; 0.94 is the ratio seen on units reporting both
 * (A1566 3526 W out / 3731 W wall = 0.945; Avalon Q 1598 / 1670 = 0.957), rounded down.
 */
export const PSU_EFFICIENCY_ESTIMATE = 0.94;

export interface PowerReading {
  powerW: number;
  powerSource: MinerStatus["powerSource"];
  psuErrorCode: number;
}

export interface PowerOptions {
  /** False for units whose PS layout differs from the one above (Avalon Nano 3), so only MPO can be used. */
  psLayoutKnown: boolean;
}

/**
 * Wall power in order of trust: PS[6], WALLPOWER, PS[4] / efficiency, and last the mode's power limit MPO.
 * MPO says what the mode may draw while hashing, so it is not used for a unit that is not hashing: such a reading
 * is "unsupported" rather than a number that could be off by the full mode power.
 */
export function readPower(fields: BracketFields, state: MinerState, opts: PowerOptions): PowerReading {
  const ps = opts.psLayoutKnown ? fields.numbers("PS") : undefined;
  if (ps !== undefined && (ps.length < PS_MIN_FIELDS || ps.length > PS_MAX_FIELDS)) {
    throw fields.unsupported(
      "PS",
      `PS has ${ps.length} values, expected ${PS_MIN_FIELDS} to ${PS_MAX_FIELDS}: PS[${fields.text("PS")}]`,
    );
  }
  const psuErrorCode = ps?.[PS_ERROR] ?? 0;
  const wall = ps?.[PS_WALL_W];
  if (wall !== undefined) return { powerW: wall, powerSource: "wall", psuErrorCode };
  const wallPower = fields.number("WALLPOWER");
  if (wallPower !== undefined) return { powerW: wallPower, powerSource: "wall", psuErrorCode };
  const output = ps?.[PS_OUTPUT_W];
  if (output !== undefined) {
    return {
      powerW: Math.round(output / PSU_EFFICIENCY_ESTIMATE),
      powerSource: "psu-output-estimate",
      psuErrorCode,
    };
  }
  const modeLimit = fields.number("MPO");
  if (modeLimit !== undefined && state !== "sleeping") {
    return { powerW: modeLimit, powerSource: "mode-limit-estimate", psuErrorCode };
  }
  throw new DriverError(
    "unsupported",
    `${fields.host}: no power reading: PS and WALLPOWER absent${modeLimit === undefined ? ", no MPO" : " and MPO does not apply while sleeping"}`,
    { host: fields.host, field: "PS" },
  );
}
