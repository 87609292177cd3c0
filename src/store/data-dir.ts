import { homedir } from "node:os";
import { join } from "node:path";

/** --data-dir wins, then GRIDMINER_DATA_DIR, then the XDG data home. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined && flag !== "") return flag;
  if (env.GRIDMINER_DATA_DIR) return env.GRIDMINER_DATA_DIR;
  const xdg =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME !== "" ? env.XDG_DATA_HOME : join(homedir(), ".local", "share");
  return join(xdg, "gridminer");
}

export function sqliteFile(dataDir: string): string {
  return join(dataDir, "gridminer.sqlite");
}
