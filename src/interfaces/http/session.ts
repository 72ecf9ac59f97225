// The streaming session over WebSocket (GET /v1/session, signed like any participant request).
// Client frames: {"type":"submit","items":[{"ref","payload"}]} and {"type":"ack","osn"}.
// Hub frames: {"type":"answers","items":[{"ref",...ACK|NAK}]} after the batch is durable,
// {"type":"deliver","messages":[...]} within a window of unacknowledged messages (flow control).
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { RawData, ServerOptions, WebSocket } from "ws";
import { isStorageError } from "../../lib/index.js";
import type { Logger } from "../../lib/index.js";
import {
  inboxPageSizeMax, sessionBufferedStallMsMax, sessionCloseTimeoutMs, sessionFrameBytesMax,
  sessionFrameFragmentsMax, sessionPendingPongsMax, sessionReceiveChunksMax,
  sessionSubmitBatchMax, sessionUnackedMessagesMax,
} from "../../limits.js";
import type { Participant } from "../../network/index.js";
import type { HttpDeps } from "./context.js";
import type { Metrics } from "./metrics.js";
import { deliveredJson } from "./participant-routes.js";
import { claimedKeyId, clientKeyOf } from "./refusal-context.js";
import { createSessionFlow } from "./session-flow.js";
import type { SessionFlow } from "./session-flow.js";

export interface SessionHandler {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Number of open sessions per participant, for the console. */
  sessions(): ReadonlyMap<string, number>;
  closeAll(): void;
  /** Closes the sessions of these participants (an exclusion took effect). */
  closeFor(bics: readonly string[]): void;
}

/**
 * Every ws option that bounds something, passed explicitly. closeTimeout and maxPendingAutoPongs
 * are ws 8.23 options that its type declarations do not list yet.
 */
const serverOptions: ServerOptions & { closeTimeout: number; maxPendingAutoPongs: number } = {
  noServer: true, clientTracking: true, perMessageDeflate: false, skipUTF8Validation: false,
  allowSynchronousEvents: true, autoPong: true, maxPayload: sessionFrameBytesMax,
  maxFragments: sessionFrameFragmentsMax, maxBufferedChunks: sessionReceiveChunksMax,
  maxPendingAutoPongs: sessionPendingPongsMax, closeTimeout: sessionCloseTimeoutMs,
};

export function createSessionHandler(deps: HttpDeps): SessionHandler {
  const server = new WebSocketServer(serverOptions);
  const logger = deps.logger.child({ component: "session" });
  const open = new Map<string, number>();
  const sockets = new Map<WebSocket, string>();

  const authenticate = async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const headers = { get: (name: string) => {
      const value = request.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    } };
    const verified = await deps.verifier.verify({ method: request.method ?? "GET",
      target: request.url ?? "/", headers, body: Buffer.alloc(0) });
    if (!verified.ok) {
      const problem = verified.problems[0];
      logger.info({ code: problem?.code ?? "unknown" }, "Cannot open session: refused");
      deps.refusals.record({ kind: "session", code: problem?.code ?? "unknown",
        actor: claimedKeyId(headers.get("signature-input")), route: "GET /v1/session",
        detail: clientKeyOf(request.socket.remoteAddress) });
      return refuse(socket, problem?.code === "participant-inactive" ? 403 : 401,
        { error: problem });
    }
    await audit(deps, { actor: verified.value.bic, subject: verified.value.bic,
      detail: { result: "login" } });
    const url = new URL(request.url ?? "/", "http://hub");
    const afterText = url.searchParams.get("after");
    const after = afterText === null ? undefined : Number(afterText);
    if (after !== undefined && !(Number.isSafeInteger(after) && after >= 0)) {
      return refuse(socket, 400, { error: { code: "query-invalid", location: "after",
        message: "Cannot open session: after must be a whole number" } });
    }
    server.handleUpgrade(request, socket, head, (ws) => {
      const bic = verified.value.bic;
      const sessionLogger = logger.child({ bic });
      // Registered before any frame is read: without a listener, ws's 'error' ends the process.
      ws.on("error", (error: Error) => {
        sessionFailed(error, { metrics: deps.metrics, logger: sessionLogger });
      });
      open.set(bic, (open.get(bic) ?? 0) + 1);
      sockets.set(ws, bic);
      ws.on("close", () => {
        sockets.delete(ws);
        open.set(bic, Math.max(0, (open.get(bic) ?? 1) - 1));
      });
      runSession(deps, ws, { participant: verified.value, after, logger: sessionLogger });
    });
  };

  return {
    handleUpgrade: (request, socket, head) => {
      // A refused client (an excluded bank retrying) may reset the connection mid-refusal: a
      // socket error before the upgrade is the client going away, nothing to answer.
      socket.on("error", (error: NodeJS.ErrnoException) => {
        logger.debug({ code: error.code ?? "unknown" }, "Session socket closed by the client");
        socket.destroy();
      });
      authenticate(request, socket, head).catch((error: unknown) => {
        upgradeFailed(socket, logger, error);
      });
    },
    sessions: () => open,
    closeAll: () => { for (const client of server.clients) client.terminate(); },
    closeFor: (bics) => {
      const closing = new Set(bics);
      for (const [ws, bic] of sockets) if (closing.has(bic)) ws.close(1008, "participant excluded");
    },
  };
}

