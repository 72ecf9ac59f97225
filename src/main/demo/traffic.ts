// Simulated banks: customer payments (MT103 or pacs.008) with cover (MT202 COV or pacs.009 COV)
// through the currency's correspondent, MT199 status replies from receivers, correspondents'
// statements (MT940 or camt.053), and now and then a payment naming a listed party.
import { randomUUID } from "node:crypto";
import type { Answer, InboxMessage } from "../../client/index.js";
import { isStorageError } from "../../lib/index.js";
import type { Clock, ParticipantStatus } from "../../network/index.js";
import { correspondentFor } from "./banks.js";
import type { DemoBank } from "./banks.js";
import { demoListedNames } from "./demo-list.js";
import { asMx, mt103, mt199, mt202Cov, mt940 } from "./messages.js";
import type { Party, PaymentDraft } from "./messages.js";

export interface TrafficDeps {
  readonly banks: readonly DemoBank[];
  /** Messages per second, payments and covers together. */
  readonly rate: number;
  readonly clock: Clock;
  readonly status: (bic: string) => Promise<ParticipantStatus>;
  readonly submit: (bic: string, payloads: readonly string[]) => Promise<readonly Answer[]>;
}

export interface TrafficGenerator {
  start(): void;
  stop(): Promise<void>;
  received(bic: string, messages: readonly InboxMessage[]): Promise<void>;
  stats(): { acks: number; naks: number; held: number };
}

const tickMs = 200;
const statementEveryMs = 15_000;
/** Submissions awaiting an answer; beyond it the generator waits (the hub is the bottleneck). */
const inFlightMax = 500;
const listedShare = 0.03;

const currencies = ["USD", "USD", "USD", "EUR", "EUR", "EUR", "GBP", "CNY", "CHF", "JPY"];
const people: readonly { name: string; town: string }[] = [
  { name: "Maria Keller", town: "Hamburg" }, { name: "Li Wei Trading Co", town: "Shanghai" },
  { name: "Ivan Petrov", town: "Saint Petersburg" },
  { name: "Northwind Timber Ltd", town: "Leeds" },
  { name: "Acme Hydraulics Inc", town: "Chicago" }, { name: "Sofia Rossi", town: "Milan" },
  { name: "Anatoly Gromov", town: "Novosibirsk" }, { name: "Parsa Carpets", town: "Isfahan" },
  { name: "Hana Kobayashi", town: "Osaka" }, { name: "Van Dijk Bloemen BV", town: "Aalsmeer" },
  { name: "Olga Novik", town: "Minsk" }, { name: "Jean Dupont SARL", town: "Lyon" },
];

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error("Cannot pick from an empty list");
  return item;
}

function yymmdd(ms: number): string {
  return new Date(ms).toISOString().slice(2, 10).replace(/-/g, "");
}

function party(bank: DemoBank, listed: boolean): Party {
  const country = bank.bic.slice(4, 6);
  const account = `${country}${String(Math.floor(Math.random() * 1e12)).padStart(12, "0")}`;
  if (listed) {
    const who = pick(demoListedNames);
    return { name: who.name, street: "1 Harbour Road", town: who.town, country: who.country,
      account };
  }
  const who = pick(people);
  return { name: who.name, street: `${1 + Math.floor(Math.random() * 200)} Market Street`,
    town: who.town, country, account };
}

/** A bank's status, or undefined while the hub's store is unavailable: the demo skips the bank. */
async function statusOf(deps: TrafficDeps, bic: string): Promise<ParticipantStatus | undefined> {
  try {
    return await deps.status(bic);
  } catch (error) {
    if (isStorageError(error)) return undefined;
    throw error;
  }
}

interface Context {
  readonly deps: TrafficDeps;
  readonly send: (bic: string, payloads: readonly string[]) => void;
  readonly reference: (prefix: string) => string;
  readonly counter: () => number;
}

async function payment(context: Context): Promise<number> {
  const { deps, send, reference } = context;
  const sender = pick(deps.banks);
  const receiver = pick(deps.banks.filter((bank) => bank.bic !== sender.bic));
  if (await statusOf(deps, sender.bic) !== "active") return 0;
  const now = deps.clock.now();
  const draft: PaymentDraft = { sender: sender.bic, receiver: receiver.bic,
    reference: reference("P"), uetr: randomUUID(), currency: pick(currencies),
    minorUnits: BigInt(Math.floor(100 + Math.random() * 5e7)), valueDate: yymmdd(now),
    ordering: party(sender, false), beneficiary: party(receiver, Math.random() < listedShare),
    remittance: `INVOICE ${1000 + (context.counter() % 9000)}` };
  const mx = Math.random() < 0.5;
  const created = new Date(now).toISOString().replace(/\.\d+Z$/, "Z");
  const form = (text: string) => (mx ? asMx(text, created) ?? text : text);
  const payloads = [form(mt103(draft))];
  const correspondent = correspondentFor(deps.banks, draft.currency);
  if (correspondent !== undefined && correspondent.bic !== sender.bic &&
    correspondent.bic !== receiver.bic) {
    payloads.push(form(mt202Cov(draft, { correspondent: correspondent.bic,
      reference: reference("C") })));
  }
  send(sender.bic, payloads);
  return payloads.length;
}

