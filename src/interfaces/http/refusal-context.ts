// What the edge knows of a refused request before it trusts anything in it: the client address
// the socket came from (an IPv6 /64 counts as one client) and the key id a signature claimed.
import { isIPv6 } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { HttpEnv } from "./context.js";

/** The client of a request with no socket (app.request() in process): one shared client. */
export const unknownClient = "unknown";

/**
 * The client a request came from, as throttles and refusal samples key it: the socket's remote
 * address from @hono/node-server, never a header (X-Forwarded-For is the client's to write).
 */
export function clientAddressOf(c: Context<HttpEnv>): string {
  // In process (app.request() without bindings) there is no socket to ask.
  const bindings = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (bindings?.incoming === undefined && bindings?.server?.incoming === undefined) {
    return unknownClient;
  }
  return clientKeyOf(getConnInfo(c).remote.address);
}

/**
 * IPv4 addresses as they are; an IPv4-mapped IPv6 address as its IPv4 address; any other IPv6
 * address as its /64, the smallest block a host is given, since one host has billions of them.
 */
export function clientKeyOf(address: string | undefined): string {
  if (address === undefined || address === "") return unknownClient;
  const plain = address.split("%")[0] ?? "";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(plain);
  if (mapped !== null) return mapped[1] ?? unknownClient;
  if (!isIPv6(plain)) return plain.slice(0, 45);
  const [head = "", tail = ""] = plain.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  // An embedded IPv4 address in the last groups stands for two groups; only the first four
  // groups are kept, so its value does not matter, only how many groups it takes.
  const tailGroups = (tail === "" ? [] : tail.split(":"))
    .flatMap((group) => (group.includes(".") ? ["0", "0"] : [group]));
  const missing = plain.includes("::") ? 8 - headGroups.length - tailGroups.length : 0;
  const groups = [...headGroups, ...Array.from({ length: missing }, () => "0"), ...tailGroups];
  return `${groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}

/**
 * The key id a refused request's Signature-Input claimed, unverified: it names who the request
 * said it came from in the refusal count, cut short (the recorder sanitises it further).
 */
export function claimedKeyId(signatureInput: string | null | undefined): string {
  const match = /keyid="([^"]{0,64})/.exec((signatureInput ?? "").slice(0, 1_024));
  return match?.[1] ?? "unknown";
}
