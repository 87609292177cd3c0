import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { hashPassword } from "../../api/auth/passwords.js";
import { formatApiToken, newTokenId, randomSecret, sha256Hex } from "../../api/auth/secrets.js";
import {
  password as passwordSchema,
  role as roleSchema,
  username as usernameSchema,
} from "../../api/http/schemas.js";
import { loadConfigFile } from "../../config/load.js";
import { configSchema } from "../../config/schema.js";
import { openStore } from "../../store/open-store.js";
import type { Role, Store } from "../../store/store.js";
import { renderTable } from "../table.js";

interface StoreFlags {
  config?: string;
  dataDir?: string;
  postgresUrl?: string;
}

const actor = () => `cli:${userInfo().username}`;

async function withStore<T>(flags: StoreFlags, fn: (store: Store) => Promise<T>): Promise<T> {
  const storage = flags.config === undefined ? undefined : loadConfigFile(configSchema, flags.config).storage;
  const dataDir = flags.dataDir ?? storage?.dataDir;
  const postgresUrl = flags.postgresUrl ?? storage?.postgresUrl;
  const { store } = await openStore({
    driver: flags.postgresUrl !== undefined ? "postgres" : (storage?.driver ?? "sqlite"),
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(postgresUrl === undefined ? {} : { postgresUrl }),
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function check<T>(
  what: string,
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`${what}: ${r.error.issues.map((i) => i.message).join("; ")}`);
  return r.data;
}

/** The password from stdin (--password-stdin), or typed twice at a terminal without echo. */
async function readPassword(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) {
    let text = "";
    for await (const chunk of process.stdin) text += String(chunk);
    return text.replace(/\r?\n$/, "");
  }
  if (!process.stdin.isTTY)
    throw new Error("no terminal to type a password at: pipe it in with --password-stdin");
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      // Echo nothing but the prompt.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(prompt)) process.stderr.write(prompt);
      };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stderr.write("\n");
        resolve(answer);
      });
    });
  const first = await ask("Password: ");
  if ((await ask("Again: ")) !== first) throw new Error("the two passwords differ");
  return first;
}

function storeOptions(c: Command): Command {
  return c
    .option("--config <file>", "take storage from this site configuration")
    .option(
      "--data-dir <dir>",
      "SQLite data directory (default: $GRIDMINER_DATA_DIR or ~/.local/share/gridminer)",
    )
    .option("--postgres-url <url>", "use this PostgreSQL database instead");
}

const fail = (e: unknown) => {
  process.stderr.write(`gridminer users: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
};

export function registerUsers(program: Command): void {
  const users = program
    .command("users")
    .description("Users and API tokens of the HTTP API (viewer, operator, admin)");
  storeOptions(
    users.command("add <username>").description("Create a user; the password is typed or piped in"),
  )
    .requiredOption("--role <role>", "viewer, operator or admin")
    .option("--password-stdin", "read the password from standard input")
    .action(async (name: string, o: StoreFlags & { role: string; passwordStdin?: boolean }) => {
      try {
        const username = check("username", usernameSchema, name);
        const role = check("--role", roleSchema, o.role) as Role;
        const pw = check("password", passwordSchema, await readPassword(o.passwordStdin));
        await withStore(o, async (store) => {
          const nowMs = Date.now();
          const created = await store.users.create({
            username,
            role,
            passwordHash: await hashPassword(pw),
            createdAtMs: nowMs,
            disabledAtMs: null,
          });
          if (!created)
            throw new Error(`user ${username} exists (change it with "gridminer users passwd" or the API)`);
          await store.audit.append({
            atMs: nowMs,
            actor: actor(),
            action: "user.create",
            target: username,
            result: "ok",
            detail: { role },
            remoteAddress: null,
          });
        });
        process.stdout.write(`created ${role} ${username}\n`);
      } catch (e) {
        fail(e);
      }
    });
  storeOptions(users.command("list").description("List users"))
    .option("--json", "one JSON object per user")
    .action(async (o: StoreFlags & { json?: boolean }) => {
      try {
        const list = await withStore(o, (store) => store.users.list());
        if (o.json)
          for (const { passwordHash: _h, ...u } of list) process.stdout.write(`${JSON.stringify(u)}\n`);
        else
          process.stdout.write(
            `${renderTable(
              ["user", "role", "created", "disabled"],
              list.map((u) => [
                u.username,
                u.role,
                new Date(u.createdAtMs).toISOString(),
                u.disabledAtMs === null ? "" : "yes",
              ]),
            )}\n`,
          );
      } catch (e) {
        fail(e);
      }
    });
  storeOptions(users.command("passwd <username>").description("Set a user's password and end their sessions"))
    .option("--password-stdin", "read the password from standard input")
    .action(async (name: string, o: StoreFlags & { passwordStdin?: boolean }) => {
      try {
        const pw = check("password", passwordSchema, await readPassword(o.passwordStdin));
        await withStore(o, async (store) => {
          if (!(await store.users.update(name, { passwordHash: await hashPassword(pw) })))
            throw new Error(`no user ${name}`);
          await store.sessions.removeForUser(name);
          await store.audit.append({
            atMs: Date.now(),
            actor: actor(),
            action: "user.password",
            target: name,
            result: "ok",
            detail: {},
            remoteAddress: null,
          });
        });
        process.stdout.write(`password of ${name} changed\n`);
      } catch (e) {
        fail(e);
      }
    });
  storeOptions(users.command("remove <username>").description("Remove a user")).action(
    async (name: string, o: StoreFlags) => {
      try {
        await withStore(o, async (store) => {
          if (!(await store.users.remove(name))) throw new Error(`no user ${name}`);
          await store.audit.append({
            atMs: Date.now(),
            actor: actor(),
            action: "user.remove",
            target: name,
            result: "ok",
            detail: {},
            remoteAddress: null,
          });
        });
        process.stdout.write(`removed ${name}\n`);
      } catch (e) {
        fail(e);
      }
    },
  );
  storeOptions(users.command("token").description("Create an API token for a machine (printed once)"))
    .requiredOption("--name <name>", "what the token is for, e.g. prometheus")
    .requiredOption("--role <role>", "viewer, operator or admin")
    .option("--expires-days <n>", "expire after this many days")
    .action(async (o: StoreFlags & { name: string; role: string; expiresDays?: string }) => {
      try {
        const role = check("--role", roleSchema, o.role) as Role;
        const days = o.expiresDays === undefined ? undefined : Number(o.expiresDays);
        if (days !== undefined && !(days > 0))
          throw new Error(`--expires-days "${o.expiresDays}": expected a positive number`);
        const id = newTokenId();
        const secret = randomSecret();
        await withStore(o, async (store) => {
          const nowMs = Date.now();
          await store.tokens.create({
            id,
            name: o.name,
            role,
            secretHash: sha256Hex(secret),
            createdBy: actor(),
            createdAtMs: nowMs,
            expiresAtMs: days === undefined ? null : nowMs + days * 86_400_000,
            revokedAtMs: null,
            lastUsedAtMs: null,
          });
          await store.audit.append({
            atMs: nowMs,
            actor: actor(),
            action: "token.create",
            target: o.name,
            result: "ok",
            detail: { id, role },
            remoteAddress: null,
          });
        });
        process.stdout.write(`${formatApiToken(id, secret)}\n`);
        process.stderr.write(`token ${id} (${role}) for ${o.name}: shown once, keep it safe\n`);
      } catch (e) {
        fail(e);
      }
    });
}
