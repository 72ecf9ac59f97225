// Every limit in Corridor, with its unit and the reason for its value.
// Relationships between limits are asserted when this module loads.
import { assert } from "./lib/index.js";

// --- Messages -------------------------------------------------------------------------------
/** FIN: a whole MT message may not exceed 10,000 characters (NAK M50). */
export const mtMessageCharsMax = 10_000;
/** MX: CBPR+ messages are larger than MT; 100 KiB covers a pacs.008 with structured remittance. */
export const mxMessageBytesMax = 100 * 1024;
/** The largest payload of either format that the hub stores. */
export const messageSizeBytesMax = Math.max(mtMessageCharsMax, mxMessageBytesMax);
/** MT text block: more fields than this cannot be a valid message of any supported type. */
export const mtFieldCountMax = 1_000;
/** Characters parseMt reads for one message: text block, headers and slack; beyond is hostile. */
export const mtParseCharsMax = 4 * mtMessageCharsMax;
/** Tags in block 3, block 5 or a service text block; FIN defines fewer than 20 of each. */
export const mtTagCountMax = 64;
/** Characters of one block 3/5 tag value; the longest (433, 434) are well under 200. */
export const mtTagValueCharsMax = 1_000;
/** Messages in one RJE batch file read by the CLI or the conformance test. */
export const mtBatchMessagesMax = 10_000;
/** Lines of one text block field: 77T (9000z) or 79 (35*50x) stay far below it. */
export const mtFieldLinesMax = 200;
/** XML nesting deeper than this is hostile: the deepest ISO 20022 path in scope is under 20. */
export const xmlDepthMax = 40;
/** XML elements per document; a statement (camt.053) with many entries stays well under it. */
export const xmlElementCountMax = 20_000;
/** Problems reported for one MX message: beyond this, more detail does not help the sender. */
export const mxProblemsMax = 100;

// --- HTTP and sessions ------------------------------------------------------------------------
/** Request body bytes: one message plus headroom for a JSON envelope. */
export const httpBodyBytesMax = 256 * 1024;
/** RFC 9421 `created` may be this far from the hub's clock, either way. */
export const signatureCreatedSkewSecondsMax = 300;
/**
 * Seconds a replay record outlives its signature's creation window: a node whose clock runs
 * ahead of another's by less than this never purges a record the other would still accept.
 */
export const signatureReplayClockMarginSeconds = 30;
/**
 * Expired replay records one signed request's claim removes: above one, so the window shrinks
 * back after a burst; small, so the claim stays one cheap statement on the hot path.
 */
export const replayWindowPurgeRowsMax = 16;
/** Replay claims SQLite writes in one transaction; the rest wait for the next, a tick later. */
export const replayWindowClaimsPerTransactionMax = 1_000;
/** Long-poll wait on GET /v1/inbox. */
export const inboxWaitSecondsMax = 60;
/** Messages per inbox page or streamed batch. */
export const inboxPageSizeMax = 1_000;
/** Messages a streaming session may have delivered and unacknowledged (flow control). */
export const sessionUnackedMessagesMax = 5_000;
/** Messages a client may put in one streaming submit frame. */
export const sessionSubmitBatchMax = 1_000;
/** Bytes of one WebSocket frame: a full submit batch of maximum-size MT messages fits. */
export const sessionFrameBytesMax = 16 * 1024 * 1024;
/**
 * Bytes the hub may have queued for one session's socket, past what the kernel took, before it
 * stops delivering to it and stops reading its frames (both resume below half). Three pages of
 * typical MT deliveries (~1.3 KB each); a client that reads stays well under it.
 */
export const sessionBufferedBytesMax = 4 * 1024 * 1024;
/**
 * Milliseconds a session may stay over sessionBufferedBytesMax before it is closed with 1008:
 * a client that takes less than 2 MiB in 20 s reads under 100 KB/s, or not at all.
 */
export const sessionBufferedStallMsMax = 20_000;
/**
 * Client frames (submit or ack) one session may have in processing; the next wait unread in
 * the client's socket. Four full batches are enough to fill a group commit (asserted below).
 */
