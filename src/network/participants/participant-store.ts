// The participants port: the directory of banks the hub serves, by BIC.
import type { Bic } from "../../standards/index.js";
import type { Participant } from "../types.js";

export interface ParticipantStore {
  upsertParticipant(participant: Participant): Promise<void>;
  getParticipant(bic: Bic): Promise<Participant | undefined>;
  listParticipants(): Promise<readonly Participant[]>;
}
