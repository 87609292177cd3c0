import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Test scaffolding: replies captured from real units live in <repo>/fixtures/miners/<vendor>/ (each folder's README
// names the source). Not used by production code.
const FIXTURES_DIR = fileURLToPath(new URL("../../../../fixtures/miners/", import.meta.url));

export function readFixture(vendor: string, name: string): string {
  return readFileSync(`${FIXTURES_DIR}${vendor}/${name}`, "utf8");
}

export function readJsonFixture(vendor: string, name: string): Record<string, unknown> {
  return JSON.parse(readFixture(vendor, name)) as Record<string, unknown>;
}

/** Compact JSON, the way firmware sends it (the stored files are pretty-printed). */
export function wireJson(vendor: string, name: string): string {
  return JSON.stringify(readJsonFixture(vendor, name));
}
