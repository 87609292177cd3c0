// Numbers and times as operators read them: site power in MW, unit power in kW, times in the site's time zone
// (Kyushu: JST) whatever the browser's zone, with the zone named.
import { locale, t } from "./i18n/index.js";

let timeZone = "Asia/Tokyo";

export function setSiteTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    timeZone = zone;
  } catch {
    // An unknown zone name would throw on every format; keep the previous one.
  }
}

export function siteTimeZone(): string {
  return timeZone;
}

const DASH = "—";

function num(value: number, digits: number): string {
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** Value and unit apart, so a large figure can show its unit smaller. */
export function powerParts(w: number | null | undefined): { value: string; unit: string } {
  if (w === null || w === undefined || !Number.isFinite(w)) return { value: DASH, unit: "" };
  const abs = Math.abs(w);
  if (abs >= 1e6) return { value: num(w / 1e6, 2), unit: "MW" };
  if (abs >= 1e3) return { value: num(w / 1e3, abs >= 1e5 ? 0 : 1), unit: "kW" };
  return { value: num(w, 0), unit: "W" };
}

export function power(w: number | null | undefined): string {
  const p = powerParts(w);
  return p.unit === "" ? p.value : `${p.value} ${p.unit}`;
}

/** One unit's draw: always kW, so 558 cells and rows compare at a glance. */
export function unitPower(w: number | null | undefined): string {
  return w === null || w === undefined ? DASH : `${num(w / 1e3, 2)} kW`;
}

export function hashrate(ths: number | null | undefined): string {
  if (ths === null || ths === undefined) return DASH;
  if (Math.abs(ths) >= 1000) return `${num(ths / 1000, 2)} PH/s`;
  return `${num(ths, 0)} TH/s`;
}

export function temperature(c: number | null | undefined): string {
  return c === null || c === undefined ? DASH : `${num(c, 1)} °C`;
}

export function jpyPerKwh(v: number | null | undefined): string {
  return v === null || v === undefined ? DASH : t("fmt.jpyPerKwh", { v: num(v, 2) });
}

export function jpyPerThDay(v: number | null | undefined): string {
  return v === null || v === undefined ? DASH : t("fmt.jpyPerThDay", { v: num(v, 2) });
}

export function jpy(v: number | null | undefined): string {
  return v === null || v === undefined ? DASH : t("fmt.jpy", { v: num(v, 0) });
}

export function fixed(v: number | null | undefined, digits: number): string {
  return v === null || v === undefined ? DASH : num(v, digits);
}

export function percent(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined ? DASH : `${num(fraction * 100, 1)} %`;
}

function parts(ms: number, opts: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale(), { timeZone, hourCycle: "h23", ...opts }).format(new Date(ms));
}

/** 14:05:09 in the site's zone. */
export function clock(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return DASH;
  return parts(ms, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** 14:05 in the site's zone. */
export function hourMinute(ms: number): string {
  return parts(ms, { hour: "2-digit", minute: "2-digit" });
}

/** 04-09 14:05 in the site's zone: the date matters once a list spans midnight. */
export function dateTime(ms: number | null | undefined, withSeconds = false): string {
  if (ms === null || ms === undefined) return DASH;
  return parts(ms, {
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    ...(withSeconds ? { second: "2-digit" } : {}),
  });
}

export function zoneName(): string {
  const p = new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "short" })
    .formatToParts(new Date())
    .find((x) => x.type === "timeZoneName");
  return timeZone === "Asia/Tokyo" ? "JST" : (p?.value ?? timeZone);
}

export function duration(s: number): string {
  const total = Math.max(0, Math.round(s));
  if (total < 60) return t("fmt.seconds", { s: total });
  const m = Math.round(total / 60);
  if (m < 60) return t("fmt.minutes", { m });
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h > 24)
    return h % 24 === 0
      ? t("fmt.daysOnly", { d: h / 24 })
      : t("fmt.days", { d: Math.floor(h / 24), h: h % 24 });
  return rest === 0 ? t("fmt.hours", { h }) : t("fmt.hoursMinutes", { h, m: rest });
}

/** Axis labels in one unit for all ticks (MW when the largest is a megawatt or more, else kW), with just enough digits. */
export function powerTicks(splits: readonly number[]): string[] {
  const max = Math.max(0, ...splits.map(Math.abs));
  const step = splits.length > 1 ? Math.abs((splits[1] as number) - (splits[0] as number)) : max;
  const [div, unit] = max >= 1e6 ? [1e6, "MW"] : [1e3, "kW"];
  const digits = step / div >= 1 || step === 0 ? 0 : Math.min(3, Math.ceil(-Math.log10(step / div)));
  return splits.map((v) => `${num(v / div, digits)} ${unit}`);
}
