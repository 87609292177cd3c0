// Runs the ordered rules. Each rule gets the envelope the earlier ones left; whatever it returns is intersected
// with that envelope, so a later rule can only narrow. A widening attempt is clamped and logged, not trusted.
import type { Reason } from "../domain/decision.js";
import type { DispatchContext } from "./context.js";
import { type Envelope, initialEnvelope, narrow } from "./envelope.js";
import { formatW, listSome } from "./format.js";
import type { MemoryPatch, Rule } from "./rules/rule.js";

export interface PipelineStep {
  readonly rule: string;
  readonly envelope: Envelope;
}

export interface PipelineResult {
  /** What all rules allow. */
  readonly envelope: Envelope;
  /** What safety and grid obligations alone allow: the allocator meets this regardless of dwell. */
  readonly mandatory: Envelope;
  /** The rule that last lowered the final and the mandatory maximum. */
  readonly maxSetBy: string;
  readonly mandatoryMaxSetBy: string;
  /** The envelope after each rule, first entry the initial one. */
  readonly trace: readonly PipelineStep[];
  readonly reasons: readonly Reason[];
  readonly memory: MemoryPatch;
}

export function runPipeline(rules: readonly Rule[], ctx: DispatchContext): PipelineResult {
  let envelope = initialEnvelope(ctx);
  let mandatory = envelope;
  let maxSetBy = "physical";
  let mandatoryMaxSetBy = maxSetBy;
  const trace: PipelineStep[] = [{ rule: "initial", envelope }];
  const reasons: Reason[] = [
    {
      rule: "initial",
      effect: `max ${formatW(envelope.window.maxW)}`,
      detail: `every controllable unit at its highest mode plus fixed loads and auxiliaries: ${formatW(envelope.window.maxW)}`,
      inputs: {
        physicalMaxW: ctx.physicalMaxW,
        irreducibleW: ctx.irreducibleW,
        currentPlannedW: ctx.currentPlannedW,
      },
    },
  ];
  let memory: MemoryPatch = {};
  let sawSoft = false;
  for (const rule of rules) {
    // The mandatory envelope is the state after the last mandatory rule, so no soft rule may run before one.
    if (rule.binding === "soft") sawSoft = true;
    else if (sawSoft) throw new Error(`rule order: mandatory rule ${rule.name} after a soft rule`);
    const out = rule.apply(envelope, ctx);
    const { envelope: next, widened } = narrow(envelope, out.envelope);
    if (out.reasons.length === 0) {
      reasons.push({ rule: rule.name, effect: "none", detail: "no limit", inputs: {} });
    } else {
      reasons.push(...out.reasons);
    }
    if (widened.length > 0) {
      reasons.push({
        rule: "pipeline",
        effect: "widening ignored",
        detail: `rule ${rule.name} tried to widen the envelope (${listSome(widened, 3)}); clamped to what earlier rules allowed`,
        inputs: { rule: rule.name, attempts: widened.length },
      });
    }
    if (next.window.maxW < envelope.window.maxW) maxSetBy = rule.name;
    envelope = next;
    if (rule.binding === "mandatory") {
      mandatory = envelope;
      mandatoryMaxSetBy = maxSetBy;
    }
    if (out.memory !== undefined) memory = { ...memory, ...out.memory };
    trace.push({ rule: rule.name, envelope });
  }
  return { envelope, mandatory, maxSetBy, mandatoryMaxSetBy, trace, reasons, memory };
}