export const sessionFramesInFlightMax = 4;
/** Milliseconds a closing session waits for the client's close frame before the socket is
 * destroyed (ws closeTimeout); a client that does not read never answers. */
export const sessionCloseTimeoutMs = 10_000;
/** Fragments of one client message (ws maxFragments): the SDK and browsers send messages
 * whole, and each fragment costs the hub a buffer. */
export const sessionFrameFragmentsMax = 1_024;
/** Network chunks buffered for one incomplete frame (ws maxBufferedChunks): a maximum-size frame
 * in 256-byte pieces; smaller pieces only inflate the per-chunk overhead. */
export const sessionReceiveChunksMax = 65_536;
/** Pings answered but not yet written out (ws maxPendingAutoPongs); past it the client is not
 * reading and its connection is dropped. ws's own default: each pong is under 130 bytes. */
export const sessionPendingPongsMax = 60;

// --- Storage ----------------------------------------------------------------------------------
/** Submissions committed in one group-commit transaction. */
export const commitBatchSizeMax = 2_000;
/** Rows read by one listing query (participants, messages). */
export const queryRowsMax = 10_000;
/** PostgreSQL connections per hub node; 10 per node keeps 10 nodes under the default 100. */
export const postgresPoolConnectionsMax = 10;
/** Milliseconds one PostgreSQL statement may run; a stuck query NAKs instead of hanging. */
export const postgresStatementTimeoutMs = 10_000;
/** Milliseconds to open a PostgreSQL connection; an unreachable database fails fast. */
export const postgresConnectTimeoutMs = 5_000;
/** Milliseconds a session may sit idle inside a transaction before PostgreSQL ends it. */
export const postgresIdleInTransactionMs = 30_000;
/** Milliseconds migrations may take at start, including the wait for another node's lock. */
export const postgresMigrationTimeoutMs = 10 * 60_000;
/** Retries of a transaction PostgreSQL aborted for a deadlock or serialization failure. */
export const postgresTransactionRetriesMax = 5;
/** Longest wait, in milliseconds, between reconnect attempts of the LISTEN connection. */
export const postgresListenReconnectMsMax = 5_000;
/** Receivers named in one NOTIFY payload; 500 BIC11s stay well under PostgreSQL's 8000 bytes. */
export const postgresNotifyReceiversMax = 500;

// --- Sanctions screening and lists ---------------------------------------------------------
/** Characters of one screened name; a party field is at most 4 x 35 (MT) or 140 (MX). */
export const screeningQueryCharsMax = 1_000;
/** Tokens kept from one name; real names have under 12, the rest is noise or an attack. */
export const screeningTokensPerNameMax = 16;
/** Characters kept of one name token; the longest real name words have under 30. */
export const screeningTokenCharsMax = 64;
/** Names fully scored per screened name, after index candidate generation (the cost bound). */
export const screeningCandidatesPerNameMax = 64;
/** Query tokens whose similar listed tokens are cached (first names recur across traffic). */
export const screeningTokenCacheEntriesMax = 100_000;
/** Hits returned for one screened name; a compliance officer reviews no more than this. */
export const screeningHitsPerNameMax = 20;
/**
 * Names (primary and aliases, over all lists) one screening index holds: a scan entry packs a
 * name id and its token count into one int. 67 million; every test list together holds 26,404.
 */
export const screeningIndexNamesMax = 2 ** 26;
/** Bytes of one list file (or one zip entry, uncompressed); the full OFAC SDN XML is ~100 MB. */
export const listFileBytesMax = 512 * 1024 * 1024;
/** Entries in one zip archive; list downloads hold one to a few files. */
export const zipEntriesMax = 64;
/** Entities in one list; the largest official list (OFAC SDN) has under 20,000. */
export const listEntitiesMax = 2_000_000;
/** Names (primary and aliases) kept per entity; some FtM entities have hundreds of spellings. */
export const listNamesPerEntityMax = 200;
/** Characters of one CSV field; OFAC remarks overflow into a comments file past 1,000. */
export const csvFieldCharsMax = 1_000_000;
/** XML nesting of a list file; the deepest official list format nests about 10 levels. */
export const listXmlDepthMax = 40;

