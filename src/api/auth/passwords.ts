// argon2id through @node-rs/argon2 (its Linux binary ships inside the npm package). The library defaults are
// argon2id with m = 19 MiB, t = 2, p = 1: OWASP's recommended minimum, about 50 ms here.
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
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