/** Answers an upgrade request with a plain HTTP error and closes the connection. */
function refuse(socket: Duplex, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${status} Refused\r\ncontent-type: application/json\r\n` +
    `content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
}

/** Before the upgrade: a store outage is answered 503 (retry), a bug is logged and rethrown. */
function upgradeFailed(socket: Duplex, logger: Logger, error: unknown): void {
  if (isStorageError(error)) {
    logger.warn({ err: error }, "Cannot open session: store unavailable");
    refuse(socket, 503, { error: { code: "storage-unavailable", location: "store",
      message: "Cannot open session: the message store is unavailable, retry later" } });
    return;
  }
  logger.error({ err: error }, "Cannot open session: internal error");
  socket.destroy();
  throw error;
}

/** The codes ws gives a client's frame that breaks the protocol (RFC 6455), and the close code. */
type ProtocolErrorCode = "WS_ERR_INVALID_UTF8" | "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" |
  "WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH" | "WS_ERR_TOO_MANY_BUFFERED_PARTS" |
  "WS_ERR_UNEXPECTED_RSV_1" | "WS_ERR_UNEXPECTED_RSV_2_3" | "WS_ERR_INVALID_OPCODE" |
  "WS_ERR_EXPECTED_FIN" | "WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH" | "WS_ERR_EXPECTED_MASK" |
  "WS_ERR_UNEXPECTED_MASK" | "WS_ERR_INVALID_CLOSE_CODE";
const protocolCloseCodes: Readonly<Record<ProtocolErrorCode, 1002 | 1007 | 1008 | 1009>> = {
  WS_ERR_INVALID_UTF8: 1007,
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 1009,
  WS_ERR_TOO_MANY_BUFFERED_PARTS: 1008,
  WS_ERR_UNEXPECTED_RSV_1: 1002,
  WS_ERR_UNEXPECTED_RSV_2_3: 1002,
  WS_ERR_INVALID_OPCODE: 1002,
  WS_ERR_EXPECTED_FIN: 1002,
  WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH: 1002,
  WS_ERR_EXPECTED_MASK: 1002,
  WS_ERR_UNEXPECTED_MASK: 1002,
  WS_ERR_INVALID_CLOSE_CODE: 1002,
};

/**
 * ws's 'error' on an open session. For a protocol error ws has already sent the close code and
 * closes the connection; a failed write means the client went away. Both end this session only.
 * Anything else is a bug: logged and rethrown, so that the process exits.
 */
