// The VEN against the local VTN on 127.0.0.1, for both versions: tokens, polling, webhooks and reports. Both sides
// check every request and response against the official document of the version; any violation fails the test.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PowerInterval } from "../../src/domain/series.js";
import { OpenAdr3BlClient } from "../../src/signals/openadr3/bl-client.js";
import type { ContractViolation, VenProblem } from "../../src/signals/openadr3/errors.js";
import {
  baselineColumn,
  buildReport,
  demandColumn,
  operatingStateColumn,
  reportSpansFor,
  usageColumn,
} from "../../src/signals/openadr3/reports.js";
import { OpenAdr3Ven, type VenOptions } from "../../src/signals/openadr3/ven.js";
import { OADR_VERSIONS, type OadrVersion } from "../../src/signals/openadr3/version.js";
import { startVtn, type VtnServer } from "../../src/signals/openadr3/vtn/index.js";
import { startWebhookReceiver, type WebhookReceiver } from "../../src/signals/openadr3/webhook-receiver.js";

const T0 = Date.parse("2025-06-25T00:00:00Z");
const H = 3_600_000;
const SITE = { maxImportW: 4_500_000 };
const CLIENTS = [
  { clientId: "bl_client", clientSecret: "1001", role: "bl" as const },
  { clientId: "ven_client", clientSecret: "999", role: "ven" as const },
];

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

