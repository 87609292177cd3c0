// The fixed rule order: safety > grid obligations > surplus > economics > plan > operator. Mandatory rules first.
import { dayAheadPlanRule } from "./day-ahead-plan.js";
import { demandResponseRule } from "./demand-response.js";
import { economicsRule } from "./economics.js";
import { frequencyResponseRule } from "./frequency-response.js";
import { importLimitRule } from "./import-limit.js";
import { operatorOverrideRule } from "./operator-override.js";
import type { Rule } from "./rule.js";
import { safetyRule } from "./safety.js";
import { surplusRule } from "./surplus.js";

export const RULES: readonly Rule[] = [
  safetyRule,
  importLimitRule,
  demandResponseRule,
  frequencyResponseRule,
  surplusRule,
  economicsRule,
  dayAheadPlanRule,
  operatorOverrideRule,
];

export type { Binding, MemoryPatch, Rule, RuleOutcome } from "./rule.js";
