export type { ClientRole, VtnClient, VtnOptions } from "./options.js";
export { DEFAULT_CLIENTS, parseClientSpec } from "./options.js";
export type { VtnServer } from "./server.js";
export { startVtn } from "./server.js";
