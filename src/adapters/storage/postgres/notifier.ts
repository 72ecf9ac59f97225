// LISTEN/NOTIFY between hub nodes: a commit that queues messages notifies the receivers' BICs;
// every node listens on one dedicated connection and wakes its local sessions and long-polls.
import pg from "pg";

import { isStorageError, silentLogger } from "../../../lib/index.js";
import type { Logger } from "../../../lib/index.js";
import { postgresListenReconnectMsMax, postgresNotifyReceiversMax } from "../../../limits.js";
import type { Bic } from "../../../standards/index.js";
import { translateStorageError } from "../storage-errors.js";
import type { Queryable } from "./pool.js";

export const queuedChannel = "corridor_queued";

/** Sends the notifications inside the caller's transaction: PostgreSQL delivers them at commit. */
export async function notifyQueued(
  client: Queryable,
  options: { node: string; receivers: ReadonlySet<string> },
): Promise<void> {
  const all = [...options.receivers];
  for (let start = 0; start < all.length; start += postgresNotifyReceiversMax) {
    const chunk = all.slice(start, start + postgresNotifyReceiversMax);
    await client.query("SELECT pg_notify($1, $2)",
      [queuedChannel, `${options.node} ${chunk.join(",")}`]);
  }
}

export interface Listener {
  subscribe(listener: (receivers: readonly Bic[]) => void): () => void;
  close(): Promise<void>;
}

export interface ListenerOptions {
  readonly config: pg.ClientConfig;
  /** This node's id: its own notifications are skipped (intake already woke its sessions). */
  readonly node: string;
  /** Receivers with queued messages, read after a reconnect to catch what was missed. */
  readonly queuedReceivers: () => Promise<readonly Bic[]>;
  /** Where dropped connections and reconnects are reported (default: nowhere). */
  readonly logger?: Logger | undefined;
}

/** Keeps one LISTEN connection open, reconnecting with capped backoff after it drops. */
export function createListener(options: ListenerOptions): Listener {
  const logger = options.logger ?? silentLogger;
  const listeners = new Set<(receivers: readonly Bic[]) => void>();
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let delayMs = 100;
  let connecting = false;

  const emit = (receivers: readonly Bic[]): void => {
    if (receivers.length === 0) return;
    for (const listener of [...listeners]) listener(receivers);
  };
  const onNotification = (message: pg.Notification): void => {
    const [node, list] = (message.payload ?? "").split(" ");
    if (node === options.node || list === undefined || list === "") return;
    emit(list.split(",") as Bic[]);
  };
  const scheduleReconnect = (): void => {
    if (closed || timer !== undefined) return;
    timer = setTimeout(() => { timer = undefined; void connect(true); }, delayMs);
    delayMs = Math.min(delayMs * 2, postgresListenReconnectMsMax);
  };
  const connect = async (missedSome: boolean): Promise<void> => {
    if (closed || connecting) return;
    connecting = true;
    const next = new pg.Client(options.config);
    // The LISTEN connection dropped (a database restart, a network cut): listen again later.
    const lost = (error?: Error): void => {
      if (client !== next || closed) return;
      client = undefined;
      logger.warn({ err: error }, "PostgreSQL LISTEN connection lost; listening again");
      void endBroken(next, logger);
      scheduleReconnect();
    };
    next.on("error", lost);
    next.on("end", () => { lost(); });
    next.on("notification", onNotification);
    try {
      await next.connect();
      await next.query(`LISTEN ${queuedChannel}`);
      if (closed) { await next.end(); return; }
      client = next;
      delayMs = 100;
      if (missedSome) emit(await options.queuedReceivers());
    } catch (error) {
      await endBroken(next, logger);
      // A database that is not there (yet) is retried with backoff. Anything else is a bug or
      // a refusal a retry cannot fix: nobody awaits connect(), so it reaches the process as an
      // unhandled rejection, and the hub stops rather than serve without cross-node wake-ups.
      if (!isStorageError(translateStorageError(error, "listen for queued messages"))) {
        logger.error({ err: error }, "Cannot listen for queued messages: unexpected error");
        throw error;
      }
      logger.warn({ err: error }, "Cannot listen for queued messages yet: retrying");
      scheduleReconnect();
    } finally {
      connecting = false;
    }
  };

  return {
    subscribe: (listener) => {
      listeners.add(listener);
      if (client === undefined && !connecting && timer === undefined) void connect(false);
      return () => { listeners.delete(listener); };
    },
    close: async () => {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      if (client !== undefined) await endBroken(client, logger);
    },
  };
}

/**
 * Ends a LISTEN connection that is lost, half-open or closing. Its end() can fail only because
 * the connection is already gone (the condition that brought us here), so the failure is
 * logged at debug and not rethrown: there is nothing left to close.
 */
async function endBroken(connection: pg.Client, logger: Logger): Promise<void> {
  try {
    await connection.end();
  } catch (error) {
    logger.debug({ err: error }, "PostgreSQL LISTEN connection was already closed");
  }
}
