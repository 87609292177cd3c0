export { hashPassword, verifyPassword } from "./auth/passwords.js";
export { SiteMetrics } from "./metrics/site-metrics.js";
export { type ControllerRuntimeOptions, controllerRuntime } from "./runtime/controller-runtime.js";
export { OverrideBook, type OverrideRequest } from "./runtime/override-book.js";
export { TickBus } from "./runtime/tick-bus.js";
export { TickRecorder, type TickRecorderOptions } from "./runtime/tick-recorder.js";
export { type Api, type ApiOptions, buildApi } from "./server.js";
export type { SignalAccess, SiteRuntime, UnitControl, UnitView } from "./site-runtime.js";
