// The participant directory: who is on the network, looked up by BIC on every submission.
// A short-lived cache keeps lookups off the store; changes made through it apply at once.
import { assert } from "../../lib/index.js";
import { headOfficeOf, parseBic } from "../../standards/index.js";
import type { Bic } from "../../standards/index.js";
import type { Clock, MessageStore } from "../ports.js";
import type { Participant } from "../types.js";

export interface Directory {
  find(bic: Bic): Promise<Participant | undefined>;
  /** The receiver a message addressed to `bic` goes to: the BIC11, else its BIC8 head office. */
  resolveReceiver(bic: Bic): Promise<Participant | undefined>;
  upsert(participant: Participant): Promise<void>;
  list(): Promise<readonly Participant[]>;
  forget(): void;
}

/** How long a cached directory entry is trusted when another hub node may have changed it. */
const cacheTtlMs = 2_000;

export function createDirectory(deps: { store: MessageStore; clock: Clock }): Directory {
  const cache = new Map<string, { participant: Participant | undefined; at: number }>();

  const find = async (bic: Bic): Promise<Participant | undefined> => {
    const now = deps.clock.now();
    const hit = cache.get(bic);
    if (hit !== undefined && now - hit.at < cacheTtlMs) return hit.participant;
    const participant = await deps.store.getParticipant(bic);
    cache.set(bic, { participant, at: now });
    return participant;
  };

  return {
    find,
    resolveReceiver: async (bic) => (await find(bic)) ?? (await find(headOfficeOf(bic))),
    upsert: async (participant) => {
      assert(parseBic(participant.bic).ok, "a participant has a valid BIC");
      await deps.store.upsertParticipant(participant);
      cache.delete(participant.bic);
    },
    list: () => deps.store.listParticipants(),
    forget: () => cache.clear(),
  };
}
