// The HTTP edge's last handler: StorageError answers 503, a bug a generic 500, and a failed
// assertion no answer at all (it is handed to the process as an uncaught exception).
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AssertionError, StorageError } from "../../lib/index.js";
import type { HttpEnv } from "./context.js";
import { answerUncaught } from "./errors.js";

/** An app whose routes throw `error`: directly, and under middleware and a mounted sub-app. */
function appThrowing(error: Error): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.use("*", async (_c, next) => { await next(); });
  const v1 = new Hono<HttpEnv>();
  v1.use("*", async (_c, next) => { await next(); });
  v1.get("/participants", () => { throw error; });
  app.route("/v1", v1);
  app.get("/direct", () => { throw error; });
  app.onError(answerUncaught);
  return app;
}

function driverError(): Error {
  return Object.assign(new Error("terminating connection due to administrator command"),
    { code: "57P01" });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("answerUncaught()", () => {
  it("answerUncaught() answers a StorageError unavailable with 503 and retry-after", async () => {
    const error = new StorageError("unavailable", "Cannot run \"listParticipants\" on the " +
      "PostgreSQL store: the database is restarting", { cause: driverError() });
    const response = await appThrowing(error).request("/v1/participants");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "storage-unavailable", location: "store",
      message: "Cannot answer GET /v1/participants: the message store is unavailable, " +
        "retry later" } });
    expect(text).not.toMatch(/administrator|57P01|PostgreSQL/);
  });

  it("answerUncaught() answers a driver error the adapters did not translate with 500",
    async () => {
      // Matching driver errors is the adapters' job: here it is just an unexpected error.
      const response = await appThrowing(driverError()).request("/v1/participants");
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ error: { code: "internal-error" } });
    });

  // The request log writes the error on the request's line (test/hub/request-log.test.ts).
  it("answerUncaught() answers a bug with a generic 500 without details", async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'secret')");
    const response = await appThrowing(bug).request("/direct");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "internal-error", location: "hub",
      message: "Cannot answer GET /direct: internal error" } });
    expect(text).not.toMatch(/secret|TypeError|undefined/);
  });

  it("answerUncaught() keeps the answer an HTTPException carries", async () => {
    const response = await appThrowing(new HTTPException(413, { message: "too large" }))
      .request("/direct");
    expect(response.status).toBe(413);
  });

  it("answerUncaught() rethrows an AssertionError and hands it to the process once",
    async () => {
      const scheduled: (() => void)[] = [];
      vi.stubGlobal("queueMicrotask", (task: () => void) => { scheduled.push(task); });
      const bug = new AssertionError("an inbox position is never behind its acknowledgement");
      // Hono calls onError once per middleware layer; each call rethrows, so app.request()
      // rejects with the assertion itself rather than answering.
      await expect(appThrowing(bug).request("/v1/participants")).rejects.toBe(bug);
      expect(scheduled).toHaveLength(1);
      // The microtask throws where nothing catches it: an uncaught exception, the process stops.
      expect(() => { scheduled[0]?.(); }).toThrow(bug);
    });
});