// --- Sanctions controls on the network ---------------------------------------------------------
/** Parties screened per message; an MT 103 has about 12, a camt.053 page can carry hundreds. */
export const partiesPerMessageMax = 256;
/** Characters of one party value screened; a party field has at most 4 x 35 characters. */
export const partyTextCharsMax = 420;
/** Name-like windows (2 to 4 words) screened from one message's free text (70, 72, Ustrd). */
export const freeTextWindowsMax = 96;
/** Hits kept on one case; an officer reads them all, and a certain hit already decides. */
export const caseHitsMax = 50;
/** Messages re-screened per store page when a list update arrives. */
export const rescreenPageSizeMax = 1_000;
/** Messages re-screened per list update in total; past it the update reports itself partial. */
export const rescreenMessagesMax = 2_000_000;
/** Cases or policies returned by one list call. */
export const controlsListMax = 1_000;
/** Messages a policy preview scans for the last 30 days' traffic (reported when truncated). */
export const previewTrafficMessagesMax = 200_000;
/** Days of traffic a policy preview summarises (the issue asks for the last 30 days). */
export const previewTrafficDays = 30;
/** Parent links followed from a participant to its ultimate parent (ownership chains are short). */
export const ownershipDepthMax = 8;
/** Institutions, countries or carve-outs named by one policy. */
export const policyEntriesMax = 500;

// --- Delivery ---------------------------------------------------------------------------------
/** Obsolescence when block 2 gives none: 100 minutes (the unconfirmed SWIFT default, §2.4). */
export const obsolescenceMinutesDefault = 100;
/** How often one node looks for messages past their obsolescence time (non-delivery warnings). */
export const obsolescenceCheckMs = 10_000;
/** Obsolete messages warned about per check; the rest wait for the next check. */
export const obsolescenceWarningsPerCheckMax = 1_000;

// --- Caches and scheduled jobs ----------------------------------------------------------------
/**
 * How long a cached directory entry, RMA grant or set of policies in force is trusted. Another
 * hub node's change (a suspension, a revoked RMA) takes effect here within this time; changes
 * made through this node apply at once.
 */
export const directoryCacheTtlMs = 2_000;
export const rmaCacheTtlMs = 2_000;
export const policyCacheTtlMs = 2_000;
/**
 * BICs the participant directory caches, found or not (unknown ones come from made-up key ids
 * too); past it the entry read longest ago is dropped. A network has a few thousand banks.
 */
export const directoryCacheEntriesMax = 100_000;
/** RMA grants cached at once; past it the cache starts over (a network has far fewer pairs). */
export const rmaCacheEntriesMax = 100_000;
/** How often the hub applies approved policies whose effective time has come. */
export const policyTickMs = 1_000;
/** How often the hub looks for a new version of the sanctions lists in force. */
export const listCheckMs = 5_000;
/** Audit entries read per page when the chain is verified. */
export const auditVerifyPageEntriesMax = 10_000;

// --- Console and demo network -----------------------------------------------------------------
/** scrypt cost N (log2) for console passwords: 2^15 takes ~50 ms and 32 MiB, slow to guess. */
export const consolePasswordScryptCostLog2 = 15;
/** Console password length: long passphrases fit; longer is hashing-time abuse. */
export const consolePasswordCharsMax = 200;
/** A console session ends after this long without a request. */
export const consoleSessionIdleMsMax = 30 * 60_000;
/** Console sessions kept at once; past it the least recently used is signed out. */
export const consoleSessionsMax = 1_000;
/**
 * The traffic window the overview charts cover, and their bucket size: within the hour and a
 * multiple of the 5 s bucket the stores count traffic in (migration 9).
 */
export const consoleTrafficWindowMs = 5 * 60_000;
export const consoleTrafficBucketMs = 5_000;
/** Recent messages the overview reads to count currencies (payload scan). */
export const consoleCurrencyScanMessagesMax = 2_000;
/** Messages one console search returns. */
export const consoleSearchResultsMax = 200;
/** Simulated banks in the demo network, and messages per second it may be asked to send. */
export const demoBanksMax = 200;
export const demoRateMessagesPerSecondMax = 2_000;
/** `--speed` of a replayed scenario: real seconds per scenario day (fast for tests, slow for a
 * talk); an hour per day is already slower than anyone watches. */
