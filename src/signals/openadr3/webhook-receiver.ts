// The VEN's callback endpoint for subscription notifications. It answers the VTN's callback check (Definition 3.1.0
// §Webhooks: GET callbackUrl?echo=<random> must get 200 with the value as the body) and accepts notifications that
// carry the bearer token the subscription gave, handing them to the VEN.
import { timingSafeEqual } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import type { NotificationOutcome } from "./ven.js";

export interface WebhookReceiverOptions {
  readonly handleNotification: (body: unknown) => NotificationOutcome;
  /** The token given in the subscription; notifications without it are refused with 401. */
  readonly bearerToken: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly path?: string;
  /** The URL the VTN reaches this endpoint at, when it differs (proxy, NAT); used for callbackUrl. */
  readonly publicUrl?: string;
}

export interface WebhookReceiver {
  /** What to put in subscription.objectOperations[].callbackUrl. */
  readonly callbackUrl: string;
  /** Notifications received, accepted or not. */
  readonly received: () => number;
  /** Echo challenges answered. */
  readonly challenges: () => number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const path = options.path ?? "/openadr3/notifications";
  const app: FastifyInstance = Fastify({ logger: false });
  let received = 0;
  let challenges = 0;

  app.get(path, async (request, reply) => {
    const echo = (request.query as Record<string, unknown>).echo;
    if (typeof echo !== "string") return reply.code(400).type("text/plain").send("missing echo");
    challenges++;
    return reply.code(200).type("text/plain").send(echo);
  });

  app.post(path, async (request, reply) => {
    if (!hasBearer(request.headers.authorization, options.bearerToken)) {
      return reply
        .code(401)
        .send({ title: "Unauthorized", status: 401, detail: "bearer token does not match" });
    }
    received++;
    const outcome = options.handleNotification(request.body);
    if (!outcome.accepted) {
      return reply
        .code(400)
        .send({ title: "Bad Request", status: 400, detail: outcome.message ?? "rejected" });
    }
    return reply.code(200).send();
  });

  const address = await app.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 0 });
  return {
    callbackUrl: `${options.publicUrl ?? address}${path}`,
    received: () => received,
    challenges: () => challenges,
    close: () => app.close(),
  };
}

function hasBearer(header: string | undefined, expected: string): boolean {
  const prefix = "Bearer ";
  if (header === undefined || !header.startsWith(prefix)) return false;
  const got = Buffer.from(header.slice(prefix.length));
  const want = Buffer.from(expected);
  return got.length === want.length && timingSafeEqual(got, want);
}
