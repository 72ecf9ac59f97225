// The network domain's public surface: the services, the pipeline they form (createNetwork), and
// the ports they need, each feature's store port beside its feature.
export type {
  Clock, ContentValidator, Coordination, Digests, IdSource, ParsedContent, StoreLifecycle,
} from "./ports.js";
export { storesOf } from "./stores.js";
export type { HubStores, StoreAdapter } from "./stores.js";
export { createNetwork, fixedLists } from "./network.js";
export type { Network, NetworkDeps } from "./network.js";
export type {
  AcknowledgedMessage, DeliveredMessage, MessageFormatOrSystem, MessageId, MessageStatus,
  Participant, ParticipantStatus, StoredMessage, SubmissionOutcome,
} from "./types.js";
export { systemSender } from "./types.js";
// --- Ports, by feature ---
export type {
  AccountProposal, AccountRecord, AccountRole, AccountStatus, AccountStore, AccountWrite,
} from "./accounts/account-store.js";
export type { AuditLog } from "./audit/audit-log.js";
export type { ReplayWindow } from "./authentication/replay-window.js";
export type { CaseStore, CaseTransitionOutcome } from "./compliance/case-store.js";
export type { AckResult, InboxQuery, InboxStore, NoticeDraft } from "./delivery/inbox-store.js";
export type { PolicyStore } from "./exclusion/policy-store.js";
export type { HoldDraft, Submission, SubmissionStore } from "./intake/submission-store.js";
export type {
  MessageQueries, MessageSearch, TrafficBucket, TrafficQuery,
} from "./monitoring/message-queries.js";
export type { ParticipantStore } from "./participants/participant-store.js";
export type { RmaRecord, RmaStore } from "./rma/rma-store.js";
export type { ListSource, ListUpdates } from "./screening-hold/list-updates.js";
// --- Intake and delivery ---
export { createGroupCommitter } from "./intake/group-commit.js";
export type { GroupCommitter } from "./intake/group-commit.js";
export { createIntakeService } from "./intake/intake-service.js";
export type { Admission, IntakeDeps, IntakeService } from "./intake/intake-service.js";
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
// --- Sanctions controls ---
export {
  approveAccount, assertAccountRecord, checkAccountDraft, createHubAccount, needsChecker,
  proposeAccount,
} from "./accounts/account.js";
export type {
  AccountChange, AccountDraft, AccountProblemCode, AccountStage,
} from "./accounts/account.js";
export { addHubAccount, createAccountService } from "./accounts/account-service.js";
export type {
  AccountDeps, AccountOutcome, AccountService, TokenIssuer,
} from "./accounts/account-service.js";
export { accountLineages, hubCreator, lineageUnder, relatedAccounts } from "./accounts/lineage.js";
export type { AccountLineage, AccountLineages } from "./accounts/lineage.js";
export {
  auditEntryHash, auditGenesisHash, auditHashText, createChainVerifier,
} from "./audit/chain.js";
export type { AuditBreak, AuditDraft, AuditEntry, AuditKind, AuditVerdict } from "./audit/chain.js";
export { verifyAuditChain } from "./audit/verify.js";
export { createRefusalRecorder, refusalKinds, sanitiseRefusalText } from "./audit/refusals.js";
export type {
  Refusal, RefusalCounter, RefusalKind, RefusalRecorder,
} from "./audit/refusals.js";
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
export { createScreeningGate, isPaymentType } from "./screening-hold/screening-gate.js";
export type {
  ScreeningGate, ScreeningMode, ScreeningStatus, ScreeningVerdict,
} from "./screening-hold/screening-gate.js";
export { createListUpdates } from "./screening-hold/list-updates.js";
export { checkRmaDraft, createRmaGate, rmaCovers, rmaNotEnforced } from "./rma/rma.js";
export type { RmaGate, RmaProblemCode } from "./rma/rma.js";
export { contentValidator } from "./intake/content-validator.js";
