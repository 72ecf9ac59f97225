// The real clock, identifier source and digests: the only place the hub reads time and entropy.
import { hash, randomBytes } from "node:crypto";
import type { Clock, Digests, IdSource, MessageId } from "../../network/index.js";

export const systemClock: Clock = { now: () => Date.now() };

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** ULID-style ids: 48 bits of milliseconds then 80 random bits, sortable by creation time. */
export function createIdSource(clock: Clock = systemClock): IdSource {
  let lastTime = -1;
  let lastRandom = new Uint8Array(10);
  return {
    messageId: () => {
      const time = clock.now();
      if (time === lastTime) increment(lastRandom);
      else { lastRandom = new Uint8Array(randomBytes(10)); lastTime = time; }
      return (encodeTime(time) + encodeRandom(lastRandom)) as MessageId;
    },
    secretHex: (bytes) => randomBytes(bytes).toString("hex"),
  };
}

function encodeTime(time: number): string {
  let text = "";
  let rest = time;
  for (let index = 0; index < 10; index += 1) {
    text = crockford[rest % 32] + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}

function encodeRandom(bytes: Uint8Array): string {
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let text = "";
  for (let index = 0; index < 16; index += 1) {
    text = crockford[Number(bits & 31n)] + text;
    bits >>= 5n;
  }
  return text;
}

/** Monotonic within one millisecond: the random part counts up. */
function increment(bytes: Uint8Array): void {
  for (let index = bytes.length - 1; index >= 0; index -= 1) {
    const value = (bytes[index] ?? 0) + 1;
    bytes[index] = value & 0xff;
    if (value <= 0xff) return;
  }
}

export const nodeDigests: Digests = {
  sha256Hex: (text) => hash("sha256", text, "hex"),
};
