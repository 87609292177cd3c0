// Identity strings of the emulated firmware. The A1566HA's own replies are not public: the shape follows the
// Avalon Q (fw 25052801, MM319, "MM ID0:Summary" + "HBinfo") and the A1566 (fw 24102401); see docs/emulator.md.
export const FIRMWARE = {
  prod: "AvalonMiner 1566HA",
  model: "1566HA",
  hwType: "MM4v3_X4",
  swType: "MM319",
  version: "25061801_a1566ha",
  cgminer: "4.11.1",
  api: "3.7",
  upapi: "2",
  driverName: "AVALON",
  driverDname: "avalon",
  chip: "A3197S",
  chipBin: 36,
  nonceMask: 25,
  /** Calibration flags of all three modes done (the Avalon Q reports 7 with three modes). */
  calibratedModesMask: 7,
  logIntervalS: 5,
  /** Options the Avalon Q (MM319, fw 25052801) lists for `ascset|0,help`; the emulator implements a subset. */
  ascsetHelp:
    "help|voltage|fan-spd|lcd|hash-sn-read|hash-sn-write|volt-tuning|workmode|worklevel|work_mode_lvl|reboot|softon|softoff|filter-clean|facopts|faclock|activate|solo-allowed|frequency|loop|password|qr_auth|time|",
} as const;

/** Voltages in 10 mV as PS[] reports them; the A1566HA's hash-rail voltage is an assumption. */
export const PSU = {
  controlVoltage: 1221,
  hashVoltage: 2400,
  standbyHashVoltage: 4,
  standbySetVoltage: 2245,
} as const;

export const POOL = {
  url: "stratum+tcp://pool.example.com:3333",
  stratumHost: "pool.example.com",
  /** Share difficulty a pool would give a ~480 TH/s unit (2^20). */
  shareDifficulty: 1_048_576,
  rejectFraction: 0.002,
  blockVersion: 536_870_912,
  networkDifficulty: 126_271_255_279_306.98,
} as const;
