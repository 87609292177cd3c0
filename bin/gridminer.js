#!/usr/bin/env node
// The published entry point runs the compiled CLI; `npm ci` builds it through the prepare script.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const compiled = fileURLToPath(new URL("../dist/src/cli/main.js", import.meta.url));
if (!existsSync(compiled)) {
  process.stderr.write("gridminer: compiled CLI not found; run `npm run build` first\n");
  process.exit(1);
}
await import(compiled);
