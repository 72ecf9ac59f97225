// The network domain's public surface: intake, delivery, participants, and the ports it needs.
export type {
  AccountRecord, AckResult, Clock, ContentValidator, Digests, IdSource, InboxQuery, MessageStore,
  NoticeDraft, ParsedContent, RmaRecord,
  Submission,
} from "./ports.js";
export type {
  AcknowledgedMessage, DeliveredMessage, MessageFormatOrSystem, MessageId, MessageStatus,
  Participant, ParticipantStatus, StoredMessage, SubmissionOutcome,
} from "./types.js";
export { systemSender } from "./types.js";
export type { MessageSearch, TrafficBucket, TrafficQuery } from "./ports.js";
export { createGroupCommitter } from "./intake/group-commit.js";
export type { GroupCommitter } from "./intake/group-commit.js";
export { createIntakeService } from "./intake/intake-service.js";
export type { IntakeDeps, IntakeService } from "./intake/intake-service.js";
export { nak, nakFrom } from "./intake/answer.js";
export type { Ack, Disposition, Nak, NetworkNakCode, SubmitAnswer } from "./intake/answer.js";
export { createDirectory } from "./participants/directory.js";
export type { Directory } from "./participants/directory.js";
export { checkParticipant } from "./participants/participant.js";
export type { ParticipantDraft, ParticipantProblemCode } from "./participants/participant.js";
export { createDeliveryService } from "./delivery/delivery-service.js";
export type { DeliveryService, InboxRequest } from "./delivery/delivery-service.js";
export { createWakeups } from "./delivery/wakeups.js";
export type { Wakeups } from "./delivery/wakeups.js";
// --- Sanctions controls (issue 6) ---
export type {
  AuditLog, CaseTransitionOutcome, ComplianceStore, ControlStores, HoldDraft, PolicyStore,
} from "./ports.js";
export {
  auditEntryHash, auditGenesisHash, auditHashText, createChainVerifier,
} from "./audit/chain.js";
export type { AuditBreak, AuditDraft, AuditEntry, AuditKind, AuditVerdict } from "./audit/chain.js";
export {
  addHits, approveRelease, caseOfHeldSubmission, proposeRelease, rejectCase,
} from "./compliance/case.js";
export type { CaseProblemCode, CaseRecord, CaseStatus, Officer } from "./compliance/case.js";
export { createComplianceService } from "./compliance/compliance-service.js";
export type {
  ComplianceDeps, ComplianceService, DecisionOutcome, RescreenOutcome,
} from "./compliance/compliance-service.js";
export { corridorBic, rejectionNotice } from "./compliance/notices.js";
export {
  approvePolicy, checkPolicyDraft, covers, exclusionsInForce, indexByBic8, ownershipChain,
} from "./exclusion/policy.js";
export type {
  PolicyAction, PolicyDirection, PolicyDraft, PolicyProblemCode, PolicyRecord, PolicyStatus,
} from "./exclusion/policy.js";
export { createPolicyService } from "./exclusion/policy-service.js";
export type { PolicyDeps, PolicyService } from "./exclusion/policy-service.js";
export { corridorsOf, previewPolicy } from "./exclusion/preview.js";
export type { CorridorTraffic, PolicyPreview, PreviewParticipant } from "./exclusion/preview.js";
export { extractFacts } from "./screening-hold/parties.js";
export type {
  MessageAmount, MessageFacts, MessageParty, PartyKind,
} from "./screening-hold/parties.js";
export { screenFacts, wordWindows } from "./screening-hold/screen-message.js";
export type { CaseHit, ScreenFactsOptions } from "./screening-hold/screen-message.js";
export { createScreeningGate } from "./screening-hold/screening-gate.js";
export type { ScreeningGate, ScreeningVerdict } from "./screening-hold/screening-gate.js";
export { checkRmaDraft, createRmaGate, rmaCovers } from "./rma/rma.js";
export type { RmaGate, RmaProblemCode } from "./rma/rma.js";