export const scenarioSecondsPerDayMin = 0.01;
export const scenarioSecondsPerDayMax = 3_600;
/** Real time a scenario waits for the hub's policy job (1 s ticks) to apply a due policy. */
export const scenarioApplyWaitMsMax = 30_000;
/** A quiet stretch longer than this many scenario days is skipped (to a day before the next
 * event), so a replay of March to June takes minutes, not hours. */
export const scenarioQuietDaysMax = 14;

assert(messageSizeBytesMax >= mtMessageCharsMax, "messageSizeBytesMax covers an MT message");
assert(httpBodyBytesMax >= messageSizeBytesMax, "httpBodyBytesMax covers one message");
assert(
  sessionFrameBytesMax >= sessionSubmitBatchMax * mtMessageCharsMax,
  "a streaming frame holds a full batch of MT messages",
);
assert(commitBatchSizeMax >= sessionSubmitBatchMax, "one frame fits in one commit");
assert(inboxPageSizeMax <= sessionUnackedMessagesMax, "a page fits within the flow-control window");
assert(partyTextCharsMax <= screeningQueryCharsMax, "a screened party fits one screening query");
assert(screeningCandidatesPerNameMax >= screeningHitsPerNameMax, "every hit is a scored candidate");
assert(policyTickMs < scenarioApplyWaitMsMax, "a scenario waits longer than one policy tick");
assert(signatureReplayClockMarginSeconds < signatureCreatedSkewSecondsMax,
  "the clock margin of the replay window is small beside the signature's lifetime");
assert(replayWindowPurgeRowsMax >= 2, "each claim removes more expired records than it adds");
assert(obsolescenceCheckMs < obsolescenceMinutesDefault * 60_000,
  "obsolete messages are found well within their obsolescence period");
assert(sessionFramesInFlightMax * sessionSubmitBatchMax >= commitBatchSizeMax,
  "one session's frames in flight can fill a group commit");
assert(sessionCloseTimeoutMs < sessionBufferedStallMsMax,
  "a stalled session is gone within twice its stall time");

// --- Accounts -----------------------------------------------------------------------------------
/**
 * Creators one account's lineage records, the hub ("CORRIDOR") included. The four-eyes rules
 * compare whole lineages, so a lineage is never cut short: an account this deep cannot propose
 * another. Real chains are short: the hub, a bootstrap operator, an operator, an officer.
 */
export const accountLineageDepthMax = 8;

assert(accountLineageDepthMax >= 4,
  "the hub, a bootstrap operator, the operators it proposes and their officers fit a lineage");

// --- Console sign-in defences -------------------------------------------------------------------
// Three throttles, each a bounded table (docs/decisions/0012-login-throttle-and-refusals.md).
/** Failures counted against one key are forgotten this long after its last failure. */
export const consoleLoginFailureWindowMs = 15 * 60_000;
/**
 * Failed sign-ins one client address may make against one account name before that pair is
 * locked: a person who mistypes tries a few times; a guesser from that address is stopped.
 */
export const consoleLoginPairFailuresMax = 5;
/** How long a (client, account) pair stays locked; other clients are not affected. */
export const consoleLoginPairLockMs = 15 * 60_000;
/**
 * Failed sign-ins one client address (an IPv6 /64) may make against all names before it is
 * locked: stops one address spraying many names. Above the pair limit, so that an office behind
 * one NAT address where a few people mistype is not locked out.
 */
export const consoleLoginClientFailuresMax = 50;
/** How long a client address stays locked after consoleLoginClientFailuresMax failures. */
export const consoleLoginClientLockMs = 15 * 60_000;
/**
 * Failed sign-ins against one account name, from every client, before it backs off: two clients
 * at the pair limit reach it, one mistyping person does not.
 */
export const consoleLoginAccountFailuresFree = 10;
/**
 * The first back-off of an account name; each further failure doubles it, up to the maximum.
 * It holds back only clients with failures of their own (never a client with a clean record).
 */
export const consoleLoginAccountBackoffMsBase = 1_000;
export const consoleLoginAccountBackoffMsMax = 5 * 60_000;
/**
 * Entries each throttle table keeps (about 300 bytes each: 30 MB for all three, full). Past it,
 * the least recently failed entry that holds no lock is evicted; a lock is never evicted.
 */
