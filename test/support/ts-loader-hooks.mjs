// Module hooks that let a worker thread load this repository's TypeScript sources in tests, as
// vitest does for the test itself: a relative ".js" import with no such file resolves to its
// ".ts" source, which TypeScript transpiles as it loads (types removed, nothing checked). Each
// output is kept in the system's temporary directory by path, size and time of the source, so
// only the first thread of a run pays for TypeScript (~3 s for the standards layer).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, URL } from "node:url";

const cacheDir = join(tmpdir(), "corridor-test-ts-modules");
let typescript;

export async function resolve(specifier, context, nextResolve) {
  const relative = specifier.startsWith("./") || specifier.startsWith("../");
  if (relative && specifier.endsWith(".js") && context.parentURL?.endsWith(".ts") === true) {
    const url = new URL(specifier, context.parentURL);
    if (!existsSync(fileURLToPath(url))) {
      return nextResolve(`${url.href.slice(0, -".js".length)}.ts`, context);
    }
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith(".ts")) return nextLoad(url, context);
  return { format: "module", source: await transpiled(fileURLToPath(url)), shortCircuit: true };
}

async function transpiled(fileName) {
  const { size, mtimeMs } = statSync(fileName);
  const key = createHash("sha256").update(`${fileName}\n${size}\n${mtimeMs}`).digest("hex");
  const cached = join(cacheDir, `${key}.js`);
  if (existsSync(cached)) return readFileSync(cached, "utf8");
  typescript ??= (await import("typescript")).default;
  const ts = typescript;
  const { outputText } = ts.transpileModule(readFileSync(fileName, "utf8"), { fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true, sourceMap: false } });
  mkdirSync(cacheDir, { recursive: true });
  // Written whole under another name first: a thread reading it meanwhile never sees half.
  const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(partial, outputText);
  renameSync(partial, cached);
  return outputText;
}
