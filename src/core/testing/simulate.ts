// A deliberately simple state-update step for closed-loop tests: commands take effect at once, a woken unit
// starts, then hashes after bootS. The meter reads Σ unit power + a constant auxiliary load.
import type { Decision } from "../../domain/decision.js";
import type { SiteSnapshot, UnitSnapshot } from "../../domain/site.js";

export interface SimOptions {
  readonly bootS: number;
  /** Auxiliary load the meter sees on top of the units; undefined = no meter. */
  readonly auxW?: number;
}

function spec(u: UnitSnapshot, mode: number | undefined) {
  return u.modes.find((m) => m.mode === mode);
}

export function step(
  snapshot: SiteSnapshot,
  decision: Decision,
  nextMs: number,
  o: SimOptions,
): SiteSnapshot {
  const byId = new Map(decision.commands.map((c) => [c.unitId, c]));
  const units = snapshot.units.map((u): UnitSnapshot => {
    let next: UnitSnapshot = u;
    const c = byId.get(u.id);
    if (c?.action === "sleep") {
      next = { ...u, state: "sleeping", powerW: u.standbyPowerW, hashrateThs: 0, sinceMs: decision.nowMs };
    } else if (c?.action === "wake") {
      next = {
        ...u,
        state: "starting",
        workMode: c.mode ?? 0,
        powerW: u.standbyPowerW,
        hashrateThs: 0,
        sinceMs: decision.nowMs,
      };
    } else if (c?.action === "set-mode") {
      const s = spec(u, c.mode);
      next = {
        ...u,
        state: "hashing",
        workMode: c.mode ?? 0,
        powerW: s?.powerW ?? 0,
        hashrateThs: s?.hashrateThs ?? 0,
        sinceMs: decision.nowMs,
      };
    }
    if (next.state === "starting" && nextMs - next.sinceMs >= o.bootS * 1000) {
      const s = spec(next, next.workMode);
      next = { ...next, state: "hashing", powerW: s?.powerW ?? 0, hashrateThs: s?.hashrateThs ?? 0 };
    }
    return { ...next, readAtMs: nextMs };
  });
  const sumW = units.reduce((s, u) => s + u.powerW, 0);
  const { meteredImportW: _m, ambientC, ...rest } = snapshot;
  return {
    ...rest,
    atMs: nextMs,
    units,
    memory: decision.memory,
    ...(o.auxW === undefined ? {} : { meteredImportW: { ok: true, value: sumW + o.auxW, atMs: nextMs } }),
    ...(ambientC === undefined ? {} : { ambientC: ambientC.ok ? { ...ambientC, atMs: nextMs } : ambientC }),
  };
}
