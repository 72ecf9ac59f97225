// Every limit in Corridor, with its unit and the reason for its value (STYLE.md §5).
// Relationships between limits are asserted when this module loads.
import { assert } from "./lib/index.js";

// --- Messages -------------------------------------------------------------------------------
/** FIN: a whole MT message may not exceed 10,000 characters (swift-primer §1.3, NAK M50). */
export const mtMessageCharsMax = 10_000;
/** MX: CBPR+ messages are larger than MT; 100 KiB covers a pacs.008 with structured remittance. */
export const mxMessageBytesMax = 100 * 1024;
/** The largest payload of either format that the hub stores. */
export const messageSizeBytesMax = Math.max(mtMessageCharsMax, mxMessageBytesMax);
/** MT text block: more fields than this cannot be a valid message of any supported type. */
export const mtFieldCountMax = 1_000;
/** XML nesting deeper than this is hostile: the deepest ISO 20022 path in scope is under 20. */
export const xmlDepthMax = 40;
/** XML elements per document; a statement (camt.053) with many entries stays well under it. */
export const xmlElementCountMax = 20_000;

// --- HTTP and sessions ------------------------------------------------------------------------
/** Request body bytes: one message plus headroom for a JSON envelope. */
export const httpBodyBytesMax = 256 * 1024;
/** RFC 9421 `created` may be this far from the hub's clock, either way. */
export const signatureCreatedSkewSecondsMax = 300;
/** Signatures remembered for replay detection; beyond it the oldest are forgotten early. */
export const signatureReplayCacheEntriesMax = 1_000_000;
/** Long-poll wait on GET /v1/inbox. */
export const inboxWaitSecondsMax = 60;
/** Messages per inbox page or streamed batch. */
export const inboxPageSizeMax = 1_000;
/** Messages a streaming session may have delivered and unacknowledged (flow control). */
export const sessionUnackedMessagesMax = 5_000;
/** Messages a client may put in one streaming submit frame. */
export const sessionSubmitBatchMax = 1_000;
/** Bytes of one WebSocket frame: a full submit batch of maximum-size MT messages fits. */
export const sessionFrameBytesMax = 16 * 1024 * 1024;

// --- Storage ----------------------------------------------------------------------------------
/** Submissions committed in one group-commit transaction. */
export const commitBatchSizeMax = 2_000;
/** How long a submission may wait for its group commit to start, in milliseconds. */
export const commitWindowMsMax = 2;
/** Rows read by one listing query (participants, messages). */
export const queryRowsMax = 10_000;

// --- Delivery ---------------------------------------------------------------------------------
/** Obsolescence when block 2 gives none: 100 minutes (the unconfirmed SWIFT default, §2.4). */
export const obsolescenceMinutesDefault = 100;

assert(messageSizeBytesMax >= mtMessageCharsMax, "messageSizeBytesMax covers an MT message");
assert(httpBodyBytesMax >= messageSizeBytesMax, "httpBodyBytesMax covers one message");
assert(
  sessionFrameBytesMax >= sessionSubmitBatchMax * mtMessageCharsMax,
  "a streaming frame holds a full batch of MT messages",
);
assert(commitBatchSizeMax >= sessionSubmitBatchMax, "one frame fits in one commit");
assert(inboxPageSizeMax <= sessionUnackedMessagesMax, "a page fits within the flow-control window");
