// Request body limits per route, enforced while the body arrives: a body over its route's limit
// is answered 413 body-too-large and its connection closed, before more than the limit is held.
import type { Context, MiddlewareHandler } from "hono";
import { httpBodyBytesMax, httpControlBodyBytesMax } from "../../limits.js";
import type { HttpEnv } from "./context.js";

/** Routes whose body is a message (up to httpBodyBytesMax); every other body is a control one. */
const messageRoutes: readonly { method: string; path: string }[] = [
  { method: "POST", path: "/v1/messages" },
];

/** The most bytes a request's body may have on its route. */
export function bodyBytesMaxFor(method: string, path: string): number {
  const message = messageRoutes.some((route) => route.method === method && route.path === path);
  return message ? httpBodyBytesMax : httpControlBodyBytesMax;
}

/**
 * One line of JSON, and `connection: close`: Node then closes the socket once the answer is
 * written, so the rest of the body is never read (a kept-alive connection would have to read
 * and discard it before the next request).
 */
function tooLarge(c: Context, bytesMax: number): Response {
  return c.json({ error: { code: "body-too-large", location: "body",
    message: `Cannot read request: body over ${bytesMax} bytes` } }, 413,
  { connection: "close" });
}

/**
 * The first middleware that could read a body (before signature checks, sign-in or any route).
 * A Content-Length over the limit is refused before one byte is read, whatever the method;
 * otherwise the body is read as it streams (chunked too) and reading stops at the limit. Hono's
 * bodyLimit does the same but copies into a buffer it doubles as the body grows, so a refused
 * body costs several times the limit where this costs the chunks read: for a refused 400 MiB
 * chunked message (limit 256 KiB) a hub's memory grew 1.2-1.3 MiB with it, 0.5-0.7 MiB here.
 * GET and HEAD bodies are never read: Node discards them, within the request timeout.
 */
export function bodyLimits(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const bytesMax = bodyBytesMaxFor(c.req.method, c.req.path);
    const declared = c.req.header("content-length");
    if (declared !== undefined && Number(declared) > bytesMax) return tooLarge(c, bytesMax);
    const stream = c.req.raw.body;
    if (stream === null) return next();
    let body: Uint8Array | undefined;
    try {
      body = await readUpTo(stream, bytesMax);
    } catch (error) {
      if (!isConnectionLost(error)) throw error;
      // No one is left to read an answer; this one is for the request log (not a 500).
      return c.json({ error: { code: "body-incomplete", location: "body",
        message: "Cannot read request: the connection closed before the body ended" } }, 400);
    }
    if (body === undefined) return tooLarge(c, bytesMax);
    c.req.raw = new Request(c.req.raw, { body });
    return next();
  };
}

/**
 * The body stream fails when the connection goes before the body ends: the client closed it or
 * the server's request timeout did (Node's "aborted", ECONNRESET), or the adapter aborted the
 * request (AbortError).
 */
function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error as { code?: unknown }).code === "ECONNRESET" || error.name === "AbortError";
}

/** The whole body, or undefined as soon as it passes `bytesMax` (nothing past it is read). */
async function readUpTo(stream: ReadableStream<Uint8Array>, bytesMax: number):
  Promise<Uint8Array | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Bounded by bytesMax, and by the server's request timeout for a client that stalls. The
  // reader is not cancelled past the limit: the Node adapter would destroy the socket before the
  // 413 is written; the server under the app stops reading the socket on a 413 instead.
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > bytesMax) return undefined;
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