function sessionFailed(error: Error, context: { metrics: Metrics; logger: Logger }): void {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (code.startsWith("WS_ERR_")) {
    // A ws release may add codes: they are protocol errors too, counted as "other".
    const closeCode = code in protocolCloseCodes
      ? String(protocolCloseCodes[code as ProtocolErrorCode]) : "other";
    context.metrics.count("session_protocol_errors_total", { code: closeCode });
    context.logger.warn({ code, closeCode, reason: error.message },
      "Cannot read session frame: protocol error, session closed");
    return;
  }
  if ("syscall" in error && /^E[A-Z]+$/.test(code)) {
    context.logger.info({ code }, "Session closed: the client's connection failed");
    return;
  }
  context.logger.error({ err: error }, "Cannot run session: internal error");
  throw error;
}

/** Session logins (FIN LOGIN) go to the audit chain; refused ones are counted (refusals). */
async function audit(deps: HttpDeps, entry: { actor: string; subject: string;
  detail: Record<string, unknown> }): Promise<void> {
  await deps.stores.audit.append([{ at: deps.clock.now(), kind: "login", actor: entry.actor,
    subject: entry.subject, detail: JSON.stringify(entry.detail) }]);
}

interface SessionState {
  lastSentOsn: number;
  ackedOsn: number;
  pumping: boolean;
  again: boolean;
  closed: boolean;
}

function runSession(
  deps: HttpDeps,
  ws: WebSocket,
  options: { participant: Participant; after: number | undefined; logger: Logger },
): void {
  const bic = options.participant.bic;
  const supervised = (what: string, work: Promise<void>): void =>
    supervise(work, { ws, logger: options.logger, what });
  const state: SessionState = { lastSentOsn: options.after ?? 0, ackedOsn: 0, pumping: false,
    again: false, closed: false };
  const flow = createSessionFlow(ws, {
    onWritable: () => { kick(); },
    onStalled: () => { sessionStalled(ws, { metrics: deps.metrics, logger: options.logger }); },
    onPaused: (reason) => { deps.metrics.count("session_reading_paused_total", { reason }); },
  });
  const send = (frame: unknown): void => {
    if (!state.closed) flow.send(JSON.stringify(frame));
  };
  const kick = (): void => {
    supervised("deliver", pump(deps, { bic, state, flow, send }));
  };

  const unsubscribe = deps.wakeups.subscribe(bic, kick);
  ws.on("close", () => { state.closed = true; flow.closed(); unsubscribe(); });
  ws.on("message", (data: RawData) => {
    flow.admit((done) => {
      supervised("handle frame",
        handleFrame(deps, { ws, bic, state, kick, send }, data).finally(done));
    });
  });
  supervised("open session", deps.delivery.position(bic).then((position) => {
    state.ackedOsn = position.ackedOsn;
    state.lastSentOsn = Math.max(options.after ?? 0, position.ackedOsn);
    send({ type: "welcome", bic, ackedOsn: position.ackedOsn, lastOsn: position.lastOsn });
    kick();
  }));
}

/**
 * Delivers pages while the window of unacknowledged messages has room and the client is under
 * its buffer limit; one pump runs at a time, and a kick during it makes it go round again.
 */
async function pump(deps: HttpDeps, context: { bic: Participant["bic"]; state: SessionState;
  flow: SessionFlow; send: (frame: unknown) => void }): Promise<void> {
  const { state } = context;
  if (state.pumping) { state.again = true; return; }
  state.pumping = true;
  try {
    do {
      state.again = false;
      const room = sessionUnackedMessagesMax - (state.lastSentOsn - state.ackedOsn);
      // A client over its buffer limit gets nothing more until it drains (onWritable kicks).
      if (room <= 0 || state.closed || !context.flow.writable()) break;
      const page = await deps.delivery.fetchInbox(context.bic, { after: state.lastSentOsn,
        limit: Math.min(room, inboxPageSizeMax), waitMs: 0 });
      if (page.length === 0) break;
      state.lastSentOsn = Math.max(state.lastSentOsn, ...page.map((d) => d.osn));
      context.send({ type: "deliver", messages: page.map(deliveredJson) });
      state.again = true;
    } while (state.again);
  } finally {
    state.pumping = false;
  }
}

