// The participant directory: who is on the network, looked up by BIC on every submission.
// A short-lived cache keeps lookups off the store; changes made through it apply at once.
import { assert } from "../../lib/index.js";
import { headOfficeOf, parseBic } from "../../standards/index.js";
import type { Bic } from "../../standards/index.js";
import { directoryCacheEntriesMax, directoryCacheTtlMs } from "../../limits.js";
import type { Clock } from "../ports.js";
import type { ParticipantStore } from "./participant-store.js";
import type { Participant } from "../types.js";

export interface Directory {
  find(bic: Bic): Promise<Participant | undefined>;
  /** The receiver a message addressed to `bic` goes to: the BIC11, else its BIC8 head office. */
  resolveReceiver(bic: Bic): Promise<Participant | undefined>;
  upsert(participant: Participant): Promise<void>;
  list(): Promise<readonly Participant[]>;
  forget(): void;
}

export function createDirectory(deps: { participants: ParticipantStore; clock: Clock }): Directory {
  const cache = new Map<string, { participant: Participant | undefined; at: number }>();

  const find = async (bic: Bic): Promise<Participant | undefined> => {
    const now = deps.clock.now();
    const hit = cache.get(bic);
    if (hit !== undefined && now - hit.at < directoryCacheTtlMs) return hit.participant;
    const participant = await deps.participants.getParticipant(bic);
    // Unknown BICs are cached too (a flood of made-up key ids must not reach the store each
    // time), so the cache is bounded: the entry read longest ago goes first.
    cache.delete(bic);
    cache.set(bic, { participant, at: now });
    if (cache.size > directoryCacheEntriesMax) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    assert(cache.size <= directoryCacheEntriesMax, "the directory cache stays within its bound");
    return participant;
  };

  return {
    find,
    resolveReceiver: async (bic) => (await find(bic)) ?? (await find(headOfficeOf(bic))),
    upsert: async (participant) => {
      assert(parseBic(participant.bic).ok, "a participant has a valid BIC");
      await deps.participants.upsertParticipant(participant);
      cache.delete(participant.bic);
    },
    list: () => deps.participants.listParticipants(),
    forget: () => cache.clear(),
  };
}