export const consoleLoginPairsMax = 50_000;
export const consoleLoginClientsMax = 20_000;
export const consoleLoginAccountsMax = 20_000;
/**
 * Password checks per second a hub can run, an upper bound used to size the tables: a check at
 * consolePasswordScryptCostLog2 takes about 50 ms of one core and 32 MiB, on libuv's 4 threads
 * by default. Filling a table with locks needs more checks per lock period than this allows.
 */
export const consolePasswordChecksPerSecondMax = 200;

assert(consoleLoginPairFailuresMax < consoleLoginClientFailuresMax,
  "a client reaches the pair limit of one account before its own limit");
assert(consoleLoginAccountFailuresFree > consoleLoginPairFailuresMax,
  "one client alone cannot put an account into back-off");
assert(consoleLoginAccountBackoffMsBase <= consoleLoginAccountBackoffMsMax,
  "the first back-off is within the longest");
assert(consoleLoginAccountBackoffMsMax <= consoleLoginFailureWindowMs,
  "an account's back-off ends before its failures are forgotten");
assert(consoleLoginPairsMax * consoleLoginPairFailuresMax >
  consolePasswordChecksPerSecondMax * (consoleLoginPairLockMs / 1_000),
  "the pair table cannot fill with locks faster than they expire");
assert(consoleLoginClientsMax * consoleLoginClientFailuresMax >
  consolePasswordChecksPerSecondMax * (consoleLoginClientLockMs / 1_000),
  "the client table cannot fill with locks faster than they expire");
assert(consoleLoginAccountsMax * consoleLoginAccountFailuresFree >
  consolePasswordChecksPerSecondMax * (consoleLoginFailureWindowMs / 1_000),
  "the account table cannot fill with back-offs faster than they expire");

// --- Refusals in the audit chain ----------------------------------------------------------------
/**
 * How often the counted refusals (bad signatures, refused sessions, failed console sign-ins,
 * role, CSRF and bearer refusals) are appended to the audit chain: at most one batch per
 * period, so a refusal flood costs one fsync a minute instead of one per request.
 */
export const refusalFlushMs = 60_000;
/**
 * Rows, one per (kind, code, actor, route), counted between two flushes; each becomes one audit
 * entry. Past it, refusals are counted in one "other" row per kind, never dropped.
 */
export const refusalRowsMax = 256;
/** Samples (time and client) kept per row: enough to see where a burst started. */
export const refusalSamplesPerRowMax = 3;
/** Characters kept of the actor a refused request claimed (a key id, a name tried). */
export const refusalActorCharsMax = 64;
/** Characters kept of a refused route pattern or a sample's detail. */
export const refusalTextCharsMax = 100;

assert(refusalFlushMs >= 1_000, "refusals cost the audit chain at most one append a second");
assert(refusalFlushMs <= 5 * 60_000, "an auditor sees a refusal within five minutes");
assert(refusalActorCharsMax <= refusalTextCharsMax, "an actor fits in a detail");

// --- Load shedding ------------------------------------------------------------------------------
/**
 * HTTP requests the hub works on at once (/health and long-poll inbox reads are not counted);
 * past it a request is answered 503 hub-overloaded with Retry-After. The hub's throughput is
 * bound by its CPU, not by how many requests wait: at the ~3,000 submissions a second the HTTP
 * API takes on the reference machine, 128 in progress is ~40 ms of queue, and batches of up to
 * 128 already give the group commit most of its gain. More only adds latency
 * and memory: every request admitted holds its body and is answered later.
 */
export const httpRequestsInFlightMax = 128;
/**
 * Milliseconds the event loop ran late on average over the last sample, past which the hub
 * admits only httpRequestsInFlightLateMax requests at once: a loop that late answers
 * everything late, /health included. An average, so one long pause (a major GC, a list reload)
 * changes nothing; a commit's pause and a young GC cost a few ms to a few tens of ms.
 */
export const eventLoopDelayShedMs = 100;
/**
 * Requests admitted at once while the loop is late. Not zero: when the lateness comes from
 * refusing a flood, refusing everything would stop the work the flood delays and never end the
 * lateness. A sixteenth of the normal bound: the work goes on at a pace a late loop can take.
 */
