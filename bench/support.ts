import type { MinerEndpoint } from "../src/domain/driver.js";
import { formatIpv4 } from "../src/runtime/fleet/targets.js";

export function addressRangeEndpoints(baseAddress: string, count: number, port: number): MinerEndpoint[] {
  const base = baseAddress.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
  return Array.from({ length: count }, (_, i) => ({ host: formatIpv4(base + i), port }));
}
