// Onboarding a participant: the pure checks on what an operator submits.
import { fail, ok } from "../../lib/index.js";
import type { Result } from "../../lib/index.js";
import { isBic, parseBic } from "../../standards/index.js";
import type { Participant } from "../types.js";

export type ParticipantProblemCode =
  | "bic-format-invalid" | "name-invalid" | "public-key-invalid" | "parent-invalid";

export interface ParticipantDraft {
  readonly bic: string;
  readonly name: string;
  readonly publicKeyPem: string;
  readonly parent?: string | undefined;
}

const pemPattern =
  /^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]{40,200}-----END PUBLIC KEY-----\s*$/;

export function checkParticipant(
  draft: ParticipantDraft,
  options: { now: number },
): Result<Participant, ParticipantProblemCode> {
  const bic = parseBic(draft.bic, "bic");
  if (!bic.ok) return { ok: false, problems: bic.problems };
  const name = draft.name.trim();
  if (name.length === 0 || name.length > 140) {
    return fail("name-invalid", "name", "Cannot add participant: name needs 1 to 140 characters");
  }
  if (!pemPattern.test(draft.publicKeyPem)) {
    return fail("public-key-invalid", "public-key",
      "Cannot add participant: public key must be an Ed25519 SPKI PEM (corridor keygen)");
  }
  if (draft.parent !== undefined && !(draft.parent.length === 8 && isBic(draft.parent))) {
    return fail("parent-invalid", "parent", `Cannot add participant: parent "${draft.parent}" ` +
      "is not a BIC8");
  }
  return ok({
    bic: bic.value, name, publicKeyPem: draft.publicKeyPem, parent: draft.parent,
    status: "active", createdAt: options.now,
  });
}
