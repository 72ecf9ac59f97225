// Account lineage: who created whom, up to the hub. Four-eyes and maker-checker count two
// accounts as one person's reach when one created the other, however indirectly, or when both
// descend from the same account; only the hub itself ("CORRIDOR") is no one's accomplice.
import { assert } from "../../lib/index.js";
import { accountLineageDepthMax } from "../../limits.js";
import type { AccountStore } from "./account-store.js";

/** The creator of accounts made by the hub: at first start, in the demo, from the data dir. */
export const hubCreator = "CORRIDOR";

/** An account as the four-eyes rules see it: its name and its creators, nearest first. */
export interface AccountLineage {
  readonly name: string;
  readonly lineage: readonly string[];
}

/** The lineage of an account created by `creator` (an account, or the hub). */
export function lineageUnder(creator: AccountLineage | typeof hubCreator): readonly string[] {
  if (creator === hubCreator) return [hubCreator];
  assert(creator.lineage.length > 0, "an account's lineage reaches the hub");
  assert(!creator.lineage.includes(creator.name), "an account does not create itself");
  return [creator.name, ...creator.lineage];
}

/**
 * Are these two accounts within one person's reach? The same account; one created by the other
 * (directly or through accounts it created); or two creations of one account. Whole lineages
 * are compared: they are bounded by accountLineageDepthMax and never cut short.
 */
export function relatedAccounts(a: AccountLineage, b: AccountLineage): boolean {
  assert(a.lineage.length <= accountLineageDepthMax, "a lineage is bounded");
  assert(b.lineage.length <= accountLineageDepthMax, "a lineage is bounded");
  if (a.name === b.name) return true;
  if (a.lineage.includes(b.name) || b.lineage.includes(a.name)) return true;
  return a.lineage.some((creator) => creator !== hubCreator && b.lineage.includes(creator));
}

/** The narrow port the four-eyes rules of other features read lineages through. */
export interface AccountLineages {
  /**
   * The lineage of an account by name. Accounts are never deleted, so a name without an account
   * comes from a store edited by hand: it is given no creators and is related only to itself
   * and to accounts that name it among theirs.
   */
  lineageOf(name: string): Promise<AccountLineage>;
}

export function accountLineages(accounts: Pick<AccountStore, "findAccount">): AccountLineages {
  return {
    lineageOf: async (name) => {
      const account = await accounts.findAccount({ name });
      return { name, lineage: account?.lineage ?? [] };
    },
  };
}
