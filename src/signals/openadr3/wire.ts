// JSON shapes on the wire, as the OpenAPI documents define them, covering both versions. Only what this code reads or
// writes is typed; a value of these types has passed schema validation for its version first.

export interface WirePoint {
  readonly x: number;
  readonly y: number;
}

export type WireValue = number | string | boolean | WirePoint;

/** valuesMap: payloads everywhere, and targets in 3.0.1. */
export interface WireValuesMap {
  readonly type: string;
  readonly values: readonly WireValue[];
}

/** 3.0.1 targets are valuesMaps; 3.1.0 targets are strings. */
export type WireTarget = WireValuesMap | string;

export interface WireIntervalPeriod {
  /** Required in 3.0.1, optional in 3.1.0 (an interval may give only a duration). */
  readonly start?: string;
  readonly duration?: string;
  readonly randomizeStart?: string;
}

export interface WireInterval {
  readonly id: number;
  readonly intervalPeriod?: WireIntervalPeriod;
  readonly payloads: readonly WireValuesMap[];
}

export interface WireEventPayloadDescriptor {
  readonly objectType?: "EVENT_PAYLOAD_DESCRIPTOR";
  readonly payloadType: string;
  readonly units?: string | null;
  readonly currency?: string | null;
}

export interface WireReportPayloadDescriptor {
  readonly objectType?: "REPORT_PAYLOAD_DESCRIPTOR";
  readonly payloadType: string;
  readonly readingType?: string | null;
  readonly units?: string | null;
  readonly accuracy?: number | null;
  readonly confidence?: number | null;
}

export interface WireReportDescriptor {
  readonly payloadType: string;
  readonly readingType?: string | null;
  readonly units?: string | null;
  readonly targets?: readonly WireTarget[] | null;
  readonly aggregate?: boolean;
  readonly startInterval?: number;
  readonly numIntervals?: number;
  readonly historical?: boolean;
  readonly frequency?: number;
  readonly repeat?: number;
  readonly reportIntervals?: "INTERVALS" | "SUB_INTERVALS" | "OPEN_INTERVALS";
}

export interface WireObjectMetadata {
  readonly id?: string;
  readonly createdDateTime?: string;
  readonly modificationDateTime?: string;
  readonly objectType?: string;
}

export interface WireProgram extends WireObjectMetadata {
  readonly programName: string;
  readonly intervalPeriod?: WireIntervalPeriod;
  readonly payloadDescriptors?: readonly (WireEventPayloadDescriptor | WireReportPayloadDescriptor)[] | null;
  readonly targets?: readonly WireTarget[] | null;
}

export interface WireEvent extends WireObjectMetadata {
  readonly programID: string;
  readonly eventName?: string | null;
  readonly priority?: number | null;
  /** 3.1.0 only: loops or truncates the interval set. */
  readonly duration?: string;
  readonly targets?: readonly WireTarget[] | null;
  readonly reportDescriptors?: readonly WireReportDescriptor[] | null;
  readonly payloadDescriptors?: readonly WireEventPayloadDescriptor[] | null;
  readonly intervalPeriod?: WireIntervalPeriod;
  /** Required in 3.0.1; optional in 3.1.0 (report-only events). */
  readonly intervals?: readonly WireInterval[];
}

export interface WireReportResource {
  readonly resourceName: string;
  readonly intervalPeriod?: WireIntervalPeriod;
  readonly intervals: readonly WireInterval[];
}

export interface WireReport extends WireObjectMetadata {
  /** Required in 3.0.1; not part of the 3.1.0 report. */
  readonly programID?: string;
  readonly eventID: string;
  readonly clientName: string;
  /** 3.1.0: written by the VTN from the token. */
  readonly clientID?: string;
  readonly reportName?: string | null;
  readonly payloadDescriptors?: readonly WireReportPayloadDescriptor[] | null;
  readonly resources: readonly WireReportResource[];
}

export interface WireObjectOperation {
  readonly objects: readonly string[];
  readonly operations: readonly string[];
  readonly callbackUrl: string;
  readonly bearerToken?: string | null;
}

export interface WireSubscription extends WireObjectMetadata {
  readonly clientName: string;
  readonly clientID?: string;
  /** Required in 3.0.1, optional in 3.1.0. */
  readonly programID?: string;
  readonly objectOperations: readonly WireObjectOperation[];
  readonly targets?: readonly WireTarget[] | null;
}

export interface WireVen extends WireObjectMetadata {
  readonly venName: string;
  readonly clientID?: string;
  readonly attributes?: readonly WireValuesMap[] | null;
  readonly targets?: readonly WireTarget[] | null;
}

export interface WireNotification {
  readonly objectType: "PROGRAM" | "EVENT" | "REPORT" | "SUBSCRIPTION" | "VEN" | "RESOURCE";
  /** GET/POST/PUT/DELETE in 3.0.1; CREATE/READ/UPDATE/DELETE in 3.1.0. */
  readonly operation: string;
  readonly object: WireObjectMetadata & Record<string, unknown>;
  readonly targets?: readonly WireTarget[] | null;
}

export interface WireTokenResponse {
  readonly access_token: string;
  readonly token_type: "Bearer";
  readonly expires_in?: number;
  readonly refresh_token?: string;
  readonly scope?: string;
}

export interface WireProblem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly instance?: string;
}
