import type { MinerModelSpec } from "../../../domain/miner.js";

// Canaan publishes no per-mode figures for the A1566HA. The catalogue nameplate (480 TH/s, 8,064 W, 16.8 J/TH)
// is taken as mode 1 (Standard), as on the air-cooled A1566 whose WORKMODE[1] is its default. Eco and Super are
// assumptions scaled from the Avalon Q's documented 800/1300/1600 W ladder, flattened because a hydro unit has no
// fan power to shed: Eco 80 % of nameplate power at 86 % hashrate, Super 110 % power at 106 % hashrate.
// Standby draw is assumed from the Avalon Q's PS[6]=146 W in soft-off, scaled to the larger control electronics.
// Replace these with MPO and PS[6] readings from site hardware (see docs/emulator.md).
export const A1566HA: MinerModelSpec = {
  vendor: "canaan",
  model: "A1566HA",
  hashBoards: 4,
  chipsPerBoard: 160,
  fans: 0,
  cooling: "hydro",
  nameplatePowerW: 8064,
  nameplateHashrateThs: 480,
  standbyPowerW: 120,
  modes: [
    { mode: 0, name: "Eco", powerW: 6451, hashrateThs: 413 },
    { mode: 1, name: "Standard", powerW: 8064, hashrateThs: 480 },
    { mode: 2, name: "Super", powerW: 8870, hashrateThs: 509 },
  ],
};

// The air-cooled A1566 ("15-194"): the one mode with real telemetry is mode 1 (WALLPOWER 3731 W, GHSmm 201.9 TH/s).
export const A1566: MinerModelSpec = {
  vendor: "canaan",
  model: "A1566",
  hashBoards: 3,
  chipsPerBoard: 160,
  fans: 2,
  cooling: "air",
  nameplatePowerW: 3731,
  nameplateHashrateThs: 185,
  standbyPowerW: 60,
  modes: [
    { mode: 0, name: "Eco", powerW: 3100, hashrateThs: 165 },
    { mode: 1, name: "Standard", powerW: 3731, hashrateThs: 185 },
    { mode: 2, name: "Super", powerW: 4100, hashrateThs: 197 },
  ],
};

// Avalon Q: MPO 800/1300/1600 W per mode is documented (ha_avalonq README); hashrates from GHSmm in the fixtures
// (Eco 55.0 TH/s, Super 96.8 TH/s), Standard interpolated.
export const AVALON_Q: MinerModelSpec = {
  vendor: "canaan",
  model: "Q",
  hashBoards: 1,
  chipsPerBoard: 160,
  fans: 4,
  cooling: "air",
  nameplatePowerW: 1670,
  nameplateHashrateThs: 90,
  standbyPowerW: 146,
  modes: [
    { mode: 0, name: "Eco", powerW: 850, hashrateThs: 55 },
    { mode: 1, name: "Standard", powerW: 1370, hashrateThs: 80 },
    { mode: 2, name: "Super", powerW: 1670, hashrateThs: 96.8 },
  ],
};

export const AVALON_MODELS: readonly MinerModelSpec[] = [A1566HA, A1566, AVALON_Q];

export function avalonModelSpec(model: string): MinerModelSpec | undefined {
  return AVALON_MODELS.find((m) => m.model.toLowerCase() === model.toLowerCase());
}
