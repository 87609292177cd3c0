// Create, read, update, delete and search for the six object kinds, with the rules each kind adds: unique names,
// references that must exist, clientID written from the token (3.1.0), callback checks for subscriptions, and a
// notification to subscribers after every change.
import type { SubscriptionOperation } from "../version.js";
import type { WireSubscription } from "../wire.js";
import { eventNotEnded, fieldsMatch, page, targetsVisible } from "./filters.js";
import type { WebhookNotifier } from "./notifier.js";
import type { ClientRole } from "./options.js";
import { problem, type Reply, type RequestContext } from "./reply.js";
import { OBJECT_TYPE, type ObjectKind, type StoredObject, type VtnStore } from "./store.js";

type Action = "list" | "create" | "read" | "update" | "delete";

/** operationId → kind and action, the same names in both documents. */
export const OBJECT_OPERATIONS: Readonly<Record<string, { kind: ObjectKind; action: Action }>> = {
  searchAllPrograms: { kind: "program", action: "list" },
  createProgram: { kind: "program", action: "create" },
  searchProgramByProgramId: { kind: "program", action: "read" },
  updateProgram: { kind: "program", action: "update" },
  deleteProgram: { kind: "program", action: "delete" },
  searchAllEvents: { kind: "event", action: "list" },
  createEvent: { kind: "event", action: "create" },
  searchEventsByID: { kind: "event", action: "read" },
  updateEvent: { kind: "event", action: "update" },
  deleteEvent: { kind: "event", action: "delete" },
  searchAllReports: { kind: "report", action: "list" },
  createReport: { kind: "report", action: "create" },
  searchReportsByReportID: { kind: "report", action: "read" },
  updateReport: { kind: "report", action: "update" },
  deleteReport: { kind: "report", action: "delete" },
  searchSubscriptions: { kind: "subscription", action: "list" },
  createSubscription: { kind: "subscription", action: "create" },
  searchSubscriptionByID: { kind: "subscription", action: "read" },
  updateSubscription: { kind: "subscription", action: "update" },
  deleteSubscription: { kind: "subscription", action: "delete" },
  searchVens: { kind: "ven", action: "list" },
  createVen: { kind: "ven", action: "create" },
  searchVenByID: { kind: "ven", action: "read" },
  updateVen: { kind: "ven", action: "update" },
  deleteVen: { kind: "ven", action: "delete" },
  searchVenResources: { kind: "resource", action: "list" },
  createResource: { kind: "resource", action: "create" },
  searchVenResourceByID: { kind: "resource", action: "read" },
  updateVenResource: { kind: "resource", action: "update" },
  deleteVenResource: { kind: "resource", action: "delete" },
};

const ID_PARAM: Readonly<Record<ObjectKind, string>> = {
  program: "programID",
  event: "eventID",
  report: "reportID",
  subscription: "subscriptionID",
  ven: "venID",
  resource: "resourceID",
};

/** Kinds a 3.1.0 VEN sees only when it created them (Definition §VEN created object privacy). */
const CLIENT_OWNED: ReadonlySet<ObjectKind> = new Set(["report", "subscription", "ven", "resource"]);

type Prepared = Reply | { readonly extra: Record<string, unknown> };

export class VtnObjects {
  /** Who created each subscription: business-logic subscriptions see every object. */
  private readonly subscriptionRoles = new Map<string, ClientRole>();

  constructor(
    private readonly store: VtnStore,
    private readonly notifier: WebhookNotifier,
    private readonly verifyCallbacks: boolean,
  ) {}

  async handle(ctx: RequestContext): Promise<Reply> {
    const op = OBJECT_OPERATIONS[ctx.operation.operationId];
    if (!op) return problem(501, `${ctx.operation.operationId} is not implemented by this VTN`);
    const { kind, action } = op;
    if (action === "list") return { status: 200, body: page(this.list(ctx, kind), ctx.query) };
    if (action === "create") return this.write(ctx, kind, undefined);
    const id = ctx.pathParams[ID_PARAM[kind]] ?? "";
    const existing = this.store.get(kind, id);
    if (!existing || !this.visible(ctx, kind, existing) || !this.underPathVen(ctx, kind, existing)) {
      return problem(404, `${kind} "${id}" not found`);
    }
    if (action === "read") return { status: 200, body: existing };
    if (action === "update") return this.write(ctx, kind, existing);
    this.store.delete(kind, id);
    this.notify(ctx, kind, "DELETE", existing);
    if (kind === "subscription") this.subscriptionRoles.delete(id);
    return { status: 200, body: existing };
  }

  private list(ctx: RequestContext, kind: ObjectKind): StoredObject[] {
    const q = ctx.query;
    return this.store.list(kind).filter((o) => {
      if (!this.visible(ctx, kind, o) || !this.underPathVen(ctx, kind, o)) return false;
      switch (kind) {
        case "program":
          return targetsVisible(ctx.version, o.targets, q, ctx.auth);
        case "event":
          return (
            fieldsMatch(o, q, ["programID"]) &&
            targetsVisible(ctx.version, o.targets, q, ctx.auth) &&
            (q.active !== true || eventNotEnded(ctx.version, o, ctx.nowMs))
          );
        case "report":
          return (
            fieldsMatch(o, q, ["eventID", "clientName"]) &&
            (q.programID === undefined || this.programOf(o) === q.programID)
          );
        case "subscription":
          return (
            fieldsMatch(o, q, ["programID", "clientName"]) &&
            (!Array.isArray(q.objects) ||
              (o as unknown as WireSubscription).objectOperations.some((oo) =>
                oo.objects.some((x) => (q.objects as string[]).includes(x)),
              ))
          );
        case "ven":
          return fieldsMatch(o, q, ["venName"]) && targetsVisible(ctx.version, o.targets, q, ctx.auth);
        case "resource":
          return fieldsMatch(o, q, ["resourceName", "venID"]);
      }
      return true;
    });
  }

