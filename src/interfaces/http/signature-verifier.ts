// Verifies RFC 9421 signed participant requests: Ed25519 over method, request target, the body's
// Content-Digest and the creation time; key id = the participant's BIC. Rejects unknown keys,
// bad signatures, tampered bodies, stale or future creation times and replayed signatures: a
// signature is accepted once, by its bytes, in a window kept in the store that every node shares.
import { createPublicKey, hash, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { fail, ok } from "../../lib/index.js";
import type { Result } from "../../lib/index.js";
import {
  signatureCreatedSkewSecondsMax, signatureReplayClockMarginSeconds,
} from "../../limits.js";
import type { Participant, ReplayWindow } from "../../network/index.js";
import {
  contentDigestValue, parseBic, parseSignature, parseSignatureInput, signatureBase,
} from "../../standards/index.js";
import type { Bic, SignatureParams } from "../../standards/index.js";

export type AuthProblemCode =
  | "signature-missing" | "signature-input-invalid" | "key-unknown" | "signature-invalid"
  | "digest-mismatch" | "signature-expired" | "signature-replayed" | "participant-inactive";

export interface SignedRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: { get(name: string): string | null | undefined };
  readonly body: Buffer;
}

export interface SignatureVerifier {
  verify(request: SignedRequest): Promise<Result<Participant, AuthProblemCode>>;
}

export interface VerifierDeps {
  readonly findParticipant: (bic: Bic) => Promise<Participant | undefined>;
  readonly nowMs: () => number;
  /** Signatures already accepted, in the store: a restart or another node still refuses them. */
  readonly replays: ReplayWindow;
  /** Why a non-active participant is refused, e.g. the exclusion policy's legal reference. */
  readonly inactiveReason?: (participant: Participant) => Promise<string | undefined>;
}

export function sha256Base64(body: Buffer): string {
  return hash("sha256", body, "base64");
}

export function createSignatureVerifier(deps: VerifierDeps): SignatureVerifier {
  const keys = new Map<string, KeyObject>();
  const keyFor = (participant: Participant): KeyObject => {
    let key = keys.get(participant.publicKeyPem);
    if (key === undefined) {
      key = createPublicKey(participant.publicKeyPem);
      keys.set(participant.publicKeyPem, key);
    }
    return key;
  };

  return {
    verify: async (request) => {
      const nowMs = deps.nowMs();
      const read = readSignature(request, Math.floor(nowMs / 1000));
      if (!read.ok) return read;
      const { params, signature } = read.value;
      const bic = parseBic(params.keyId, "Signature-Input keyid");
      const participant = bic.ok ? await deps.findParticipant(bic.value) : undefined;
      if (participant === undefined) {
        return fail("key-unknown", "Signature-Input keyid",
          `Cannot authenticate: no participant "${params.keyId}"`);
      }
      const digest = checkDigest(request);
      if (!digest.ok) return digest;
      const base = signatureBase({ method: request.method, target: request.target,
        contentDigest: digest.value }, params);
      if (!await verifyInPool(Buffer.from(base, "utf8"), keyFor(participant), signature)) {
        return fail("signature-invalid", "Signature",
          `Cannot authenticate: signature does not verify with the key of "${participant.bic}"`);
      }
      if (!await deps.replays.claimSignature(replayKey(params.created, signature),
        { expiresAt: replayExpiry(params.created), now: nowMs })) {
        return fail("signature-replayed", "Signature", "Cannot authenticate: signature replayed");
      }
      if (participant.status !== "active") {
        const why = await deps.inactiveReason?.(participant);
        return fail("participant-inactive", "Signature-Input keyid",
          `Cannot authenticate: participant "${participant.bic}" is ` +
          `${why ?? participant.status}`);
      }
      return ok(participant);
    },
  };
}

/** Signature-Input and Signature, the signature's bytes, and a creation time in the window. */
function readSignature(request: SignedRequest, nowSeconds: number):
  Result<{ params: SignatureParams; signature: Buffer }, AuthProblemCode> {
  const params = parseSignatureInput(request.headers.get("signature-input") ?? undefined);
  if (!params.ok) return params;
  const text = parseSignature(request.headers.get("signature") ?? undefined);
  if (!text.ok) return text;
  const signature = canonicalBase64(text.value);
  if (signature === undefined) {
    return fail("signature-invalid", "Signature",
      "Cannot authenticate: signature is not canonical base64");
  }
  if (Math.abs(nowSeconds - params.value.created) > signatureCreatedSkewSecondsMax) {
    return fail("signature-expired", "Signature-Input",
      `Cannot authenticate: created ${params.value.created} is more than ` +
      `${signatureCreatedSkewSecondsMax} s from the hub's clock ${nowSeconds}`);
  }
  return ok({ params: params.value, signature });
}

/**
 * One signature's key in the replay window: its creation time, then its bytes (never the text
 * received, so every spelling of one signature is one key). `created` is signed, so it adds no
 * second key for one signature; leading with it (fixed width) keeps each new record beside the
 * last ones in the store's index instead of on a random page.
 */
function replayKey(created: number, signature: Buffer): string {
  return `${String(created).padStart(12, "0")}:${signature.toString("base64url")}`;
}

/** Kept a little (the clock margin) past the last millisecond `created` is accepted. */
function replayExpiry(created: number): number {
  return (created + signatureCreatedSkewSecondsMax + 1 + signatureReplayClockMarginSeconds) *
    1000;
}

/** The Content-Digest the body has, when the request carries exactly that value. */
function checkDigest(request: SignedRequest): Result<string, AuthProblemCode> {
  const digest = contentDigestValue(sha256Base64(request.body));
  const received = request.headers.get("content-digest");
  if (received === digest) return ok(digest);
  const claimed = received === null || received === undefined ? undefined
    : /^sha-256=:(.*):$/.exec(received)?.[1];
  if (claimed !== undefined && canonicalBase64(claimed) === undefined) {
    return fail("digest-mismatch", "Content-Digest",
      "Cannot authenticate: Content-Digest is not canonical base64");
  }
  return fail("digest-mismatch", "Content-Digest",
    "Cannot authenticate: Content-Digest does not match the body");
}

/**
 * The bytes of standard padded base64 (RFC 4648 §4), or undefined unless encoding them again
 * gives the same text. Node decodes leniently: it skips whitespace and unknown characters, takes
 * the URL-safe alphabet, missing padding and non-zero unused bits, so many texts carry one
 * signature; comparing the re-encoding leaves exactly one.
 */
function canonicalBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : undefined;
}

/**
 * Ed25519 verification (~0.1 ms here) on libuv's thread pool, off the event loop: other requests
 * are parsed and committed meanwhile, and a host with more cores verifies in parallel. A
 * signature the key cannot check (an error) does not verify.
 */
function verifyInPool(data: Buffer, key: KeyObject, signature: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    verify(null, data, key, signature, (error, valid) => { resolve(error === null && valid); });
  });
}
