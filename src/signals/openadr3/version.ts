// The two OpenADR 3 releases a VTN may speak. They are not wire-compatible (3.1.0 changeLog.md: "3.1.0 is NOT
// backwards compatible with 3.0.1"), so every difference the VEN and the VTN act on is named here, once.

export type OadrVersion = "3.0.1" | "3.1.0";

export const OADR_VERSIONS: readonly OadrVersion[] = ["3.0.1", "3.1.0"];

export function parseOadrVersion(text: string): OadrVersion {
  if (text === "3.0.1" || text === "3.1.0") return text;
  throw new Error(`OpenADR version "${text}": expected 3.0.1 or 3.1.0`);
}

/** CRUD operations a subscription asks for (both versions spell them this way in subscription.objectOperations). */
export type SubscriptionOperation = "READ" | "CREATE" | "UPDATE" | "DELETE";

export interface VersionTraits {
  /** 3.0.1 targets are valuesMap objects {type, values}; 3.1.0 targets are plain strings. */
  readonly targets: "valuesMap" | "strings";
  /** How notification.operation names a CRUD operation: HTTP verbs in 3.0.1, CRUD words in 3.1.0. */
  readonly notificationOperation: Readonly<Record<SubscriptionOperation, string>>;
  /** 3.1.0 has GET /auth/server returning {tokenURL}; 3.0.1 only knows POST /auth/token. */
  readonly authServerDiscovery: boolean;
  /** 3.0.1 report requires programID; 3.1.0 dropped it (issue 253) and the VTN adds clientID. */
  readonly reportCarriesProgramId: boolean;
  /** 3.1.0 requires objectType on event and report payload descriptors. */
  readonly descriptorObjectTypeRequired: boolean;
  /** 3.1.0 packs several values of a unitary payload (PRICE...) into one interval as equal sub-intervals. */
  readonly compactMultiValuePayloads: boolean;
  /** 3.1.0 lets event.duration loop or truncate the interval set. */
  readonly eventDuration: boolean;
  /** 3.1.0 GET /events accepts active=true to drop events whose intervals have all passed. */
  readonly activeEventsQuery: boolean;
  /** Path of a VEN's resources: nested under /vens/{venID} in 3.0.1, top-level /resources in 3.1.0. */
  readonly resourcesPath: "nested" | "top-level";
  /** Body a VEN posts to /vens: the full ven object in 3.0.1, VenVenRequest (objectType VEN_VEN_REQUEST) in 3.1.0. */
  readonly venRequestObjectType: string | undefined;
  /** 3.0.1 subscription requires programID; 3.1.0 made it optional (issue 231). */
  readonly subscriptionRequiresProgramId: boolean;
  /** Scope a VEN needs to read programs and events. */
  readonly venReadScopes: readonly string[];
  /** Request-body schema per object, by component name. */
  readonly requestSchema: Readonly<Record<"program" | "event" | "report" | "subscription" | "ven", string>>;
}

export const VERSION_TRAITS: Readonly<Record<OadrVersion, VersionTraits>> = {
  "3.0.1": {
    targets: "valuesMap",
    notificationOperation: { READ: "GET", CREATE: "POST", UPDATE: "PUT", DELETE: "DELETE" },
    authServerDiscovery: false,
    reportCarriesProgramId: true,
    descriptorObjectTypeRequired: false,
    compactMultiValuePayloads: false,
    eventDuration: false,
    activeEventsQuery: false,
    resourcesPath: "nested",
    venRequestObjectType: undefined,
    subscriptionRequiresProgramId: true,
    venReadScopes: ["read_all"],
    requestSchema: {
      program: "program",
      event: "event",
      report: "report",
      subscription: "subscription",
      ven: "ven",
    },
  },
  "3.1.0": {
    targets: "strings",
    notificationOperation: { READ: "READ", CREATE: "CREATE", UPDATE: "UPDATE", DELETE: "DELETE" },
    authServerDiscovery: true,
    reportCarriesProgramId: false,
    descriptorObjectTypeRequired: true,
    compactMultiValuePayloads: true,
    eventDuration: true,
    activeEventsQuery: true,
    resourcesPath: "top-level",
    venRequestObjectType: "VEN_VEN_REQUEST",
    subscriptionRequiresProgramId: false,
    venReadScopes: ["read_targets", "read_ven_objects"],
    requestSchema: {
      program: "programRequest",
      event: "eventRequest",
      report: "reportRequest",
      subscription: "subscriptionRequest",
      ven: "venRequest",
    },
  },
};

/** The CRUD operation a notification.operation string stands for, in either version's spelling. */
export function crudOfNotificationOperation(
  version: OadrVersion,
  operation: string,
): SubscriptionOperation | undefined {
  const table = VERSION_TRAITS[version].notificationOperation;
  for (const [crud, wire] of Object.entries(table)) {
    if (wire === operation) return crud as SubscriptionOperation;
  }
  return undefined;
}