  private async write(
    ctx: RequestContext,
    kind: ObjectKind,
    existing: StoredObject | undefined,
  ): Promise<Reply> {
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const prepared = await this.prepare(ctx, kind, body, existing);
    if ("status" in prepared) return prepared;
    const obj = existing
      ? this.store.update(kind, existing.id, body, prepared.extra)
      : this.store.create(kind, body, prepared.extra);
    if (!obj) return problem(404, `${kind} not found`);
    if (kind === "subscription" && !existing) this.subscriptionRoles.set(obj.id, ctx.auth?.role ?? "bl");
    this.notify(ctx, kind, existing ? "UPDATE" : "CREATE", obj);
    return { status: existing ? 200 : 201, body: obj };
  }

  private async prepare(
    ctx: RequestContext,
    kind: ObjectKind,
    body: Record<string, unknown>,
    existing: StoredObject | undefined,
  ): Promise<Prepared> {
    const v31 = ctx.version === "3.1.0";
    const clientId = ctx.auth?.clientId;
    const others = (k: ObjectKind) => this.store.list(k).filter((o) => o.id !== existing?.id);
    switch (kind) {
      case "program":
        if (others("program").some((p) => p.programName === body.programName)) {
          return problem(409, `a program named "${String(body.programName)}" exists`);
        }
        return { extra: {} };
      case "event":
        if (!this.store.get("program", String(body.programID))) {
          return problem(409, `event refers to program "${String(body.programID)}", which does not exist`);
        }
        return { extra: {} };
      case "report": {
        const event = this.store.get("event", String(body.eventID));
        if (!event)
          return problem(409, `report refers to event "${String(body.eventID)}", which does not exist`);
        if (!v31 && body.programID !== event.programID) {
          return problem(
            409,
            `report programID "${String(body.programID)}" is not the program of event ${event.id}`,
          );
        }
        return { extra: v31 && clientId ? { clientID: clientId } : {} };
      }
      case "subscription": {
        if (body.programID !== undefined && !this.store.get("program", String(body.programID))) {
          return problem(
            409,
            `subscription refers to program "${String(body.programID)}", which does not exist`,
          );
        }
        for (const oo of (body as unknown as WireSubscription).objectOperations) {
          const scheme = this.notifier.checkScheme(oo.callbackUrl);
          if (!scheme.ok) return problem(400, scheme.reason);
          if (!this.verifyCallbacks) continue;
          const verified = await this.notifier.verifyCallback(oo.callbackUrl);
          if (!verified.ok) return problem(400, verified.reason);
        }
        return { extra: v31 && clientId ? { clientID: clientId } : {} };
      }
      case "ven": {
        if (others("ven").some((x) => x.venName === body.venName)) {
          return problem(409, `a ven named "${String(body.venName)}" exists`);
        }
        return { extra: v31 ? { clientID: this.ownerOf(ctx, body) } : {} };
      }
      case "resource": {
        const venId = v31 ? String(body.venID) : (ctx.pathParams.venID ?? "");
        const ven = this.store.get("ven", venId);
        if (!ven || !this.visible(ctx, "ven", ven)) return problem(404, `ven "${venId}" not found`);
        if (others("resource").some((r) => r.venID === venId && r.resourceName === body.resourceName)) {
          return problem(409, `ven ${venId} has a resource named "${String(body.resourceName)}"`);
        }
        return { extra: { venID: venId, ...(v31 ? { clientID: this.ownerOf(ctx, body) } : {}) } };
      }
    }
  }

  /** clientID of a ven or resource: the VEN's own from its token, or what BL names in the body (3.1.0). */
  private ownerOf(ctx: RequestContext, body: Record<string, unknown>): string {
    if (ctx.auth?.role === "bl" && typeof body.clientID === "string") return body.clientID;
    return ctx.auth?.clientId ?? "anonymous";
  }

  private visible(ctx: RequestContext, kind: ObjectKind, obj: StoredObject): boolean {
    if (ctx.version !== "3.1.0" || ctx.auth?.role !== "ven" || !CLIENT_OWNED.has(kind)) return true;
    return obj.clientID === ctx.auth.clientId;
  }

  /** 3.0.1 nests resources under /vens/{venID}: the object must belong to that ven. */
  private underPathVen(ctx: RequestContext, kind: ObjectKind, obj: StoredObject): boolean {
    const venId = ctx.pathParams.venID;
    return kind !== "resource" || venId === undefined || obj.venID === venId;
  }

  private programOf(obj: StoredObject): unknown {
    return obj.programID ?? this.store.get("event", String(obj.eventID))?.programID;
  }

  private notify(
    ctx: RequestContext,
    kind: ObjectKind,
    crud: SubscriptionOperation,
    obj: StoredObject,
  ): void {
    const subs = this.store.list("subscription") as unknown as (WireSubscription & StoredObject)[];
    const programId = kind === "program" ? obj.id : this.programOf(obj);
    const privateKind = ctx.version === "3.1.0" && CLIENT_OWNED.has(kind);
    this.notifier.notify(OBJECT_TYPE[kind], crud, obj, subs, (s) => {
      if (s.programID !== undefined && programId !== undefined && s.programID !== programId) return false;
      // 3.1.0: a VEN's own objects go to business logic and to that VEN's subscriptions, not to other VENs.
      if (!privateKind || (s.id !== undefined && this.subscriptionRoles.get(s.id) === "bl")) return true;
      return s.clientID === obj.clientID;
    });
  }
}
