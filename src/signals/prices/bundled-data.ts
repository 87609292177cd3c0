// The project ships its own copies of the public data sets under `data/` (see each folder's SOURCE.md), so that
// backtests and the demo run from a plain checkout or an installed package. This finds that folder from the module's
// own location, which differs between `src/` (tests) and `dist/src/` (built).

import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** Absolute path of the project's `data/` folder. */
export function bundledDataDir(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "data"))) {
      cached = join(dir, "data");
      return cached;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("the project's data/ folder was not found above this module");
    dir = parent;
  }
}

/** Path of a bundled JEPX yearly file, e.g. 2023 → data/jepx-spot/spot_summary_2023.csv.gz. */
export function bundledJepxSpotFile(year: number): string {
  return join(bundledDataDir(), "jepx-spot", `spot_summary_${year}.csv.gz`);
}

/** Years for which a JEPX yearly file is bundled. */
export function bundledJepxSpotYears(): number[] {
  return readdirSync(join(bundledDataDir(), "jepx-spot"))
    .map((name) => /^spot_summary_(\d{4})\.csv(\.gz)?$/.exec(name)?.[1])
    .filter((y): y is string => y !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}
