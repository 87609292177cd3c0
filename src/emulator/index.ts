export { addressRange, formatIpv4, parseIpv4 } from "./address.js";
export { createScaledClock, ManualClock } from "./clock.js";
export { EMULATED_COMMANDS, respond } from "./dispatch.js";
export {
  DEFAULT_SLOW_DELAY_MS,
  FAULT_KINDS,
  parseFaultSpec,
  selectUnits,
  type UnitFault,
  type UnitFaultKind,
  type UnitSelector,
} from "./faults.js";
export { FIRMWARE } from "./firmware.js";
export { type UnitIdentity, unitIdentity } from "./identity.js";
export { BindError, DEFAULT_RECV_TIMEOUT_MS } from "./listener.js";
export { DEFAULT_QUIRKS, type EmulatorQuirks } from "./replies/context.js";
export {
  DEFAULT_API_PORT,
  DEFAULT_BASE_ADDRESS,
  type EmulatedSite,
  type EmulatedSiteOptions,
  type EmulatedUnitInfo,
  type SiteSnapshot,
  startEmulatedSite,
  type UnitSnapshot,
} from "./site.js";
export { VirtualUnit } from "./unit.js";
