// The network domain's public surface: intake, delivery, participants, and the ports it needs.
export type {
  AccountRecord, AckResult, Clock, ContentValidator, Digests, IdSource, InboxQuery, MessageStore, NoticeDraft,
  Submission,
} from "./ports.js";
export type {
  DeliveredMessage, MessageFormatOrSystem, MessageId, MessageStatus, Participant,
  ParticipantStatus, StoredMessage, SubmissionOutcome,
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
