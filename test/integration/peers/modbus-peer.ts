// Runs modbus_peer.py (pymodbus, an implementation independent of the one under test) as a child process.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { connect, createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** Debian's python3-pymodbus installs for the system interpreter, not for a pyenv or venv python on PATH. */
export const SYSTEM_PYTHON = "/usr/bin/python3";
export const CI_APT_LINE = "apt-get update && apt-get install -y python3-pymodbus";
const SCRIPT = fileURLToPath(new URL("./modbus_peer.py", import.meta.url));

export type Availability = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function pymodbusAvailability(): Availability {
  const probe = spawnSync(SYSTEM_PYTHON, ["-c", "import pymodbus.server, pymodbus.datastore"], {
    encoding: "utf8",
    timeout: 20_000,
  });
  if (probe.error !== undefined) {
    return {
      ok: false,
      reason: `${SYSTEM_PYTHON} not runnable (${probe.error.message}); install with: ${CI_APT_LINE}`,
    };
  }
  if (probe.status !== 0) {
    const why = probe.stderr.trim().split("\n").at(-1) ?? `exit ${probe.status}`;
    return {
      ok: false,
      reason: `${SYSTEM_PYTHON} cannot import pymodbus (${why}); install with: ${CI_APT_LINE}`,
    };
  }
  return { ok: true };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export class ModbusPeer {
  readonly port: number;
  readonly imagePath: string;
  private child: ChildProcess | undefined;
  private stderr = "";

  private constructor(port: number, imagePath: string) {
    this.port = port;
    this.imagePath = imagePath;
  }

  static async start(imagePath: string, port?: number): Promise<ModbusPeer> {
    const peer = new ModbusPeer(port ?? (await freePort()), imagePath);
    await peer.spawn();
    return peer;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the server again on the same port, as a device coming back after a power cycle. */
  async restart(): Promise<void> {
    await this.kill();
    await this.spawn();
  }

  /** SIGKILL: the process dies without closing anything itself, as a device losing power. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL");
    await exited;
  }

  private async spawn(): Promise<void> {
    this.stderr = "";
    const child = spawn(SYSTEM_PYTHON, [SCRIPT, "--port", String(this.port), "--image", this.imagePath], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-4000);
    });
    this.child = child;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`modbus peer exited with ${child.exitCode}: ${this.stderr}`);
      }
      if (await canConnect(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.kill();
    throw new Error(`modbus peer did not listen on ${this.port} within 15 s: ${this.stderr}`);
  }
}
