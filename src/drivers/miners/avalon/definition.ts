import { endpointLabel } from "../../../domain/driver.js";
import type { MinerDefinition } from "../../registry.js";
import { AvalonDriver } from "./driver.js";
import { AVALON_VENDOR, identifyAvalon, isAvalonVersion } from "./identify.js";
import { AVALON_MODELS } from "./models.js";

export const avalonDefinition = {
  vendor: AVALON_VENDOR,
  family: "Canaan Avalon (cgminer API, port 4028)",
  models: AVALON_MODELS.map((m) => m.model),
  matches: isAvalonVersion,
  create: ({ endpoint, client, clock, timeoutMs }, version) => {
    const identity = identifyAvalon(version, endpointLabel(endpoint));
    const driver = new AvalonDriver({ endpoint, client, clock, identity, timeoutMs });
    return { driver, identity };
  },
} satisfies MinerDefinition;