describe.each(OADR_VERSIONS)("OpenADR %s: VEN and VTN", (version: OadrVersion) => {
  let nowMs = T0;
  const clock = { nowMs: () => nowMs };
  let violations: ContractViolation[];
  let problems: VenProblem[];
  let seen: Seen[];
  let vtn: VtnServer;
  let bl: OpenAdr3BlClient;
  let ven: OpenAdr3Ven | undefined;
  let receiver: WebhookReceiver | undefined;

  /** fetch that records what the VEN sent and got, to see token requests and 401s. */
  const recordingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = new URL(String(input));
    seen.push({ method: init?.method ?? "GET", path: url.pathname, status: res.status });
    return res;
  };

  async function start(tokenLifetimeS = 3600): Promise<void> {
    vtn = await startVtn({
      version,
      clients: CLIENTS,
      clock,
      tokenLifetimeS,
      onViolation: (v) => violations.push(v),
    });
    bl = new OpenAdr3BlClient({
      version,
      vtnUrl: vtn.url,
      credentials: { clientId: "bl_client", clientSecret: "1001" },
      clock,
      onViolation: (v) => violations.push(v),
    });
  }

  function makeVen(extra: Partial<VenOptions> = {}): OpenAdr3Ven {
    ven = new OpenAdr3Ven({
      version,
      vtnUrl: vtn.url,
      venName: "gridminer-site-1",
      credentials: { clientId: "ven_client", clientSecret: "999" },
      clock,
      fetch: recordingFetch,
      onProblem: (p) => problems.push(p),
      onViolation: (v) => violations.push(v),
      ...extra,
    });
    return ven;
  }

  async function createProgram(): Promise<string> {
    const p = await bl.createProgram({ programName: "site-dr" });
    if (!p.ok) throw new Error(p.error.message);
    return p.value.id;
  }

  async function createLimitEvent(programID: string, limitKw: number): Promise<string> {
    const e = await bl.createEvent({
      programID,
      eventName: "cap",
      priority: 0,
      payloadDescriptors: [bl.descriptor("IMPORT_CAPACITY_LIMIT", "KW")],
      intervalPeriod: { start: "0001-01-01T00:00:00Z", duration: "P9999Y" },
      intervals: [{ id: 0, payloads: [{ type: "IMPORT_CAPACITY_LIMIT", values: [limitKw] }] }],
    });
    if (!e.ok) throw new Error(e.error.message);
    return e.value.id;
  }

  beforeEach(() => {
    nowMs = T0;
    violations = [];
    problems = [];
    seen = [];
  });

  afterEach(async () => {
    await ven?.stop();
    await receiver?.close();
    await vtn.close();
    ven = undefined;
    receiver = undefined;
    expect(violations).toEqual([]);
  });

  it("obtains a token with client credentials, from /auth/server's tokenURL in 3.1.0", async () => {
    await start();
    const v = makeVen();
    expect(await v.pollOnce()).toMatchObject({ ok: true });
    expect(v.tokens?.issued).toBe(1);
    const discovery = seen.filter((s) => s.path === "/auth/server");
    expect(discovery).toHaveLength(version === "3.1.0" ? 1 : 0);
    expect(seen.filter((s) => s.path === "/auth/token")).toEqual([
      { method: "POST", path: "/auth/token", status: 200 },
    ]);
    expect(problems).toEqual([]);
  });

  it("refreshes a short-lived token before it expires, without a 401", async () => {
    await start(2);
    const v = makeVen();
    await v.pollOnce();
    nowMs += 1_000; // well inside the 2 s lifetime: the token is reused
    await v.pollOnce();
    expect(v.tokens?.issued).toBe(1);
    nowMs += 700; // 1.7 s: within the last fifth of the lifetime, so refreshed before use
    await v.pollOnce();
    expect(v.tokens?.issued).toBe(2);
    nowMs += 1_900;
    await v.pollOnce();
    expect(v.tokens?.issued).toBe(3);
    expect(seen.filter((s) => s.status === 401)).toEqual([]);
  });

  it("fetches a new token when the VTN answers 401", async () => {
    await start();
    const v = makeVen();
    await v.pollOnce();
    vtn.tokens.revokeAll();
    expect(await v.pollOnce()).toMatchObject({ ok: true });
    expect(v.tokens?.issued).toBe(2);
    expect(seen.filter((s) => s.status === 401).map((s) => s.path)).toEqual(["/programs"]);
  });

  it("shows an event created through the VTN API in the active signals after one poll", async () => {
    await start();
    const programId = await createProgram();
    const v = makeVen();
    await v.pollOnce();
    expect(v.activeSignals(SITE).importLimitW).toBeUndefined();
    const eventId = await createLimitEvent(programId, 1000);
    expect(await v.pollOnce()).toMatchObject({ ok: true, events: { added: 1 } });
    const signals = v.activeSignals(SITE);
    expect(signals.importLimitW).toMatchObject({ eventId, programId, value: 1_000_000, priority: 0 });
    expect(signals.gridEvents).toMatchObject([{ kind: "import-limit", limitW: 1_000_000, startMs: nowMs }]);
  });

  it("picks the event up by its own polling loop", async () => {
    await start();
    const programId = await createProgram();
    const v = makeVen({ pollIntervalMs: 100 });
    await v.start();
    await createLimitEvent(programId, 3000);
    await vi.waitFor(() => expect(v.activeSignals(SITE).importLimitW?.value).toBe(3_000_000), {
      timeout: 5_000,
      interval: 20,
    });
  });

  it("receives a webhook notification on its callback after the VTN checked the callback", async () => {
    await start();
    const programId = await createProgram();
    const v = makeVen();
    await v.pollOnce();
    receiver = await startWebhookReceiver({
      bearerToken: "callback-secret",
      handleNotification: (body) => v.handleNotification(body),
    });
    const sub = await v.subscribe({ callbackUrl: receiver.callbackUrl, bearerToken: "callback-secret" });
    expect(sub.ok).toBe(true);
    expect(receiver.challenges()).toBe(1);
    const pollsBefore = seen.filter((s) => s.path === "/events").length;

    const eventId = await createLimitEvent(programId, 2000);
    await vtn.notifier.drain();
    expect(receiver.received()).toBe(1);
    expect(v.activeSignals(SITE).importLimitW?.value).toBe(2_000_000);

    const updated = await bl.updateEvent(eventId, {
      programID: programId,
      payloadDescriptors: [bl.descriptor("IMPORT_CAPACITY_LIMIT", "MW")],
      intervalPeriod: { start: "0001-01-01T00:00:00Z", duration: "P9999Y" },
      intervals: [{ id: 0, payloads: [{ type: "IMPORT_CAPACITY_LIMIT", values: [1.5] }] }],
    });
    expect(updated.ok).toBe(true);
    await vtn.notifier.drain();
    expect(v.activeSignals(SITE).importLimitW?.value).toBe(1_500_000);

    await bl.deleteEvent(eventId);
    await vtn.notifier.drain();
    expect(receiver.received()).toBe(3);
    expect(v.activeSignals(SITE).importLimitW).toBeUndefined();
    expect(seen.filter((s) => s.path === "/events").length).toBe(pollsBefore);
  });

  it("posts DEMAND, USAGE, BASELINE and OPERATING_STATE reports that the VTN then lists", async () => {
    await start();
    const programId = await createProgram();
    const created = await bl.createEvent({
      programID: programId,
      payloadDescriptors: [bl.descriptor("SIMPLE")],
      reportDescriptors: [{ payloadType: "DEMAND", readingType: "MEAN", units: "KW" }],
      intervalPeriod: { start: new Date(T0).toISOString(), duration: "PT1H" },
      intervals: [0, 1].map((id) => ({ id, payloads: [{ type: "SIMPLE", values: [2] }] })),
    });
    if (!created.ok) throw new Error(created.error.message);
    const v = makeVen();
    await v.pollOnce();
    expect(v.activeSignals(SITE).shedLevel?.value).toBe(2);

    nowMs = T0 + 2 * H;
    const measured: PowerInterval[] = [
      { startMs: T0, durationMs: H, powerW: 1_200_000 },
      { startMs: T0 + H, durationMs: H, powerW: 900_000 },
    ];
    const resolved = v.resolvedEvent(created.value.id);
    if (!resolved) throw new Error("event not held");
    const report = buildReport(
      {
        version,
        eventId: created.value.id,
        programId,
        clientName: "gridminer-site-1",
        resourceName: "AGGREGATED_REPORT",
        reportName: "shed",
      },
      reportSpansFor(resolved, nowMs),
      [
        demandColumn(measured),
        usageColumn(measured),
        baselineColumn(4_500_000),
        operatingStateColumn(() => "RUNNING_CURTAILED"),
      ],
    );
    const posted = await v.postReport(report);
    expect(posted.ok).toBe(true);

    const listed = await bl.listReports({ eventID: created.value.id });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value).toHaveLength(1);
    const [stored] = listed.value;
    if (!stored) throw new Error("no report listed");
    expect(stored.clientName).toBe("gridminer-site-1");
    expect(stored.clientID).toBe(version === "3.1.0" ? "ven_client" : undefined);
    expect(stored.resources[0]?.intervals.map((i) => [i.id, i.payloads.map((p) => p.values[0])])).toEqual([
      [0, [1200, 1200, 4500, "RUNNING_CURTAILED"]],
      [1, [900, 900, 4500, "RUNNING_CURTAILED"]],
    ]);
  });

  it("registers itself as a ven once", async () => {
    await start();
    const v = makeVen();
    const first = await v.registerVen();
    const second = await v.registerVen();
    expect(first.ok && second.ok && first.value === second.value).toBe(true);
    expect(vtn.store.list("ven").map((x) => x.venName)).toEqual(["gridminer-site-1"]);
  });
});