async function statements(context: Context): Promise<void> {
  const { deps, send, reference } = context;
  for (const bank of deps.banks.filter((b) => b.clears !== undefined)) {
    if (await statusOf(deps, bank.bic) !== "active") continue;
    const client = pick(deps.banks.filter((b) => b.bic !== bank.bic));
    const now = deps.clock.now();
    const text = mt940({ sender: bank.bic, receiver: client.bic, reference: reference("S"),
      account: `${client.bic.slice(0, 4)}-${bank.clears ?? "USD"}-NOSTRO`,
      currency: bank.clears ?? "USD", date: yymmdd(now),
      openingMinor: BigInt(Math.floor(Math.random() * 1e9)),
      entries: [{ minorUnits: BigInt(Math.floor(Math.random() * 1e7)), reference: "INFLOW" },
        { minorUnits: -BigInt(Math.floor(Math.random() * 1e7)), reference: "OUTFLOW" }] });
    const created = new Date(now).toISOString().replace(/\.\d+Z$/, "Z");
    send(bank.bic, [Math.random() < 0.5 ? asMx(text, created) ?? text : text]);
  }
}

export function createTrafficGenerator(deps: TrafficDeps): TrafficGenerator {
  let timer: NodeJS.Timeout | undefined;
  let owed = 0;
  let counter = 0;
  let inFlight = 0;
  let lastStatementAt = 0;
  let stopping = false;
  const counts = { acks: 0, naks: 0, held: 0 };
  const pending = new Set<Promise<void>>();
  const reference = (prefix: string): string => {
    counter += 1;
    return `${prefix}${(deps.clock.now() % 1e9).toString(36).toUpperCase()}${counter}`
      .slice(0, 16);
  };

  const send = (bic: string, payloads: readonly string[]): void => {
    inFlight += payloads.length;
    const task = deps.submit(bic, payloads).then((answers) => {
      for (const answer of answers) {
        if (answer.status === "NAK") counts.naks += 1;
        else counts.acks += 1;
        if (answer.status === "ACK" && answer.disposition === "held") counts.held += 1;
      }
    }, (error: unknown) => {
      // stop() closes the banks' sessions, failing the submissions still waiting for answers.
      if (!stopping) throw error;
    }).finally(() => {
      inFlight -= payloads.length;
      pending.delete(task);
    });
    pending.add(task);
  };

  const context: Context = { deps, send, reference, counter: () => counter };
  const tick = async (): Promise<void> => {
    owed = Math.min(owed + deps.rate * tickMs / 1000, deps.rate * 2);
    while (owed >= 1 && inFlight < inFlightMax) owed -= Math.max(1, await payment(context));
    if (deps.clock.now() - lastStatementAt >= statementEveryMs) {
      lastStatementAt = deps.clock.now();
      await statements(context);
    }
  };

  return {
    start: () => {
      let busy = false;
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        // A failed tick is a bug in the demo: rethrown, it surfaces as an uncaught error.
        tick().then(() => { busy = false; }, (error: unknown) => { busy = false; throw error; });
      }, tickMs);
    },
    stop: async () => {
      stopping = true;
      if (timer !== undefined) clearInterval(timer);
      await Promise.race([Promise.allSettled([...pending]),
        new Promise((resolve) => setTimeout(resolve, 2_000))]);
    },
    received: async (bic, messages) => {
      for (const message of messages) {
        const payment = message.type === "MT103" || message.type.startsWith("pacs.008");
        if (!payment || Math.random() > 0.3) continue;
        if (await statusOf(deps, bic) !== "active") continue;
        send(bic, [mt199({ sender: bic, receiver: message.sender, reference: reference("R"),
          related: message.reference.slice(0, 16) || "NONREF",
          text: "PAYMENT CREDITED TO BENEFICIARY ACCOUNT" })]);
      }
    },
    stats: () => ({ ...counts }),
  };
}
