// Signs participant requests per RFC 9421 with the participant's Ed25519 private key.
import { createHash, createPrivateKey, randomBytes, sign } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { contentDigestValue, signatureBase, signatureParamsValue } from "../standards/index.js";

export interface RequestSigner {
  /** Headers to add to a request: Content-Digest, Signature-Input and Signature. */
  headersFor(request: { method: string; target: string; body: Buffer }): Record<string, string>;
}

export function createRequestSigner(options: {
  bic: string;
  privateKeyPem: string;
  nowMs?: () => number;
}): RequestSigner {
  const key: KeyObject = createPrivateKey(options.privateKeyPem);
  const now = options.nowMs ?? (() => Date.now());
  return {
    headersFor: ({ method, target, body }) => {
      const contentDigest = contentDigestValue(
        createHash("sha256").update(body).digest("base64"));
      const params = {
        created: Math.floor(now() / 1000), keyId: options.bic,
        nonce: randomBytes(12).toString("base64url"),
      };
      const base = signatureBase({ method, target, contentDigest }, params);
      const signature = sign(null, Buffer.from(base, "utf8"), key).toString("base64");
      return {
        "content-digest": contentDigest,
        "signature-input": `sig1=${signatureParamsValue(params)}`,
        signature: `sig1=:${signature}:`,
      };
    },
  };
}
