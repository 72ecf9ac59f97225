// The one place that maps Corridor's codes to HTTP statuses.
import type {
  AccountProblemCode, CaseProblemCode, NetworkNakCode, PolicyProblemCode,
} from "../../network/index.js";
import type { AuthProblemCode } from "./signature-verifier.js";

export const authStatus: Record<AuthProblemCode, 401 | 403> = {
  "signature-missing": 401,
  "signature-input-invalid": 401,
  "key-unknown": 401,
  "signature-invalid": 401,
  "digest-mismatch": 401,
  "signature-expired": 401,
  "signature-replayed": 401,
  "participant-inactive": 403,
};

/** A NAK is a verdict on the message (422) unless the hub itself could not store it (503). */
export const networkNakStatus: Record<NetworkNakCode, 422 | 503> = {
  "sender-not-authorised": 422,
  "sender-inactive": 422,
  "receiver-unknown": 422,
  "receiver-inactive": 422,
  "rma-missing": 422,
  "sender-excluded": 422,
  "receiver-excluded": 422,
  "encoding-invalid": 422,
  "screening-unavailable": 503,
  "storage-unavailable": 503,
  "hub-overloaded": 503,
};

export function nakStatus(code: string): 422 | 503 {
  return code in networkNakStatus ? networkNakStatus[code as NetworkNakCode] : 422;
}

/** Case and policy decisions: refused by role, rule or state. */
export const controlsStatus: Record<CaseProblemCode | PolicyProblemCode, 400 | 403 | 404 | 409> = {
  "case-not-found": 404,
  "case-already-decided": 409,
  "release-not-proposed": 409,
  "release-already-proposed": 409,
  "approver-must-differ-from-proposer": 403,
  "approver-related-to-proposer": 403,
  "role-forbidden": 403,
  "note-required": 400,
  "case-conflict": 409,
  "message-not-held": 409,
  "policy-invalid": 400,
  "policy-not-found": 404,
  "policy-not-proposed": 409,
  "approver-must-differ-from-maker": 403,
  "approver-related-to-maker": 403,
  "lift-target-invalid": 400,
  "policy-conflict": 409,
};

/** Account proposals and approvals: maker-checker on operator and compliance roles. */
export const accountStatus: Record<AccountProblemCode, 400 | 403 | 404 | 409> = {
  "account-invalid": 400,
  "account-exists": 409,
  "account-not-found": 404,
  "account-not-proposed": 409,
  "account-change-pending": 409,
  "account-lineage-too-deep": 403,
  "account-conflict": 409,
  "role-forbidden": 403,
  "approver-must-differ-from-maker": 403,
  "approver-related-to-maker": 403,
  "approver-related-to-subject": 403,
};
