import type { Command } from "commander";
import { parseOadrVersion } from "../../signals/openadr3/version.js";
import {
  DEFAULT_CLIENTS,
  parseClientSpec,
  startVtn,
  type VtnClient,
} from "../../signals/openadr3/vtn/index.js";

interface VtnCliOptions {
  port: string;
  host: string;
  version: string;
  client: string[];
  tokenLifetime: string;
  quiet?: boolean;
}

function intOption(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} "${text}": expected an integer ≥ ${min}`);
  return n;
}

export function registerVtn(program: Command): void {
  // The program's own -V/--version would otherwise swallow `vtn --version 3.0.1`: with positional options the program
  // reads only options placed before the subcommand name, which changes nothing for its -V and -h.
  program.enablePositionalOptions();
  program
    .command("vtn")
    .description("Run a small in-memory OpenADR 3 VTN, to create demand-response events by hand")
    .option("--port <port>", "TCP port to listen on", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--version <version>", "OpenADR version spoken on the wire: 3.0.1 or 3.1.0", "3.1.0")
    .option(
      "--client <id:secret[:bl|ven]>",
      "a client allowed to get tokens (repeatable; role defaults to ven). Default: bl_client:1001:bl, ven_client:999:ven",
      (spec: string, all: string[]) => [...all, spec],
      [] as string[],
    )
    .option("--token-lifetime <s>", "lifetime of issued tokens in seconds", "3600")
    .option("--quiet", "do not log requests")
    .action(async (opts: VtnCliOptions) => {
      const version = parseOadrVersion(opts.version);
      const clients = opts.client.length > 0 ? opts.client.map(parseClientSpec) : [...DEFAULT_CLIENTS];
      const vtn = await startVtn({
        version,
        clients,
        host: opts.host,
        port: intOption("port", opts.port, 0),
        tokenLifetimeS: intOption("token-lifetime", opts.tokenLifetime, 1),
        ...(opts.quiet ? {} : { onLog: (line: string) => process.stderr.write(`${line}\n`) }),
      });
      process.stdout.write(instructions(vtn.url, version, clients));
      // Listening (not once) so that a second signal during shutdown does not fall back to the default exit.
      let stop = (): void => {};
      const stopped = new Promise<void>((resolve) => {
        stop = resolve;
      });
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
      await stopped;
      await vtn.close();
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    });
}

export function instructions(url: string, version: string, clients: readonly VtnClient[]): string {
  const bl = clients.find((c) => c.role === "bl");
  const descriptor =
    version === "3.1.0"
      ? '{"objectType":"EVENT_PAYLOAD_DESCRIPTOR","payloadType":"IMPORT_CAPACITY_LIMIT","units":"KW"}'
      : '{"payloadType":"IMPORT_CAPACITY_LIMIT","units":"KW"}';
  const lines = [
    `OpenADR ${version} VTN listening on ${url} (objects kept in memory; Ctrl-C stops it)`,
    `clients: ${clients.map((c) => `${c.clientId} (${c.role})`).join(", ")}`,
    "",
  ];
  if (!bl) {
    lines.push(
      "No business-logic client (role bl) is configured, so no program or event can be created.",
      "",
    );
    return `${lines.join("\n")}\n`;
  }
  lines.push(
    "Create a program and a 1 MW import limit that starts now and lasts one hour:",
    "",
    `  TOKEN=$(curl -s -X POST ${url}/auth/token -d grant_type=client_credentials \\`,
    `    -d client_id=${bl.clientId} -d client_secret=${bl.clientSecret} | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
    "",
    `  curl -s -X POST ${url}/programs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
    `    -d '{"programName":"site-dr"}'`,
    "",
    "  # programID: the id the call above returned",
    `  curl -s -X POST ${url}/events -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
    `    -d '{"programID":"program-1","eventName":"cap-1MW","priority":0,`,
    `         "payloadDescriptors":[${descriptor}],`,
    `         "intervalPeriod":{"start":"0001-01-01T00:00:00Z","duration":"PT1H"},`,
    `         "intervals":[{"id":0,"payloads":[{"type":"IMPORT_CAPACITY_LIMIT","values":[1000]}]}]}'`,
    "",
    `  curl -s ${url}/events -H "Authorization: Bearer $TOKEN"     # list events`,
    `  curl -s -X DELETE ${url}/events/<eventID> -H "Authorization: Bearer $TOKEN"     # cancel one`,
    "",
    "A VEN polls GET /events and maps IMPORT_CAPACITY_LIMIT 1000 KW to a 1,000,000 W import limit.",
    "See docs/openadr3.md for the other payloads (SIMPLE, PRICE, DISPATCH_SETPOINT, alerts).",
    "",
  );
  return `${lines.join("\n")}\n`;
}
