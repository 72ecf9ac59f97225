// A hub for the sanctions-controls tests: in-memory SQLite on a movable clock, named banks with
// parent links, accounts per role, signed submissions and bearer-token calls through app.request.
import { openSqliteStore } from "../../src/adapters/index.js";
import { createHttpApp } from "../../src/interfaces/index.js";
import { tokenHash } from "../../src/main/accounts.js";
import { createHubDeps } from "../../src/main/hub.js";
import type { ListSource, ScreeningMode } from "../../src/network/index.js";
import type { SanctionsList } from "../../src/screening/index.js";
import { makeBank } from "./harness.js";
import type { TestBank } from "./harness.js";

export interface ControlsHub {
  readonly lists: MutableLists;
  readonly deps: ReturnType<typeof createHubDeps>;
  readonly store: ReturnType<typeof openSqliteStore>;
  readonly app: ReturnType<typeof createHttpApp>;
  readonly banks: Map<string, TestBank>;
  setTime(ms: number): void;
  addBank(bic: string, options?: { parent?: string; name?: string }): Promise<TestBank>;
  addAccount(name: string, role: "operator" | "compliance" | "auditor"): Promise<string>;
  send(bic: string, text: string): Promise<Record<string, unknown> & { status: string }>;
  inbox(bic: string): Promise<{ status: number; messages: Record<string, unknown>[] }>;
  call(token: string, request: { method: string; path: string; body?: unknown }):
    Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

interface ControlsHubOptions {
  readonly start: number;
  readonly lists?: readonly SanctionsList[];
  /** Enforced when lists are given; off (said by the test) for tests of policies alone. */
  readonly screening?: ScreeningMode;
}

export function createControlsHub(options: ControlsHubOptions): Promise<ControlsHub> {
  return Promise.resolve(buildControlsHub(options));
}

/** Lists a test can replace, as `corridor lists import` replaces them in the data directory. */
export interface MutableLists extends ListSource {
  set(lists: readonly SanctionsList[]): void;
}

export function mutableLists(initial: readonly SanctionsList[]): MutableLists {
  let lists = initial;
  let version = 0;
  return {
    load: () => lists, signature: () => String(version),
    set: (next) => { lists = next; version += 1; },
  };
}

function buildControlsHub(options: ControlsHubOptions): ControlsHub {
  let now = options.start;
  const clock = { now: () => now };
  const store = openSqliteStore({ path: ":memory:", clock });
  const lists = mutableLists(options.lists ?? []);
  const deps = createHubDeps(store, { clock, lists,
    screening: options.screening ?? (options.lists === undefined ? "off" : "enforced") });
  const app = createHttpApp(deps);
  const banks = new Map<string, TestBank>();
  const signed = (bank: TestBank, request: { method: string; path: string; body?: string }) => {
    const body = Buffer.from(request.body ?? "");
    const headers = bank.signer.headersFor({ method: request.method, target: request.path, body });
    return Promise.resolve(app.request(request.path, { method: request.method, headers,
      ...(request.method === "GET" ? {} : { body }) }));
  };
  const bankOf = (bic: string): TestBank => {
    const bank = banks.get(bic);
    if (bank === undefined) throw new Error(`Cannot find test bank "${bic}"`);
    return bank;
  };
  return {
    deps, store, app, banks, lists,
    setTime: (ms) => { now = ms; },
    addBank: async (bic, extra = {}) => {
      const bank = makeBank(bic, clock);
      banks.set(bic, bank);
      await deps.directory.upsert({ bic: bank.bic, name: extra.name ?? bic,
        publicKeyPem: bank.publicKeyPem, parent: extra.parent, status: "active",
        createdAt: clock.now() });
      return bank;
    },
    addAccount: async (name, role) => {
      const token = `token-${name}-${"x".repeat(20)}`;
      await store.upsertAccount({ name, role, tokenHash: tokenHash(token), passwordHash: undefined,
        createdAt: clock.now() });
      return token;
    },
    send: async (bic, text) => {
      const response = await signed(bankOf(bic), { method: "POST", path: "/v1/messages",
        body: text });
      const json = await response.json() as Record<string, unknown>;
      const status = typeof json.status === "string" ? json.status : `HTTP ${response.status}`;
      return { ...json, status,
        http: response.status };
    },
    inbox: async (bic) => {
      const response = await signed(bankOf(bic), { method: "GET",
        path: "/v1/inbox?limit=1000&wait=0" });
      const json = await response.json() as { messages?: Record<string, unknown>[] };
      return { status: response.status, messages: json.messages ?? [] };
    },
    call: async (token, request) => {
      const response = await app.request(request.path, { method: request.method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }) });
      return { status: response.status, json: await response.json() as Record<string, unknown> };
    },
    close: async () => { await deps.intake.drain(); await store.close(); },
  };
}

/** An MT 103 with the given beneficiary name (ours, valid per checkMt). */
export function payment(options: { from: string; to: string; reference: string;
  beneficiary?: string; amount?: string; remittance?: string; uetrN?: number }): string {
  const lt = (bic: string) => `${bic.slice(0, 8)}A${bic.slice(8)}`;
  const amount = options.amount ?? "1000,00";
  const uetr = `e3b0c442-98fc-4c14-9afb-${(options.uetrN ?? 1).toString(16).padStart(12, "0")}`;
  const lines = [`:20:${options.reference}`, ":23B:CRED", `:32A:220301USD${amount}`,
    `:33B:USD${amount}`, ":50K:/12345678", "JOHN DOE", "1 MAIN STREET", ":59:/987654321",
    options.beneficiary ?? "JANE ROE", "2 HIGH STREET",
    ...(options.remittance === undefined ? [] : [`:70:${options.remittance}`]), ":71A:SHA"];
  return `{1:F01${lt(options.from)}0000000000}{2:I103${lt(options.to)}N}` +
    `{3:{121:${uetr}}}{4:\r\n${lines.join("\r\n")}\r\n-}`;
}
