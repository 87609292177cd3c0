// What the VEN does when things go wrong: an unreachable or failing VTN, invalid data from the VTN, callbacks that do
// not answer, notifications without the right token, and its own invalid requests. It reports and carries on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OpenAdr3BlClient } from "../../src/signals/openadr3/bl-client.js";
import type { ContractViolation, VenProblem } from "../../src/signals/openadr3/errors.js";
import { OpenAdr3Ven, type VenOptions } from "../../src/signals/openadr3/ven.js";
import { OADR_VERSIONS, type OadrVersion } from "../../src/signals/openadr3/version.js";
import { startVtn, type VtnServer } from "../../src/signals/openadr3/vtn/index.js";
import { startWebhookReceiver } from "../../src/signals/openadr3/webhook-receiver.js";

const SITE = { maxImportW: 4_500_000 };
const CLIENTS = [
  { clientId: "bl_client", clientSecret: "1001", role: "bl" as const },
  { clientId: "ven_client", clientSecret: "999", role: "ven" as const },
];

describe.each(OADR_VERSIONS)("OpenADR %s: VEN resilience", (version: OadrVersion) => {
  let violations: ContractViolation[];
  let problems: VenProblem[];
  let slept: number[];
  let vtn: VtnServer;
  let bl: OpenAdr3BlClient;
  let ven: OpenAdr3Ven | undefined;

  /** A VEN whose backoff sleeps are recorded and skipped, unless `realSleeps`. */
  function makeVen(extra: Partial<VenOptions> = {}, realSleeps = false): OpenAdr3Ven {
    ven = new OpenAdr3Ven({
      version,
      vtnUrl: vtn.url,
      venName: "gridminer-site-1",
      credentials: { clientId: "ven_client", clientSecret: "999" },
      ...(realSleeps ? {} : { sleep: async (ms: number) => void slept.push(ms) }),
      random: () => 0.5,
      onProblem: (p) => problems.push(p),
      onViolation: (v) => violations.push(v),
      ...extra,
    });
    return ven;
  }

  async function program(): Promise<string> {
    const p = await bl.createProgram({ programName: "site-dr" });
    if (!p.ok) throw new Error(p.error.message);
    return p.value.id;
  }

  beforeEach(async () => {
    violations = [];
    problems = [];
    slept = [];
    vtn = await startVtn({ version, clients: CLIENTS, onViolation: (v) => violations.push(v) });
    bl = new OpenAdr3BlClient({
      version,
      vtnUrl: vtn.url,
      credentials: { clientId: "bl_client", clientSecret: "1001" },
      onViolation: (v) => violations.push(v),
    });
  });

  afterEach(async () => {
    await ven?.stop();
    ven = undefined;
    await vtn.close();
  });

  it("reports an unreachable VTN after retrying with backoff, without throwing", async () => {
    const url = vtn.url;
    await vtn.close();
    vtn = await startVtn({ version, clients: CLIENTS });
    const v = makeVen({ vtnUrl: url });
    const outcome = await v.pollOnce();
    expect(outcome).toEqual({ ok: false });
    expect(slept).toEqual([500, 1000, 2000]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: "request-failed" });
    expect(problems[0]?.message).toMatch(/^GET \/programs: .*(ECONNREFUSED|fetch failed)/);
    expect(v.activeSignals(SITE)).toMatchObject({ alerts: [], gridEvents: [] });
    expect(violations).toEqual([]);
  });

  it("stops at once, even in the middle of retrying an unreachable VTN", async () => {
    const url = vtn.url;
    await vtn.close();
    vtn = await startVtn({ version, clients: CLIENTS });
    const v = makeVen({ vtnUrl: url, retry: { initialDelayMs: 5_000 } }, true);
    const startedMs = Date.now();
    const poll = v.pollOnce();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await v.stop();
    expect(await poll).toEqual({ ok: false });
    expect(Date.now() - startedMs).toBeLessThan(2_000);
  });

  it("retries a 503 and then succeeds", async () => {
    let failures = 1;
    const flaky: typeof fetch = async (input, init) => {
      if (new URL(String(input)).pathname === "/programs" && failures-- > 0) {
        return new Response(JSON.stringify({ title: "Service Unavailable", status: 503 }), { status: 503 });
      }
      return fetch(input, init);
    };
    const v = makeVen({ fetch: flaky });
    expect(await v.pollOnce()).toMatchObject({ ok: true });
    expect(slept).toEqual([500]);
    expect(problems).toEqual([]);
  });

  it("ignores an invalid event from the VTN, naming its id and field, and keeps using the valid ones", async () => {
    const programID = await program();
    const valid = await bl.createEvent({
      programID,
      payloadDescriptors: [bl.descriptor("SIMPLE")],
      intervalPeriod: { start: "0001-01-01T00:00:00Z", duration: "P9999Y" },
      intervals: [{ id: 0, payloads: [{ type: "SIMPLE", values: [1] }] }],
    });
    expect(valid.ok).toBe(true);
    vtn.store.putRaw("event", {
      id: "broken-1",
      createdDateTime: "2025-06-25T00:00:00Z",
      modificationDateTime: "2025-06-25T00:00:00Z",
      objectType: "EVENT",
      programID,
      intervalPeriod: { start: "0001-01-01T00:00:00Z", duration: "one hour" },
      intervals: [{ id: 0, payloads: [{ type: "SIMPLE", values: [3] }] }],
    });
    const v = makeVen();
    expect(await v.pollOnce()).toMatchObject({ ok: true, events: { added: 1, rejected: 1 } });
    expect(problems).toEqual([
      {
        kind: "invalid-object",
        objectId: "broken-1",
        field: "/intervalPeriod/duration",
        message: expect.stringMatching(
          /^event "broken-1" ignored: \/intervalPeriod\/duration must match pattern/,
        ),
      },
    ]);
    expect(v.activeSignals(SITE).shedLevel?.value).toBe(1);
    // Both sides saw the VTN serve a list that breaks the document.
    expect(new Set(violations.map((x) => `${x.side} ${x.operationId}`))).toEqual(
      new Set(["vtn searchAllEvents", "ven searchAllEvents"]),
    );
  });

  it("reports a payload it cannot use once, naming the event, and keeps the others", async () => {
    const programID = await program();
    const created = await bl.createEvent({
      programID,
      payloadDescriptors: [bl.descriptor("IMPORT_CAPACITY_LIMIT"), bl.descriptor("SIMPLE")],
      intervalPeriod: { start: "0001-01-01T00:00:00Z", duration: "P9999Y" },
      intervals: [
        {
          id: 0,
          payloads: [
            { type: "IMPORT_CAPACITY_LIMIT", values: [1000] },
            { type: "SIMPLE", values: [2] },
          ],
        },
      ],
    });
    if (!created.ok) throw new Error(created.error.message);
    const v = makeVen();
    await v.pollOnce();
    v.activeSignals(SITE);
    const signals = v.activeSignals(SITE);
    expect(signals.shedLevel?.value).toBe(2);
    expect(signals.importLimitW).toBeUndefined();
    expect(problems).toEqual([
      {
        kind: "payload",
        message: `event "${created.value.id}" interval 0: IMPORT_CAPACITY_LIMIT has no units in its payload descriptor and no default power unit is configured; ignored`,
      },
    ]);
  });

  it("refuses a notification that does not carry the subscription's bearer token", async () => {
    const v = makeVen();
    const receiver = await startWebhookReceiver({
      bearerToken: "right",
      handleNotification: (b) => v.handleNotification(b),
    });
    try {
      const res = await fetch(receiver.callbackUrl, {
        method: "POST",
        headers: { authorization: "Bearer wrong", "content-type": "application/json" },
        body: JSON.stringify({ objectType: "EVENT", operation: "DELETE", object: { id: "x" } }),
      });
      expect(res.status).toBe(401);
      expect(receiver.received()).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it("ignores a notification that breaks the document, with a clear problem", async () => {
    const v = makeVen();
    const outcome = v.handleNotification({ objectType: "EVENT", operation: "EXPLODE", object: {} });
    expect(outcome.accepted).toBe(false);
    expect(problems[0]).toMatchObject({ kind: "notification", field: "/operation" });
  });

  it("is refused a subscription whose callback does not answer the echo challenge", async () => {
    const programID = await program();
    const v = makeVen();
    await v.pollOnce();
    const silent = await startWebhookReceiver({
      bearerToken: "t",
      handleNotification: () => ({ accepted: true }),
    });
    const deadUrl = silent.callbackUrl;
    await silent.close();
    const r = await v.subscribe({ callbackUrl: deadUrl, bearerToken: "t", programId: programID });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: "http", status: 400 });
    if (!r.ok) expect(r.error.message).toContain("callback check");
    expect(vtn.store.list("subscription")).toEqual([]);
    expect(violations).toEqual([]);
  });

  it("does not send a report that breaks the document", async () => {
    const v = makeVen();
    const r = await v.postReport({ programID: "p", eventID: "e", clientName: "", resources: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: "invalid-request", field: "/clientName" });
    expect(vtn.store.list("report")).toEqual([]);
    expect(violations.map((x) => [x.side, x.direction, x.operationId])).toEqual([
      ["ven", "request", "createReport"],
    ]);
  });
});
