// argon2id through @node-rs/argon2 (its Linux binary ships inside the npm package), with m = 7 MiB, t = 5, p = 1:
// one of the settings OWASP lists as equivalent to its m = 19 MiB, t = 2 minimum. The smaller memory matters to a
// long-running server: each check runs on a libuv thread, and glibc keeps a thread's freed 19 MiB block in that
// thread's arena, so a few logins would leave ~80 MB resident. A stored hash keeps the parameters it was made with.
import { hash, type Options, verify } from "@node-rs/argon2";

/** Algorithm 2 is argon2id (the package's enum is a const enum, which isolated modules cannot import). */
export const ARGON2_PARAMS: Options = { algorithm: 2, memoryCost: 7168, timeCost: 5, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed login, not a server error.
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Spends the same time as a real check, so that an unknown username cannot be told apart by the reply time. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hash("gridminer-no-such-user");
  await verifyPassword(await dummy, password);
}