export const httpRequestsInFlightLateMax = 8;
/**
 * Bytes of JavaScript heap in use plus external memory (Buffers) past which new HTTP requests
 * are shed. Not RSS: V8 and the allocator keep freed pages, so an RSS watermark could stay
 * crossed after the load has gone. An idle hub holds under 100 MiB, or a few hundred with very
 * large sanctions lists; the 4 GiB an unshed overload once reached is far past it.
 */
export const hubMemoryShedBytes = 1024 * 1024 * 1024;
/** How often loop delay and memory are sampled for admission (on a timer, not per request). */
export const loadSampleMs = 200;
/** Seconds a shed client is told to wait before it retries (Retry-After). */
export const overloadRetryAfterSeconds = 1;
/**
 * Submissions waiting for a group commit; past it a submission is NAKed hub-overloaded at once
 * instead of queued. Five full batches: at the ~24 µs a message the store takes to commit, a
 * submission behind 10,000 waits ~0.25 s for its ACK; MT messages of ~1 KB hold ~10 MB.
 */
export const commitPendingSubmissionsMax = 10_000;
/** Milliseconds /health waits for the store's ping before it reports the store unavailable. */
export const healthPingTimeoutMs = 2_000;
/** Milliseconds a successful store ping stands for /health: one ping serves a flood of probes. */
export const healthPingCacheMs = 1_000;

assert(hubMemoryShedBytes >= 4 * httpRequestsInFlightMax * httpBodyBytesMax,
  "the requests in flight with the largest bodies fit four times under the memory watermark");
assert(httpRequestsInFlightLateMax >= 1, "a late loop still admits work, or it stays late");
assert(httpRequestsInFlightLateMax < httpRequestsInFlightMax, "a late loop admits less");
assert(loadSampleMs < overloadRetryAfterSeconds * 1_000,
  "a client retrying after Retry-After meets a fresh sample of the hub's load");
assert(commitPendingSubmissionsMax >= commitBatchSizeMax, "a full commit batch can wait");
assert(commitPendingSubmissionsMax >= sessionFramesInFlightMax * sessionSubmitBatchMax,
  "one streaming session's frames in processing can wait for a commit whole");
assert(healthPingTimeoutMs <= postgresStatementTimeoutMs,
  "/health gives up on the store before a stuck statement would");

// --- Content validation off the event loop --------------------------------------------------
/**
 * Threads that validate messages above validationInlineBytesMax. Two: one slow message does not
 * hold up every other large one, and on the 2-core reference machine the event loop, which
 * never waits for a thread, still gets its share of a core while both are busy.
 */
export const validationThreadsMax = 2;
/**
 * Messages waiting for a validation thread; past it a message is NAKed hub-overloaded at once.
 * The queue holds references to texts that their requests and frames hold anyway; it bounds the
 * wait: at the worst ~6 ms a message at the size limit costs, two threads clear it in ~3 s.
 */
export const validationQueueMax = 1_024;
/**
 * UTF-8 bytes up to which a message is validated on the event loop. A thread's round trip costs
 * ~25 µs of CPU and 0.1-0.3 ms of latency, about what checking a typical 2-6 KB pacs.008 costs
 * inline (30-90 µs) and far more than an MT (~5 µs). The worst the check does, ~50 ns a byte (a
 * problem at each of thousands of siblings), holds the loop at most ~0.4 ms at this size; at the
 * 100 KiB MX limit it would hold it ~6 ms, which is why larger messages go to a thread.
 */
export const validationInlineBytesMax = 8 * 1024;
/** Milliseconds a validation thread may stay idle before it ends; the next large message
 * starts one again (~0.15 s, loading the standards modules), so an idle hub keeps no threads. */
export const validationThreadIdleMs = 60_000;
/** Milliseconds stop() lets validation threads finish the messages they hold before ending
 * them; a message takes at most ~6 ms. */
export const validationThreadCloseMs = 5_000;

