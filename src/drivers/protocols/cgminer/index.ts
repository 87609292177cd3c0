export {
  CGMINER_PORT,
  CgminerClient,
  type CgminerClientOptions,
  DEFAULT_MAX_REPLY_BYTES,
  DEFAULT_TIMEOUT_MS,
  type ExchangeOptions,
  encodeRequest,
  exchange,
  type RequestOptions,
} from "./client.js";
export { type CgminerReply, type DecodeContext, decodeReply, previewBytes } from "./framing.js";
export { joinParams, type ParamPart, validateCommand } from "./params.js";
export { CgminerScheduler, DEFAULT_MAX_IN_FLIGHT, type SchedulerOptions } from "./scheduler.js";
export { fieldNumber, fieldString, section, sectionEntries } from "./sections.js";
export {
  CODE_ASCSET_ERROR,
  CODE_ASCSET_INFO,
  CODE_ASCSET_OK,
  expectSuccess,
  interpretWriteReply,
  type ReplyStatus,
  replyStatus,
  type StatusSeverity,
  type WriteVerdict,
} from "./status.js";
export { decodeTextReply, looksLikeTextReply, type TextSection, textReplyToObject } from "./text-reply.js";
