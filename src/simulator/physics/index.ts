export type { CommandRefusal, CommandResult } from "./commands.js";
export { lagFirstExceedS, lagLinear } from "./lag.js";
export {
  createMinerPhysics,
  type InitialCondition,
  type InitialStateOptions,
  type MinerPhysics,
} from "./model.js";
export { DEFAULT_MINER_PHYSICS_PARAMS, type MinerPhysicsParams, resolvePhysicsParams } from "./params.js";
export type { BoardReadings, MinerReadings, SystemStatus } from "./readings.js";
export type {
  MinerFault,
  MinerPhysicsState,
  PhysicsActivity,
  PhysicsPhase,
  UnitVariation,
} from "./state.js";
export { hash32, unit01 } from "./variation.js";