assert(validationInlineBytesMax < mxMessageBytesMax, "the largest MX messages go to a thread");
assert(validationQueueMax >= validationThreadsMax, "each thread can have a message waiting");
assert(validationQueueMax * mxMessageBytesMax >= sessionFramesInFlightMax * sessionFrameBytesMax,
  "one session's frames in processing, full of maximum-size MX, can wait for threads whole");

// --- HTTP server edges --------------------------------------------------------------------------
/**
 * Request body bytes of every route but message submission: JSON control requests (accounts,
 * policies, RMA, case decisions, acks) and the unauthenticated console sign-in. The largest, a
 * policy naming policyEntriesMax entries in each of its four lists, is ~35 KB indented.
 */
export const httpControlBodyBytesMax = 64 * 1024;
/** Milliseconds a client may take to send a request's headers (Node's default: 60 s). */
export const httpHeadersTimeoutMs = 10_000;
/**
 * Milliseconds a client may take to send a whole request, headers and body (Node's default:
 * 300 s). httpBodyBytesMax arrives within it at 70 kbit/s; a slower sender only holds a socket.
 * Answers (a long-poll's wait) are not counted: the timer stops once the request is in.
 */
export const httpRequestTimeoutMs = 30_000;
/** Milliseconds an idle keep-alive connection stays open (Node's default, said explicitly). */
export const httpKeepAliveTimeoutMs = 5_000;
/** How often Node looks for requests past their timeouts: one may outlive its timeout by this. */
export const httpConnectionsCheckMs = 1_000;
/**
 * TCP connections one remote address may hold open at once. A bank runs a few sessions and an
 * HTTP pool; the demo runs demoBanksMax banks from one address. Past it the client's new
 * connections are closed at once instead of using up the hub's file descriptors.
 */
export const httpConnectionsPerClientMax = 256;

assert(httpControlBodyBytesMax < httpBodyBytesMax, "control bodies are smaller than messages");
assert(httpControlBodyBytesMax >= 4 * policyEntriesMax * 16,
  "a policy with all four lists full fits, one 16-byte line per entry");
assert(httpControlBodyBytesMax >= 6 * consolePasswordCharsMax + 1_024,
  "a sign-in with the longest password fits, every character escaped");
assert(httpHeadersTimeoutMs <= httpRequestTimeoutMs, "Node refuses a longer headers timeout");
assert(httpConnectionsCheckMs < httpHeadersTimeoutMs, "timeouts are checked within their span");
assert(httpConnectionsPerClientMax > demoBanksMax, "the demo's banks connect from one address");

// --- HTTP server: connections and pipelining ------------------------------------------------
/**
 * Requests of one connection the hub handles at once. HTTP/1.1 answers them in order, so more
 * gain a client nothing, while Node parses every pipelined request it has read in one go: a
 * connection pipelining hundreds made one turn of the event loop handle them all, and /health
 * waited for that turn. Past it the connection is paused and its further requests wait, parsed
 * but not handled, until one is answered.
 */
export const httpRequestsPerConnectionMax = 4;
/**
 * TCP connections the hub holds open at once, every client together. Each holds a file
 * descriptor and Node's socket and parser buffers (tens of KB while reading); 4,096 is sixteen
 * clients at httpConnectionsPerClientMax. Past it a new connection is closed at once, counted,
 * instead of the process running out of descriptors (its RLIMIT_NOFILE must be above this).
 */
export const httpConnectionsMax = 4_096;

assert(httpRequestsPerConnectionMax >= 1, "a connection can always send a request");
assert(httpRequestsPerConnectionMax <= httpRequestsInFlightLateMax,
  "one connection cannot take every slot a late loop admits");
assert(httpConnectionsMax >= 16 * httpConnectionsPerClientMax,
  "sixteen clients can each hold their maximum at once");
/**
 * Bytes of unread body a request shed before Hono may carry and its connection still be kept:
 * Node reads and discards that much after the 503. Larger (or chunked), the connection is
 * closed instead; a close with unread bytes can make the client see a reset, not the 503, so
 * the usual submissions (an MT message is a few KB) are not closed.
 */
export const httpShedBodyDiscardBytesMax = 16 * 1024;

assert(httpShedBodyDiscardBytesMax <= httpControlBodyBytesMax,
  "discarding a shed body costs no more than reading a control request");