/** A client over its buffer limit for too long is not reading: closed with 1008 to free it. */
function sessionStalled(ws: WebSocket, context: { metrics: Metrics; logger: Logger }): void {
  context.metrics.count("session_stalled_closes_total");
  context.logger.warn({ bufferedBytes: ws.bufferedAmount, stallMs: sessionBufferedStallMsMax },
    "Cannot deliver to session: the client is not reading, session closed with 1008");
  // The close frame queues behind what the client has not read; closeTimeout then drops it.
  ws.close(1008, "not reading");
}

/**
 * The supervisor of a session's async work. A store outage closes the session with 1011: the
 * client reconnects and resumes after its acknowledged OSN, so nothing is lost. Anything else is
 * a bug: logged, the session closed, and rethrown so that it surfaces as an uncaught error.
 */
function supervise(work: Promise<void>, context: { ws: WebSocket; logger: Logger;
  what: string }): void {
  work.catch((error: unknown) => {
    if (isStorageError(error)) {
      context.logger.warn({ err: error }, `Cannot ${context.what}: store unavailable`);
      context.ws.close(1011, "store unavailable");
      return;
    }
    context.logger.error({ err: error }, `Cannot ${context.what}: internal error`);
    context.ws.close(1011, "internal error");
    throw error;
  });
}

interface FrameContext {
  readonly ws: WebSocket;
  readonly bic: Participant["bic"];
  readonly state: SessionState;
  readonly kick: () => void;
  readonly send: (frame: unknown) => void;
}

async function handleFrame(deps: HttpDeps, context: FrameContext, data: RawData): Promise<void> {
  const frame = parseFrame(data);
  if (frame === undefined) {
    context.send({ type: "error", error: { code: "frame-invalid", location: "frame",
      message: "Cannot read frame: expected submit or ack JSON" } });
    context.ws.close(1008, "frame-invalid");
    return;
  }
  if (frame.type === "ack") {
    const result = await deps.delivery.ack(context.bic, frame.osn);
    context.state.ackedOsn = Math.max(context.state.ackedOsn, result.ackedOsn);
    context.kick();
    return;
  }
  const started = deps.clock.now();
  const answers = await deps.intake.submitMany(context.bic,
    frame.items.map((item) => Buffer.from(item.payload, "utf8")));
  deps.metrics.observeMs("session_batch_ack_latency_ms", deps.clock.now() - started);
  for (const answer of answers) deps.metrics.count("submissions_total", { status: answer.status });
  context.send({ type: "answers",
    items: answers.map((answer, index) => ({ ref: frame.items[index]?.ref ?? null, ...answer })) });
}

interface SubmitItem { ref: string | number; payload: string }
type Frame = { type: "ack"; osn: number } | { type: "submit"; items: SubmitItem[] };

function parseFrame(data: RawData): Frame | undefined {
  const text = Buffer.isBuffer(data) ? data.toString("utf8")
    : Array.isArray(data) ? Buffer.concat(data).toString("utf8")
      : Buffer.from(data).toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // A malformed frame is the client's mistake, answered with frame-invalid.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.type === "ack") {
    return Number.isSafeInteger(record.osn) && (record.osn as number) >= 0
      ? { type: "ack", osn: record.osn as number } : undefined;
  }
  if (record.type !== "submit" || !Array.isArray(record.items)) return undefined;
  const items = record.items as unknown[];
  if (items.length === 0 || items.length > sessionSubmitBatchMax) return undefined;
  const valid = items.every((item) => typeof item === "object" && item !== null &&
    typeof (item as Record<string, unknown>).payload === "string" &&
    ["string", "number"].includes(typeof (item as Record<string, unknown>).ref));
  return valid ? { type: "submit", items: items as SubmitItem[] } : undefined;
}
