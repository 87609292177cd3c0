// The live stream (server-sent events, one "tick" event per control-loop tick), Prometheus metrics and the OpenAPI
// document.
import type { ServerResponse } from "node:http";
import { z } from "zod";
import type { ApiContext } from "../context.js";
import { HttpError } from "../http/errors.js";
import { type AnyRoute, route } from "../http/route.js";
import type { SiteMetrics } from "../metrics/site-metrics.js";
import { siteState } from "../views.js";

const HEARTBEAT_MS = 15_000;

export interface LiveOptions {
  metrics: SiteMetrics;
  publicMetrics: boolean;
  maxStreams: number;
  openapi: () => unknown;
  /** Open streams, so that closing the server can end them. */
  streams: Set<ServerResponse>;
}

export function liveRoutes(ctx: ApiContext, o: LiveOptions): AnyRoute[] {
  const { runtime } = ctx;
  return [
    route({
      method: "GET",
      url: "/api/stream",
      tag: "live",
      summary:
        "Server-sent events: the site state after every tick (event 'tick'), and the last one on connect",
      access: "viewer",
      produces: "text/event-stream",
      handler: async ({ req, reply }) => {
        if (o.streams.size >= o.maxStreams)
          throw new HttpError(503, `too many live streams (${o.maxStreams})`);
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-store",
          connection: "keep-alive",
          // Reverse proxies must not buffer the stream.
          "x-accel-buffering": "no",
        });
        res.write("retry: 5000\n\n");
        const send = (t = runtime.lastTick()) => {
          if (!t) return;
          res.write(
            `event: tick\nid: ${t.decision.nowMs}\ndata: ${JSON.stringify(siteState(runtime, t))}\n\n`,
          );
        };
        send();
        const off = runtime.onTick((t) => send(t));
        const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), HEARTBEAT_MS);
        o.streams.add(res);
        const end = () => {
          off();
          clearInterval(heartbeat);
          o.streams.delete(res);
        };
        req.raw.on("close", end);
        res.on("close", end);
      },
    }),
    route({
      method: "GET",
      url: "/metrics",
      tag: "live",
      summary: "Prometheus metrics: site, units, signals, control loop",
      access: o.publicMetrics ? "public" : "viewer",
      produces: "text/plain; version=0.0.4; charset=utf-8",
      response: z.string(),
      handler: async () => o.metrics.registry.metrics(),
    }),
    route({
      method: "GET",
      url: "/openapi.json",
      tag: "live",
      summary: "This API's OpenAPI 3.1 document",
      access: "public",
      handler: async () => o.openapi(),
    }),
  ];
}
