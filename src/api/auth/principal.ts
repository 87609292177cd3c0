import type { Role } from "../../store/records.js";

/** Who is asking: a logged-in user or a machine with an API token. */
export interface Principal {
  kind: "user" | "token";
  /** For the audit log: the username, or "token:<id>". */
  name: string;
  role: Role;
  /** The session's hash, for logout. */
  sessionHash?: string;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Roles are ordered: an operator can do what a viewer can, an admin what an operator can. */
export function allows(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}
