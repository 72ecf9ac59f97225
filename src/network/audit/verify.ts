// Verifies the whole audit chain from the store, page by page, and names the first entry that
// does not match (an edit, a removal or a reordering).
import { assert } from "../../lib/index.js";
import { auditVerifyPageEntriesMax } from "../../limits.js";
import type { Digests } from "../ports.js";
import type { AuditLog } from "./audit-log.js";
import { createChainVerifier } from "./chain.js";
import type { AuditVerdict } from "./chain.js";

export async function verifyAuditChain(audit: Pick<AuditLog, "entries">, digests: Digests,
): Promise<AuditVerdict> {
  const verifier = createChainVerifier(digests);
  let afterSeq = 0;
  for (;;) {
    const page = await audit.entries({ afterSeq, limit: auditVerifyPageEntriesMax });
    assert(page.length <= auditVerifyPageEntriesMax, "a page holds at most its limit");
    if (page.length === 0 || !verifier.feed(page)) return verifier.verdict();
    const last = page[page.length - 1];
    assert(last !== undefined && last.seq > afterSeq, "audit pages move forward");
    afterSeq = last.seq;
  }
}
