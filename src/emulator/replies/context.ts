import type { VirtualUnit } from "../unit.js";

/** Firmware behaviours seen in the field that a client must tolerate; all off by default. */
export interface EmulatorQuirks {
  /** Apply `ascset|0,softon,…` but close the connection without a reply (reported by asic-rs for some units). */
  softonNoReply: boolean;
}

export const DEFAULT_QUIRKS: Readonly<EmulatorQuirks> = Object.freeze({ softonNoReply: false });

export interface ReplyContext {
  unit: VirtualUnit;
  json: boolean;
  parameter: string | null;
  /** STATUS.When: the emulated epoch second at which the request was read. */
  whenS: number;
  quirks: EmulatorQuirks;
}

/** A reply body without the NUL terminator; null = close the connection without replying. */
export type CommandOutput = string | null;

export type CommandHandler = (ctx: ReplyContext) => CommandOutput;
