import type { MinerEndpoint } from "../../domain/driver.js";

export const DEFAULT_CGMINER_PORT = 4028;
/** A /16 is the largest range one command expands by default; larger scans must say so explicitly. */
export const DEFAULT_MAX_TARGETS = 65_536;

export class TargetError extends Error {
  readonly target: string;
  constructor(target: string, message: string) {
    super(`target "${target}": ${message}`);
    this.name = "TargetError";
    this.target = target;
  }
}

function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

function parsePort(target: string, text: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new TargetError(target, `port "${text}" is not a number`);
  const port = Number(text);
  if (port < 1 || port > 65_535) throw new TargetError(target, `port ${port} is outside 1-65535`);
  return port;
}

const HOSTNAME =
  /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Splits "host[:port]" where host may be a bracketed IPv6 literal. */
function splitPort(target: string, defaultPort: number): { host: string; port: number } {
  if (target.startsWith("[")) {
    const close = target.indexOf("]");
    if (close < 0) throw new TargetError(target, "unclosed '[' in IPv6 address");
    const host = target.slice(1, close);
    const rest = target.slice(close + 1);
    if (rest === "") return { host, port: defaultPort };
    if (!rest.startsWith(":")) throw new TargetError(target, "expected ':port' after ']'");
    return { host, port: parsePort(target, rest.slice(1)) };
  }
  const colon = target.lastIndexOf(":");
  if (colon < 0) return { host: target, port: defaultPort };
  if (target.indexOf(":") !== colon)
    throw new TargetError(target, "IPv6 addresses must be written as [addr]:port");
  return { host: target.slice(0, colon), port: parsePort(target, target.slice(colon + 1)) };
}

function expandRange(
  target: string,
  first: number,
  last: number,
  port: number,
  max: number,
): MinerEndpoint[] {
  if (last < first) throw new TargetError(target, "range end is before its start");
  const count = last - first + 1;
  if (count > max) {
    throw new TargetError(
      target,
      `expands to ${count} addresses, more than the limit of ${max} (raise --max-targets)`,
    );
  }
  const out: MinerEndpoint[] = [];
  for (let v = first; v <= last; v++) out.push({ host: formatIpv4(v), port });
  return out;
}

/**
 * Expands one target: a host name, an IPv4 or [IPv6] address, "a.b.c.d-e.f.g.h", "a.b.c.d-N" (last octet),
 * or a CIDR "a.b.c.d/nn"; each may end in ":port".
 */
export function expandTarget(
  target: string,
  opts: { defaultPort?: number; maxTargets?: number } = {},
): MinerEndpoint[] {
  const defaultPort = opts.defaultPort ?? DEFAULT_CGMINER_PORT;
  const max = opts.maxTargets ?? DEFAULT_MAX_TARGETS;
  const trimmed = target.trim();
  if (trimmed === "") throw new TargetError(target, "empty target");
  const { host, port } = splitPort(trimmed, defaultPort);

  const slash = host.indexOf("/");
  if (slash >= 0) {
    const base = parseIpv4(host.slice(0, slash));
    const bitsText = host.slice(slash + 1);
    if (base === undefined) throw new TargetError(target, "CIDR base is not an IPv4 address");
    if (!/^\d{1,2}$/.test(bitsText) || Number(bitsText) > 32) {
      throw new TargetError(target, `prefix length "${bitsText}" must be 0-32`);
    }
    const bits = Number(bitsText);
    const size = 2 ** (32 - bits);
    const network = Math.floor(base / size) * size;
    // Network and broadcast addresses are no hosts, except in /31 and /32 where every address is one.
    if (bits >= 31) return expandRange(target, network, network + size - 1, port, max);
    return expandRange(target, network + 1, network + size - 2, port, max);
  }

  const dash = host.indexOf("-");
  const startText = dash >= 0 ? host.slice(0, dash) : host;
  const start = parseIpv4(startText);
  if (dash >= 0 && start !== undefined) {
    const endText = host.slice(dash + 1);
    const full = parseIpv4(endText);
    if (full !== undefined) return expandRange(target, start, full, port, max);
    if (/^\d{1,3}$/.test(endText) && Number(endText) <= 255) {
      const end = start - (start % 256) + Number(endText);
      return expandRange(target, start, end, port, max);
    }
    throw new TargetError(target, `range end "${endText}" is neither an IPv4 address nor a last octet`);
  }
  if (start !== undefined) return [{ host: startText, port }];
  if (host.includes(":")) return [{ host, port }];
  if (!HOSTNAME.test(host)) throw new TargetError(target, "not a host name, address, range or CIDR");
  return [{ host, port }];
}

/** Expands every target, drops duplicates and keeps first-seen order. */
export function expandTargets(
  targets: readonly string[],
  opts: { defaultPort?: number; maxTargets?: number } = {},
): MinerEndpoint[] {
  const max = opts.maxTargets ?? DEFAULT_MAX_TARGETS;
  const seen = new Set<string>();
  const out: MinerEndpoint[] = [];
  for (const t of targets) {
    for (const e of expandTarget(t, { ...opts, maxTargets: max })) {
      const key = `${e.host}|${e.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
      if (out.length > max)
        throw new TargetError(t, `targets add up to more than ${max} endpoints (raise --max-targets)`);
    }
  }
  return out;
}
