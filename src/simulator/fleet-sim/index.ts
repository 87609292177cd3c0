export { DecideController, type DecideControllerOptions, type DecideStats } from "./decide-controller.js";
export { decisionKey, rampCapacityW, type SlotSignalValues } from "./decision-key.js";
export {
  type ApplyResult,
  type FleetModel,
  FleetSim,
  type FleetSimOptions,
  type GroupView,
} from "./fleet.js";
export { type Integral, integrateTo, isSettled, nextPhysicsBoundaryMs } from "./integrate.js";
export { commandsToReach, type FleetConfiguration, PlanController } from "./plan-controller.js";
export {
  type ControlStep,
  type FleetController,
  type FleetRun,
  type FleetRunOptions,
  runFleet,
  type SlotTimes,
} from "./run.js";
