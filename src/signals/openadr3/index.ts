export type { ActiveAlert, ActiveSignals, ActiveValue, SignalOrigin } from "./active-signals.js";
export { activeSignalsAt, descriptorFor, toCoreSignals } from "./active-signals.js";
export type { ClientCredentials } from "./auth.js";
export type { RetryPolicy } from "./backoff.js";
export { DEFAULT_RETRY } from "./backoff.js";
export type { BlClientOptions } from "./bl-client.js";
export { OpenAdr3BlClient } from "./bl-client.js";
export { OpenApiContract } from "./contract.js";
export { addDuration, formatIsoDuration, isBeginningOfTime, parseIsoDuration } from "./duration.js";
export type { ContractViolation, OadrError, OadrResult, VenProblem } from "./errors.js";
export type { ResolvedEvent, ResolvedInterval } from "./intervals.js";
export { intervalsAt, isEventActiveAt, resolveEvent } from "./intervals.js";
export type { ReceivedEvent } from "./model.js";
export { seededRandom } from "./model.js";
export type { AlertValue, PriceSignal, SignalSite } from "./payload-mapping.js";
export { DEFAULT_SHED_TO_FLOOR_ALERTS } from "./payload-mapping.js";
export type { DataQuality, OperatingState, ReportColumn, ReportContext, ReportSpan } from "./reports.js";
export {
  baselineColumn,
  buildReport,
  classifyOperatingState,
  deltaUsageColumn,
  demandColumn,
  operatingStateColumn,
  preEventMeanBaselineW,
  reportSpansFor,
  usageColumn,
} from "./reports.js";
export type { NotificationOutcome, PollOutcome, SubscribeOptions, VenOptions } from "./ven.js";
export { OpenAdr3Ven } from "./ven.js";
export type { OadrVersion } from "./version.js";
export { OADR_VERSIONS, parseOadrVersion, VERSION_TRAITS } from "./version.js";
export type { WebhookReceiver, WebhookReceiverOptions } from "./webhook-receiver.js";
export { startWebhookReceiver } from "./webhook-receiver.js";
export type * from "./wire.js";
