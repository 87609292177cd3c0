import { connect } from "node:net";

// PostgreSQL for the store suites: 127.0.0.1:5432 with trust auth, or GRIDMINER_TEST_POSTGRES_URL.
export const TEST_POSTGRES_URL =
  process.env.GRIDMINER_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export function postgresAnswers(url = TEST_POSTGRES_URL): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 5432) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
