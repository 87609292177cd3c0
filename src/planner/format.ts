// Text for diagnoses and violations: powers in MW or kW, slot times in JST (the market's and the TSO's clock).

const JST_OFFSET_MS = 9 * 3_600_000;

/** "2026-11-26 18:00 JST" */
export function formatSlotJst(startMs: number): string {
  const iso = new Date(startMs + JST_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} JST`;
}

/** 1_234_567 → "1.23 MW"; 45_600 → "45.6 kW"; 120 → "120 W". */
export function formatPowerW(w: number): string {
  if (!Number.isFinite(w)) return w > 0 ? "unlimited" : String(w);
  const abs = Math.abs(w);
  if (abs >= 1_000_000) return `${(w / 1_000_000).toFixed(2)} MW`;
  if (abs >= 1_000) return `${(w / 1_000).toFixed(1)} kW`;
  return `${Math.round(w)} W`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
