// The replay window port: request signatures the hub already accepted, kept in the store until
// their creation window closes, so that a restarted node and every other node of a hub refuse a
// captured request as well as the node that first saw it.

export interface ReplayWindow {
  /**
   * Records `key` (one signature's identity, from its bytes) until `expiresAt` (ms since the
   * epoch) and answers true when no unexpired record of it existed: the first claim wins.
   * Of concurrent claims of one key, on any node of the store, exactly one wins. Claims also
   * remove records that expired by `now`, at most `replayWindowPurgeRowsMax` per claim, so the
   * window holds about one signature lifetime of traffic without a job of its own.
   */
  claimSignature(key: string, options: { expiresAt: number; now: number }): Promise<boolean>;
}
