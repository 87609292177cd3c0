// Backtests need the notices a controller would have received, but only the curtailment that actually happened is
// on record. This rebuilds notices from the actuals as if the TSO had forecast perfectly: each run of consecutive
// curtailed hours within a JST day becomes one window, issued at 17:00 JST the day before (see curtailment-notice.ts
// for that timing). Perfect foresight flatters a backtest; a real notice can miss or overstate the curtailment.

import { DAY_MS, HOUR_MS, jstDayStartMs } from "../prices/jst.js";
import type { CurtailmentNotice } from "./curtailment-notice.js";
import { type AreaRenewablesHour, areaRenewablesMw, type RenewableTechnology } from "./site-surplus.js";

export interface NoticeDerivationOptions {
  /** Time after 00:00 JST on D−1 at which the notice for day D counts as issued. Default 17:00. */
  issueTimeOfDayMs?: number;
  /** Curtailment of which technology makes an hour count. Default "solar+wind". */
  technology?: RenewableTechnology;
  /** An hour counts when its curtailment exceeds this. Default 0. */
  minCurtailedMw?: number;
}

export const KYUSHU_NOTICE_TIME_OF_DAY_MS = 17 * HOUR_MS;

/** Hours whose curtailment exceeds the threshold. Precondition: hours sorted by start. */
export function curtailedHours<T extends AreaRenewablesHour>(
  hours: readonly T[],
  technology: RenewableTechnology = "solar+wind",
  minCurtailedMw = 0,
): T[] {
  return hours.filter((h) => areaRenewablesMw(h, technology).curtailedMw > minCurtailedMw);
}

/**
 * One notice per run of consecutive curtailed hours within a JST day. The expected curtailment is the run's peak
 * hour: the site plans its load for the largest amount it may be offered. Precondition: hours sorted by start.
 */
export function deriveNoticesFromActuals(
  hours: readonly AreaRenewablesHour[],
  opts: NoticeDerivationOptions = {},
): CurtailmentNotice[] {
  const technology = opts.technology ?? "solar+wind";
  const issueOffsetMs = opts.issueTimeOfDayMs ?? KYUSHU_NOTICE_TIME_OF_DAY_MS;
  const notices: CurtailmentNotice[] = [];
  let open: CurtailmentNotice | undefined;
  for (const h of curtailedHours(hours, technology, opts.minCurtailedMw ?? 0)) {
    const curtailedMw = areaRenewablesMw(h, technology).curtailedMw;
    const dayStartMs = jstDayStartMs(h.startMs);
    if (open !== undefined && open.endMs === h.startMs && jstDayStartMs(open.startMs) === dayStartMs) {
      open.endMs = h.startMs + h.durationMs;
      open.expectedCurtailedMw = Math.max(open.expectedCurtailedMw, curtailedMw);
      continue;
    }
    open = {
      startMs: h.startMs,
      endMs: h.startMs + h.durationMs,
      expectedCurtailedMw: curtailedMw,
      issuedMs: dayStartMs - DAY_MS + issueOffsetMs,
    };
    notices.push(open);
  }
  return notices;
}
