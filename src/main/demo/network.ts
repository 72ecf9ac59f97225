// The demo network: a hub on embedded SQLite, fictional banks onboarded with their own keys
// (kept in DATA/demo so a restart resumes), console accounts per role, the demo's fictional
// sanctions list, and simulated banks that talk to each other through the participant SDK.
import type { Logger } from "../../lib/index.js";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importFiles } from "../../adapters/index.js";
import { openSession } from "../../client/index.js";
import type { Answer, Session } from "../../client/index.js";
import { hashPassword } from "../../interfaces/index.js";
import { hubCreator } from "../../network/index.js";
import type { AccountRecord, Clock, ScreeningMode } from "../../network/index.js";
import type { Bic } from "../../standards/index.js";
import { readJsonFile, writeSecretFile } from "../data-dir.js";
import { startHub } from "../hub.js";
import type { Hub } from "../hub.js";
import { demoBanks } from "./banks.js";
import type { DemoBank } from "./banks.js";
import { demoListCsv, demoListFileName } from "./demo-list.js";
import { createTrafficGenerator } from "./traffic.js";

export interface DemoOptions {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly banks: number;
  readonly rate: number;
  readonly clock?: Clock;
  /** Policy effective times only (`--scenario`): see createScenarioClock. */
  readonly policyClock?: Clock;
  readonly logger?: Logger;
  /** Enforced unless a test says otherwise (the demo itself always screens). */
  readonly screening?: ScreeningMode;
}

export interface DemoLogin {
  readonly name: string;
  readonly role: AccountRecord["role"];
  readonly password: string;
}

export interface DemoNetwork {
  readonly hub: Hub;
  readonly consoleUrl: string;
  readonly logins: readonly DemoLogin[];
  readonly banks: readonly DemoBank[];
  /** Messages the simulated banks have submitted so far, by answer. */
  stats(): { acks: number; naks: number; held: number };
  /** Submits messages as one simulated bank, through its own signed session. */
  submit(bic: string, payloads: readonly string[]): Promise<readonly Answer[]>;
  stop(): Promise<void>;
}

interface BankKeys { readonly publicKeyPem: string; readonly privateKeyPem: string }

/** Two compliance officers and two operators, so four-eyes can be shown with demo logins. */
const demoAccounts: readonly { name: string; role: AccountRecord["role"] }[] = [
  { name: "olga.operator", role: "operator" }, { name: "omar.operator", role: "operator" },
  { name: "carla.compliance", role: "compliance" }, { name: "colm.compliance", role: "compliance" },
  { name: "aude.auditor", role: "auditor" },
];

function loadOrCreate<T>(path: string, create: () => T): T {
  const existing = readJsonFile(path) as T | undefined;
  if (existing !== undefined) return existing;
  const value = create();
  writeSecretFile(path, `${JSON.stringify(value, null, 2)}\n`);
  return value;
}

function bankKeys(dir: string, banks: readonly DemoBank[]): Map<string, BankKeys> {
  const path = join(dir, "bank-keys.json");
  const stored = (readJsonFile(path) ?? {}) as Record<string, BankKeys>;
  let changed = false;
  for (const bank of banks) {
    if (stored[bank.bic] !== undefined) continue;
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    stored[bank.bic] = { privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" })
      .toString(), publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
    changed = true;
  }
  if (changed) writeSecretFile(path, `${JSON.stringify(stored, null, 2)}\n`);
  return new Map(Object.entries(stored));
}

async function ensureAccounts(hub: Hub, dir: string): Promise<DemoLogin[]> {
  const logins = loadOrCreate<DemoLogin[]>(join(dir, "console-logins.json"), () =>
    demoAccounts.map((account) => ({ ...account,
      password: randomBytes(9).toString("base64url") })));
  for (const login of logins) {
    const existing = await hub.store.findAccount({ name: login.name });
    if (existing?.passwordHash !== undefined) continue;
    // The hub creates the demo's people at start (lineage "CORRIDOR"), so each of them is
    // independent of the others and four-eyes can be shown with any two of one role.
    const createdAt = existing?.createdAt ?? Date.now();
    await hub.store.upsertAccount({ name: login.name, role: login.role,
      tokenHash: existing?.tokenHash, passwordHash: await hashPassword(login.password),
      createdAt, status: "active", proposal: undefined });
    if (existing !== undefined) continue;
    await hub.store.append([{ at: createdAt, kind: "account", actor: hubCreator,
      subject: login.name, detail: JSON.stringify({ stage: "created", role: login.role,
        status: "active", createdBy: hubCreator, lineage: [hubCreator], via: "demo" }) }]);
  }
  return logins;
}

function importDemoList(dataDir: string, dir: string): void {
  const path = join(dir, demoListFileName);
  writeFileSync(path, demoListCsv());
  const imported = importFiles([path], { dataDir, format: "auto",
    importedAt: new Date().toISOString() });
  if (!imported.ok) {
    throw new Error(`Cannot import the demo list: ${imported.problems[0]?.message ?? "unknown"}`);
  }
}

export async function startDemo(options: DemoOptions): Promise<DemoNetwork> {
  const dir = join(options.dataDir, "demo");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  importDemoList(options.dataDir, dir);
  // The demo imports its own list first, so its hub screens every message like a real one.
  const hub = await startHub({ dataDir: options.dataDir, host: options.host, port: options.port,
    screening: options.screening ?? "enforced",
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.policyClock === undefined ? {} : { policyClock: options.policyClock }) });
  const banks = demoBanks.slice(0, Math.max(4, options.banks));
  const keys = bankKeys(dir, banks);
  for (const bank of banks) {
    const existing = await hub.deps.directory.find(bank.bic as Bic);
    if (existing !== undefined) continue;
    await hub.deps.directory.upsert({ bic: bank.bic as Bic, name: bank.name,
      publicKeyPem: keys.get(bank.bic)?.publicKeyPem ?? "", parent: bank.parent,
      status: "active", createdAt: (options.clock ?? { now: Date.now }).now() });
  }
  const logins = await ensureAccounts(hub, dir);
  const sessions = new Map<string, Session>();
  const traffic = createTrafficGenerator({ banks, rate: options.rate,
    clock: options.clock ?? { now: () => Date.now() },
    status: async (bic) => (await hub.deps.directory.find(bic as Bic))?.status ?? "excluded",
    submit: async (bic, payloads) => {
      const session = sessions.get(bic);
      return session === undefined ? [] : session.submit(payloads);
    } });
  for (const bank of banks) {
    sessions.set(bank.bic, openSession({ hubUrl: hub.url, bic: bank.bic,
      privateKeyPem: keys.get(bank.bic)?.privateKeyPem ?? "", reconnectDelayMs: 2_000,
      onMessages: (messages) => traffic.received(bank.bic, messages) }));
  }
  traffic.start();
  return {
    hub, logins, banks, consoleUrl: `${hub.url}/console/`,
    stats: () => traffic.stats(),
    submit: async (bic, payloads) => {
      const session = sessions.get(bic);
      if (session === undefined) throw new Error(`Cannot submit as "${bic}": not a demo bank`);
      return session.submit(payloads);
    },
    stop: async () => {
      await traffic.stop();
      for (const session of sessions.values()) session.close();
      await hub.stop();
    },
  };
}

export function demoDataExists(dataDir: string): boolean {
  return existsSync(join(dataDir, "demo", "bank-keys.json"));
}
