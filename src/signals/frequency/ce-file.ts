// Loading the bundled Continental-Europe frequency days (gzip or plain, told apart by the gzip magic bytes).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { bundledDataDir } from "../prices/bundled-data.js";
import { type CeFrequencyData, parseCeFrequencyCsv } from "./ce-csv.js";

const gunzipAsync = promisify(gunzip);

/** The days shipped in data/grid-frequency-ce/ (see its SOURCE.md). */
export const BUNDLED_CE_DAYS = ["2024-08-24", "2024-09-06"] as const;
export type BundledCeDay = (typeof BUNDLED_CE_DAYS)[number];

export function bundledCeFrequencyFile(day: BundledCeDay): string {
  return join(bundledDataDir(), "grid-frequency-ce", `freq_${day}.csv.gz`);
}

export async function loadCeFrequencyFile(path: string): Promise<CeFrequencyData> {
  const raw = await readFile(path);
  const bytes = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b ? await gunzipAsync(raw) : raw;
  // fatal: a file in another encoding must fail here, not turn into replacement characters in the numbers.
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  return parseCeFrequencyCsv(text, path);
}
