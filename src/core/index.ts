export { type Allocation, allocate, rampCreditW } from "./allocator/allocate.js";
export { buildContext, type DispatchContext } from "./context.js";
export { decide, decideWithRules } from "./decide.js";
export { DEFAULT_POLICY } from "./default-policy.js";
export {
  capMax,
  type Envelope,
  initialEnvelope,
  isWithin,
  narrow,
  raiseMin,
  type UnitLimits,
} from "./envelope.js";
export { type Freshness, freshness } from "./freshness.js";
export { type PipelineResult, type PipelineStep, runPipeline } from "./pipeline.js";
export { type ModeEconomics, modeEconomics } from "./profit.js";
export { droopFraction } from "./rules/frequency-response.js";
export { importLimitW } from "./rules/import-limit.js";
export { type Binding, type MemoryPatch, RULES, type Rule, type RuleOutcome } from "./rules/index.js";
export { effectiveOverrides } from "./rules/operator-override.js";
export type { UnitView } from "./units.js";
