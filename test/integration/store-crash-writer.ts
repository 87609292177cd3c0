// Child process for store-crash.test.ts: writes decisions and unit batches as fast as it can and prints each one
// after its commit returned, until it is killed.
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";

const file = process.argv[2];
if (file === undefined) throw new Error("usage: store-crash-writer <file>");
const UNITS = 20;
const store = new SqliteStore(file);
for (let i = 1; ; i++) {
  const id = await store.appendDecision({
    atMs: i,
    targetPowerW: i * 1000,
    previousTargetPowerW: null,
    windowMinW: 0,
    windowMaxW: 4_500_000,
    measuredPowerW: null,
    reasons: [{ rule: "crash", effect: `row ${i}`, detail: "x".repeat(200) }],
    commands: [],
  });
  process.stdout.write(`d ${id} ${i}\n`);
  await store.telemetry.appendUnits(
    Array.from({ length: UNITS }, (_, u) => ({
      atMs: i,
      unitId: `u${u}`,
      state: "hashing",
      powerW: 8000,
      hashrateThs: 480,
      coolantOutletC: 50,
    })),
  );
  process.stdout.write(`u ${i}\n`);
}
