// Request schemas shared by several routes. Strict objects: an unknown key is a 400 that names it.
import { z } from "zod";
import { ROLES } from "../../store/records.js";

export const role = z.enum(ROLES as unknown as ["viewer", "operator", "admin"]);

export const username = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,62}$/,
    "2–63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit",
  );

/** Long enough to resist guessing, short enough that hashing it cannot be used to burn CPU. */
export const password = z.string().min(10, "at least 10 characters").max(256, "at most 256 characters");

/** host:port as the runtime labels units (IPv6 in brackets); nothing that could walk a path. */
export const unitId = z
  .string()
  .max(64)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, "a unit id such as 127.0.1.5:4028")
  .refine((s) => !s.includes(".."), "a unit id such as 127.0.1.5:4028");

export const durationS = z
  .number()
  .int()
  .min(1)
  .max(7 * 86_400, "at most 7 days (604800 s)");

const msParam = z.coerce.number().int().min(0).max(8_640_000_000_000_000);

export const timeRangeQuery = z.strictObject({
  sinceMs: msParam.optional(),
  untilMs: msParam.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const unitParams = z.strictObject({ id: unitId });
export const usernameParams = z.strictObject({ username });

export const okResponse = z.object({ ok: z.literal(true) });
