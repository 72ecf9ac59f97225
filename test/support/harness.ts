// An in-process hub for tests: in-memory SQLite, two participant banks with keys, signed requests
// through app.request() (no sockets), and an operator token.
import { generateKeyPairSync } from "node:crypto";
import { openSqliteStore } from "../../src/adapters/index.js";
import { createRequestSigner } from "../../src/client/index.js";
import type { RequestSigner } from "../../src/client/index.js";
import { createHttpApp } from "../../src/interfaces/index.js";
import type { HttpDeps } from "../../src/interfaces/index.js";
import { tokenHash } from "../../src/main/accounts.js";
import { createHubDeps } from "../../src/main/hub.js";
import { contentValidator } from "../../src/network/index.js";
import type {
  Clock, ContentValidator, ScreeningMode, StoreAdapter,
} from "../../src/network/index.js";
import type { Bic } from "../../src/standards/index.js";

export interface TestBank {
  readonly bic: Bic;
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
  readonly signer: RequestSigner;
}

export function makeBank(bic: string, clock?: Clock): TestBank {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return {
    bic: bic as Bic, privateKeyPem,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    signer: createRequestSigner({ bic, privateKeyPem,
      ...(clock === undefined ? {} : { nowMs: () => clock.now() }) }),
  };
}

export interface TestHub {
  readonly deps: HttpDeps;
  readonly store: StoreAdapter;
  readonly app: ReturnType<typeof createHttpApp>;
  readonly operatorToken: string;
  readonly a: TestBank;
  readonly b: TestBank;
  /** A signed request as `bank`; `headers` are applied after signing (to tamper). */
  signed(bank: TestBank, request: { method: string; path: string; body?: string | Buffer;
    headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export async function createTestHub(options: { clock?: Clock;
  validateContent?: ContentValidator; enforceRma?: boolean; screening?: ScreeningMode } = {},
): Promise<TestHub> {
  const clock = options.clock ?? { now: () => Date.now() };
  const store = openSqliteStore({ path: ":memory:" });
  // These tests exercise the API and delivery, not screening: unless a test asks for it, the
  // test says screening is off.
  const deps = createHubDeps(store, { clock, screening: options.screening ?? "off",
    enforceRma: options.enforceRma ?? false,
    validateContent: options.validateContent ?? contentValidator });
  const app = createHttpApp(deps);
  const a = makeBank("BANKUS33XXX");
  const b = makeBank("BANKJPJTXXX");
  for (const bank of [a, b]) {
    await deps.directory.upsert({ bic: bank.bic, name: bank.bic, publicKeyPem: bank.publicKeyPem,
      parent: undefined, status: "active", createdAt: clock.now() });
  }
  const operatorToken = "operator-token-for-tests-0123456789";
  await store.upsertAccount({ name: "olga", role: "operator", tokenHash: tokenHash(operatorToken),
    passwordHash: undefined, createdAt: 0 });
  return {
    deps, store, app, operatorToken, a, b,
    signed: (bank, request) => {
      const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
      const headers = bank.signer.headersFor({ method: request.method, target: request.path,
        body });
      return Promise.resolve(app.request(request.path, { method: request.method,
        headers: { ...headers, ...request.headers },
        ...(request.method === "GET" ? {} : { body }) }));
    },
    close: async () => { await deps.intake.drain(); await store.close(); },
  };
}
