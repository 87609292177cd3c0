import type { Clock } from "../../../domain/clock.js";
import type { CommandOutcome } from "../../../domain/driver.js";
import { DriverError, isDriverError } from "../../../domain/errors.js";
import type { MinerStatus } from "../../../domain/miner.js";
import type { CgminerReply } from "../../protocols/cgminer/framing.js";
import { interpretWriteReply, type WriteVerdict } from "../../protocols/cgminer/status.js";

export const DEFAULT_CONFIRM_INTERVAL_MS = 2000;

export interface WriteDeps {
  host: string;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** Sends the write once. */
  send: () => Promise<CgminerReply>;
  /** Reads telemetry back for confirmation. */
  readBack: () => Promise<MinerStatus>;
}

export interface WritePlan {
  /** For messages: "softoff", "workmode 2", … */
  action: string;
  /** True once telemetry shows the requested effect. `sentAtMs` is the injected clock's time of sending. */
  isDone: (status: MinerStatus, sentAtMs: number, nowMs: number) => boolean;
  confirmTimeoutMs: number;
  confirmIntervalMs: number;
  noConfirm: boolean;
}

// Errors after which the write may or may not have reached the firmware: the reply was lost, not the request.
const REPLY_LOST_KINDS: ReadonlySet<string> = new Set(["timeout", "reset", "malformed"]);

/**
 * Sends a write exactly once, judges the reply, then reads state back until it matches or the deadline passes.
 * A lost reply is never answered by sending again (a repeated softoff/softon could land after a later command, and
 * `softon` is known to close without replying): the read-back decides. Throws only when nothing can have happened
 * (connection refused) or when the firmware refused ("rejected", with its message).
 */
export async function performWrite(deps: WriteDeps, plan: WritePlan): Promise<CommandOutcome> {
  const sentAtMs = deps.clock.nowMs();
  let verdict: WriteVerdict | undefined;
  let detail: string;
  let ackMs: number | undefined;
  try {
    const reply = await deps.send();
    ackMs = deps.clock.nowMs() - sentAtMs;
    verdict = judge(reply, deps.host);
    detail = verdict.status.message;
  } catch (e) {
    if (!isDriverError(e) || !REPLY_LOST_KINDS.has(e.kind)) throw e;
    detail = `reply lost (${e.kind}: ${e.message}); not re-sent`;
  }
  if (verdict?.kind === "rejected") {
    throw new DriverError("rejected", `${deps.host}: ${plan.action} refused: ${verdict.status.message}`, {
      host: deps.host,
      field: "STATUS",
    });
  }
  const acknowledged = verdict?.kind === "acknowledged";
  const base: CommandOutcome = { acknowledged, confirmed: false, detail };
  if (ackMs !== undefined) base.ackMs = ackMs;
  if (plan.noConfirm) return { ...base, detail: `${detail}; not confirmed (noConfirm)` };

  const deadline = sentAtMs + plan.confirmTimeoutMs;
  let last: MinerStatus | undefined;
  let lastError: string | undefined;
  for (;;) {
    const now = deps.clock.nowMs();
    if (now >= deadline) break;
    await deps.sleep(Math.min(plan.confirmIntervalMs, deadline - now));
    try {
      last = await deps.readBack();
      lastError = undefined;
      const readAt = deps.clock.nowMs();
      if (plan.isDone(last, sentAtMs, readAt)) {
        return { ...base, confirmed: true, confirmMs: readAt - sentAtMs, status: last };
      }
    } catch (e) {
      // A unit that is rebooting or switching power stages may not answer for a while; keep reading until the deadline.
      if (!isDriverError(e)) throw e;
      lastError = `${e.kind}: ${e.message}`;
    }
  }
  const seen = lastError ?? (last === undefined ? "no read-back" : `last state ${last.state}`);
  const outcome: CommandOutcome = {
    ...base,
    detail: `${detail}; not confirmed within ${plan.confirmTimeoutMs} ms (${seen})`,
  };
  if (last !== undefined) outcome.status = last;
  return outcome;
}

// A reply without a readable STATUS still proves the request arrived; its effect is left to the read-back.
function judge(reply: CgminerReply, host: string): WriteVerdict {
  try {
    return interpretWriteReply(reply, host, "ascset");
  } catch (e) {
    if (!isDriverError(e)) throw e;
    return { kind: "unclear", status: { severity: "I", code: -1, message: e.message } };
  }
}
