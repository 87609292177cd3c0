// Home Assistant MQTT discovery: one retained config message per sensor under
// <discoveryPrefix>/sensor/<siteId>/<object>/config, all reading the one retained site-state message.
import type { SiteStateView } from "../views.js";

export interface SensorSpec {
  object: string;
  name: string;
  /** Key in the state JSON. */
  key: keyof MqttSiteState;
  unit: string;
  deviceClass?: string;
}

/** The retained site state on <prefix>/site/state. */
export interface MqttSiteState {
  site: string;
  at: string | null;
  power_w: number | null;
  target_w: number | null;
  hashrate_ths: number;
  surplus_w: number | null;
  price_jpy_per_kwh: number | null;
  units_hashing: number;
  units_total: number;
  overrides: number;
}

export const SENSORS: readonly SensorSpec[] = [
  { object: "site_power", name: "Site power", key: "power_w", unit: "W", deviceClass: "power" },
  { object: "target_power", name: "Target power", key: "target_w", unit: "W", deviceClass: "power" },
  { object: "hashrate", name: "Hashrate", key: "hashrate_ths", unit: "TH/s" },
  { object: "surplus", name: "Renewable surplus", key: "surplus_w", unit: "W", deviceClass: "power" },
  { object: "price", name: "Energy price", key: "price_jpy_per_kwh", unit: "JPY/kWh" },
  { object: "units_hashing", name: "Units hashing", key: "units_hashing", unit: "units" },
];

/** HA object ids allow [a-zA-Z0-9_-]; a site name becomes e.g. "kyushu_pilot". */
export function siteIdOf(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return id === "" ? "site" : id.slice(0, 64);
}

export function mqttSiteState(s: SiteStateView): MqttSiteState {
  return {
    site: s.site,
    at: s.atMs === null ? null : new Date(s.atMs).toISOString(),
    // What the grid sees: the meter when there is one, the units' own reports otherwise.
    power_w: s.measuredPowerW ?? s.reportedPowerW,
    target_w: s.targetPowerW,
    hashrate_ths: Math.round(s.hashrateThs * 10) / 10,
    surplus_w: s.surplusW,
    price_jpy_per_kwh: s.priceJpyPerKwh,
    units_hashing: s.units.byState.hashing ?? 0,
    units_total: s.units.total,
    overrides: s.overrides,
  };
}

export function discoveryMessages(o: {
  discoveryPrefix: string;
  siteId: string;
  siteName: string;
  stateTopic: string;
  availabilityTopic: string;
  version: string;
}): { topic: string; payload: string }[] {
  const device = {
    identifiers: [`gridminer_${o.siteId}`],
    name: `gridminer ${o.siteName}`,
    manufacturer: "gridminer",
    model: "site controller",
    sw_version: o.version,
  };
  return SENSORS.map((s) => ({
    topic: `${o.discoveryPrefix}/sensor/${o.siteId}/${s.object}/config`,
    payload: JSON.stringify({
      name: s.name,
      unique_id: `gridminer_${o.siteId}_${s.object}`,
      object_id: `gridminer_${o.siteId}_${s.object}`,
      state_topic: o.stateTopic,
      value_template: `{{ value_json.${s.key} }}`,
      unit_of_measurement: s.unit,
      state_class: "measurement",
      ...(s.deviceClass === undefined ? {} : { device_class: s.deviceClass }),
      availability_topic: o.availabilityTopic,
      payload_available: "online",
      payload_not_available: "offline",
      device,
    }),
  }));
}
