// Where CLI commands find the hub and their credentials: flags first, then the environment,
// then the files a running hub keeps in its data dir.
import { readFileSync } from "node:fs";
import { failUsage } from "./exit.js";
import { isSystemError } from "./failures.js";

export const defaultHubUrl = "http://127.0.0.1:8080";

export interface OperatorContext {
  readonly hubUrl: string;
  readonly token: string;
}

/** Resolves the operator's hub URL and token, given the data dir files a hub writes. */
export type OperatorResolver = (options: { data: string; hub?: string | undefined }) =>
  OperatorContext;

export function hubUrlFrom(option: string | undefined): string {
  return option ?? process.env.CORRIDOR_HUB ?? defaultHubUrl;
}

export function readKeyFile(path: string): string {
  try {
    const text = readFileSync(path, "utf8");
    if (!text.includes("PRIVATE KEY")) failUsage(`Cannot use key "${path}": not a private key PEM`);
    return text;
  } catch (error) {
    if (isSystemError(error)) failUsage(`Cannot read key "${path}": ${error.message}`);
    throw error;
  }
}
