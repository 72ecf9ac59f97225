// RFC 9421 HTTP Message Signatures, the pure part: the covered components Corridor requires,
// the signature base both sides sign, and parsing of the Signature-Input and Signature fields.
// Cryptography (Ed25519) happens at the edges; this module only builds and parses text.
import { assert, fail, ok } from "../../lib/index.js";
import type { Result } from "../../lib/index.js";

/** Corridor covers the method, the request target, the body digest (RFC 9530) and `created`. */
export const coveredComponents = ["@method", "@request-target", "content-digest"] as const;
export const signatureLabel = "sig1";
export const signatureAlgorithm = "ed25519";

export interface SignatureParams {
  readonly created: number;
  readonly keyId: string;
  readonly nonce: string;
}

export interface RequestParts {
  readonly method: string;
  /** Path and query, as sent: `/v1/inbox?after=3`. */
  readonly target: string;
  /** The Content-Digest field value, e.g. `sha-256=:...:`. */
  readonly contentDigest: string;
}

export type SignatureProblemCode = "signature-missing" | "signature-input-invalid";

/** The `@signature-params` value, which is also the Signature-Input member value. */
export function signatureParamsValue(params: SignatureParams): string {
  assert(Number.isInteger(params.created), "created is whole seconds");
  assert(!/["\\]/.test(params.keyId + params.nonce), "key id and nonce need no escaping");
  const components = coveredComponents.map((name) => `"${name}"`).join(" ");
  return `(${components});created=${params.created};keyid="${params.keyId}"` +
    `;nonce="${params.nonce}";alg="${signatureAlgorithm}"`;
}

/** The exact text that is signed (RFC 9421 §2.5). */
export function signatureBase(request: RequestParts, params: SignatureParams): string {
  assert(request.target.startsWith("/"), "the request target is in origin form");
  const lines = [
    `"@method": ${request.method.toUpperCase()}`,
    `"@request-target": ${request.target}`,
    `"content-digest": ${request.contentDigest}`,
    `"@signature-params": ${signatureParamsValue(params)}`,
  ];
  return lines.join("\n");
}

/** Content-Digest field value (RFC 9530) from a base64 SHA-256 of the body. */
export function contentDigestValue(sha256Base64: string): string {
  return `sha-256=:${sha256Base64}:`;
}

const paramsPattern = new RegExp(
  `^${signatureLabel}=\\("@method" "@request-target" "content-digest"\\)` +
  `;created=(\\d{1,12});keyid="([^"]{1,64})";nonce="([^"]{8,128})";alg="ed25519"$`,
);

/** Parses the Signature-Input field; Corridor accepts exactly the components it requires. */
export function parseSignatureInput(
  value: string | undefined,
): Result<SignatureParams, SignatureProblemCode> {
  if (value === undefined || value === "") {
    return fail("signature-missing", "Signature-Input", "Cannot authenticate: no Signature-Input");
  }
  const match = paramsPattern.exec(value.trim());
  if (!match) {
    return fail("signature-input-invalid", "Signature-Input",
      `Cannot authenticate: Signature-Input must be ${signatureLabel}=(` +
      `${coveredComponents.map((name) => `"${name}"`).join(" ")})` +
      ';created;keyid;nonce;alg="ed25519"');
  }
  return ok({ created: Number(match[1]), keyId: match[2] ?? "", nonce: match[3] ?? "" });
}

/** Parses the Signature field `sig1=:base64:` into the base64 text. */
export function parseSignature(value: string | undefined): Result<string, SignatureProblemCode> {
  const match = value === undefined ? null : /^sig1=:([A-Za-z0-9+/=]{1,200}):$/.exec(value.trim());
  if (!match) {
    return fail("signature-missing", "Signature",
      "Cannot authenticate: no sig1 Signature");
  }
  return ok(match[1] ?? "");
}
