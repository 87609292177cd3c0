// First start without an admin: a one-time token printed to the log lets whoever can read the log create the admin
// through POST /api/setup. There is no default password. The token is spent by its first valid use, and the admin
// is created only if none exists by then (the CLI may have made one meanwhile).
import type { Store } from "../../store/store.js";
import { randomSecret, sameSecret } from "./secrets.js";

export class SetupGate {
  private token: string | undefined;

  /** Issues a token when the store has no admin; returns it for the log, or undefined. */
  async open(store: Store): Promise<string | undefined> {
    this.token = (await store.users.countAdmins()) === 0 ? randomSecret(24) : undefined;
    return this.token;
  }

  get pending(): boolean {
    return this.token !== undefined;
  }

  /** true exactly once, for the right token. */
  consume(candidate: string): boolean {
    const t = this.token;
    if (t === undefined || !sameSecret(t, candidate)) return false;
    this.token = undefined;
    return true;
  }

  close(): void {
    this.token = undefined;
  }
}
