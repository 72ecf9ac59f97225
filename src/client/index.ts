// The participant SDK's public surface (`corridor/client`).
export { CorridorError, createCorridorClient, withPossibleDuplicateEmission } from "./client.js";
export type {
  AckAnswer, Answer, ClientOptions, CorridorClient, InboxMessage, NakAnswer,
} from "./client.js";
export { createRequestSigner } from "./signer.js";
export type { RequestSigner } from "./signer.js";
export { openSession } from "./session.js";
export type { Session, SessionOptions } from "./session.js";
