// What the dashboard's browser tests share: Debian's Chromium driven by playwright-core (which never downloads a
// browser), and a fresh build of web/ into a temporary folder so the tests never serve a stale dist/web.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_REASON = `${CHROMIUM} is not installed (apt-get install chromium); the dashboard's browser tests skip`;

const ROOT = join(import.meta.dirname, "..", "..");

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Builds web/ with Vite in a child process (the test process runs under vitest's own Vite). */
export async function buildDashboard(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "gridminer-web-"));
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, "node_modules", "vite", "bin", "vite.js"),
      "build",
      "web",
      "--outDir",
      dir,
      "--emptyOutDir",
      "--logLevel",
      "error",
    ],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: "production" }, timeout: 120_000 },
  );
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Browser-side problems worth failing a test for: script errors and refusals by the Content-Security-Policy. A
 * failed request shows as a console error too, so statuses the test expects (401 before login, 403 for a viewer)
 * are left out.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const text = m.text();
    if (/Failed to load resource: the server responded with a status of (401|403|409)/.test(text)) return;
    errors.push(`console: ${text}`);
  });
  return errors;
}

/** Where screenshots go when GRIDMINER_SCREENSHOTS names a folder; none are taken otherwise. */
export function screenshotPath(name: string): string | undefined {
  const dir = process.env.GRIDMINER_SCREENSHOTS;
  return dir ? join(dir, `${name}.png`) : undefined;
}
