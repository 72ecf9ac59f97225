// The shared, read-only test data beside the clone (../shared/testdata) and the tools that judge
// against it: where it is, whether it and xmllint are here (both are required when CI=true), a
// recursive file list, and xmllint's verdict on an ISO 20022 element against its XSD.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const testdata = join(import.meta.dirname, "../../../shared/testdata");
export const testdataPresent = existsSync(testdata);
export const inCi = process.env.CI === "true";

function hasXmllint(): boolean {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const xmllintPresent = hasXmllint();

/** Throws in CI when the test data or xmllint is missing; elsewhere the suite skips instead. */
export function requireInCi(suite: string): void {
  if (!testdataPresent && inCi) {
    throw new Error(`Cannot run ${suite}: ../shared/testdata is missing in CI`);
  }
  if (!xmllintPresent && inCi) throw new Error(`Cannot run ${suite}: xmllint is missing in CI`);
}

/** Every file below `dir` whose name ends with `ending`, sorted. */
export function listFiles(dir: string, ending: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, ending) : [path];
  }).filter((path) => path.endsWith(ending)).sort();
}

/** The XSD of each message version; pacs.009 and camt.056 only exist as the Fedwire ones. */
const xsdFiles: Readonly<Record<string, string>> = {
  "head.001.001.02": "iso20022-base/head.001.001.02.xsd",
  "pacs.008.001.08": "iso20022-base/pacs.008.001.08.xsd",
  "pacs.002.001.10": "iso20022-base/pacs.002.001.10.xsd",
  "pacs.004.001.09": "iso20022-base/pacs.004.001.09.xsd",
  "camt.029.001.09": "iso20022-base/camt.029.001.09.xsd",
  "camt.052.001.08": "iso20022-base/camt.052.001.08.xsd",
  "camt.053.001.08": "iso20022-base/camt.053.001.08.xsd",
  "camt.054.001.08": "iso20022-base/camt.054.001.08.xsd",
  "pacs.009.001.08": "fedwire-2025/Fedwire_pacs.009.001.08.xsd",
  "camt.056.001.08": "fedwire-2025/Fedwire_camt.056.001.08.xsd",
};

let work: string | undefined;
let written = 0;

/** xmllint's verdict ("" when valid) on one element, serialised on its own, against its XSD. */
export function xsdVerdict(xml: string, messageType: string): string {
  work ??= mkdtempSync(join(tmpdir(), "corridor-xsd-"));
  const file = join(work, `${messageType}-${written++}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync("xmllint", ["--noout", "--schema",
      join(testdata, "xsd", xsdFiles[messageType] ?? ""), file], { stdio: "pipe" });
    return "";
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error).slice(0, 600);
  }
}
