// JSON request bodies: a malformed body is an expected outcome (a 400 with a one-line reason),
// told apart from a failure to read the body, which propagates like any other error.
import type { Context } from "hono";
import { fail, ok } from "../../lib/index.js";
import type { Result } from "../../lib/index.js";
import type { HttpEnv } from "./context.js";

export type JsonObject = Record<string, unknown>;

/** `action` completes the message: `Cannot ${action}: body must be a JSON object`. */
export function parseJsonObject(text: string, action: string):
  Result<JsonObject, "body-invalid"> {
  const refused = fail("body-invalid", "body", `Cannot ${action}: body must be a JSON object`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse throws SyntaxError for malformed text and nothing else we could answer.
    if (error instanceof SyntaxError) return refused;
    throw error;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return refused;
  return ok(value as JsonObject);
}

/** The request body as a JSON object; with `empty: "allowed"` an empty body reads as {}. */
export async function readJsonObject(c: Context<HttpEnv>, options: { action: string;
  empty?: "allowed" | "refused" }): Promise<Result<JsonObject, "body-invalid">> {
  const text = await c.req.text();
  if (options.empty === "allowed" && text.trim() === "") return ok({});
  return parseJsonObject(text, options.action);
}
