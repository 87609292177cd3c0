export {
  type MeterRole,
  type MeterSettings,
  modbusMeterSchema,
  registerMapSchema,
  toModbusMeterConfig,
} from "./config.js";
export {
  METER_DEFAULTS,
  type MeterIdentity,
  type MeterProtocol,
  type MeterTransport,
  ModbusMeter,
  type ModbusMeterConfig,
} from "./modbus-meter.js";
export {
  REGISTER_MAP_QUANTITIES,
  type RegisterMap,
  type RegisterMapQuantity,
  type RegisterPoint,
  readRegisterMap,
  readRegisterPoint,
  validateRegisterMap,
} from "./register-map.js";
export {
  type DecodedMeter,
  exportPowerW,
  METER_QUANTITIES,
  type MeterQuantity,
  type MeterSample,
  type PowerSign,
  toImportPositive,
} from "./sample.js";
export {
  decodeMeterModel,
  findMeterModel,
  readSunSpecMeter,
  SUNSPEC_METER_MODEL_IDS,
} from "./sunspec-meter.js";
