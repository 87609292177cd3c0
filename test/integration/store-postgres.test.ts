// The Store contract against a real PostgreSQL: every test gets a fresh schema, and every schema this run created is
// dropped afterwards, since the server may be shared.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { numberPlaceholders } from "../../src/store/postgres/postgres-driver.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { runStoreContract } from "../contracts/store.contract.js";
import { postgresAnswers, TEST_POSTGRES_URL } from "./pg-available.js";

const up = await postgresAnswers();
const RUN = `gm_test_${randomBytes(4).toString("hex")}`;
let n = 0;
const schemaOf = () => `${RUN}_${++n}`;

afterAll(async () => {
  if (!up) return;
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  const r = await client.query<{ nspname: string }>(
    "SELECT nspname FROM pg_namespace WHERE nspname LIKE $1",
    [`${RUN}\\_%`],
  );
  for (const { nspname } of r.rows) await client.query(`DROP SCHEMA ${nspname} CASCADE`);
  await client.end();
});

if (up) {
  runStoreContract("postgres", () => PostgresStore.open({ url: TEST_POSTGRES_URL, schema: schemaOf() }));
}

const suite = up ? describe : describe.skip;
suite(
  up ? "PostgresStore" : `PostgresStore (skipped: nothing answers at ${new URL(TEST_POSTGRES_URL).host})`,
  () => {
    it("migrates once even when two processes open the same schema at the same time", async () => {
      const schema = schemaOf();
      const [a, b] = await Promise.all([
        PostgresStore.open({ url: TEST_POSTGRES_URL, schema }),
        PostgresStore.open({ url: TEST_POSTGRES_URL, schema }),
      ]);
      expect(await a.schemaVersions()).toEqual([1, 2]);
      await a.appendDecision({
        atMs: 1,
        targetPowerW: 2,
        previousTargetPowerW: null,
        windowMinW: 0,
        windowMaxW: 3,
        measuredPowerW: null,
        reasons: [],
        commands: [],
      });
      expect((await b.listDecisions()).map((d) => d.targetPowerW)).toEqual([2]);
      await Promise.all([a.close(), b.close()]);
      const c = await PostgresStore.open({ url: TEST_POSTGRES_URL, schema });
      expect(await c.schemaVersions()).toEqual([1, 2]);
      await c.close();
    });

    it("refuses a schema name that could smuggle SQL", async () => {
      await expect(
        PostgresStore.open({ url: TEST_POSTGRES_URL, schema: "x; DROP TABLE users" }),
      ).rejects.toThrow(/postgres schema/);
    });
  },
);

describe("postgres placeholders", () => {
  it("numbers ? placeholders in order", () => {
    expect(numberPlaceholders("SELECT ? WHERE a = ? AND b IN (?, ?)")).toBe(
      "SELECT $1 WHERE a = $2 AND b IN ($3, $4)",
    );
  });
});
