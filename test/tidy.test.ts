// The tidy test: style rules that reviewers should not have to check (STYLE.md §9).
// Line length, file headers, banned APIs per layer, import boundaries and message grammar.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const src = join(root, "src");

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listTs(path));
    else if (name.endsWith(".ts") || name.endsWith(".tsx")) out.push(path);
  }
  return out;
}

/** The layer of a file under src/: its first folder, or "limits" for src/limits.ts. */
function layerOf(file: string): string {
  const rel = relative(src, file).split(sep);
  if (rel.length === 1) return (rel[0] ?? "").replace(/\.ts$/, "");
  return rel[0] ?? "";
}

/** Which layers each layer may import (STYLE.md §1): inward only; main imports everything. */
const allowed: Record<string, readonly string[]> = {
  lib: [],
  limits: ["lib"],
  standards: ["lib", "limits"],
  screening: ["lib", "limits", "standards"],
  network: ["lib", "limits", "standards", "screening"],
  adapters: ["lib", "limits", "standards", "screening", "network"],
  client: ["lib", "limits", "standards"],
  interfaces: ["lib", "limits", "standards", "screening", "network", "client"],
  main: ["lib", "limits", "standards", "screening", "network", "adapters", "interfaces", "client"],
};
const pureLayers = new Set(["lib", "standards", "screening", "network", "limits"]);
const files = listTs(src);

function importsOf(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\("([^"]+)"\)/g;
  for (const match of text.matchAll(pattern)) found.push(match[1] ?? match[2] ?? "");
  return found;
}

describe("tidy", () => {
  it("every layer is known", () => {
    for (const file of files) expect(Object.keys(allowed)).toContain(layerOf(file));
  });

  it("lines are at most 100 columns and files open with a comment", () => {
    const bad: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, "utf8").split("\n");
      if (!/^(\/\/|\/\*)/.test(lines[0] ?? "")) bad.push(`${relative(root, file)}: no header comment`);
      lines.forEach((line, index) => {
        if (line.length > 100) bad.push(`${relative(root, file)}:${index + 1} is ${line.length} columns`);
      });
    }
    expect(bad).toEqual([]);
  });

  it("imports point inward only, through each layer's index", () => {
    const bad: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (!spec.startsWith(".")) continue;
        const target = resolve(dirname(file), spec).replace(/\.js$/, ".ts");
        const to = layerOf(target);
        if (to === from) continue;
        const viaIndex = relative(src, target).split(sep).length === 2 &&
          target.endsWith(`${sep}index.ts`);
        const ok = (allowed[from] ?? []).includes(to) && (to === "limits" || viaIndex);
        if (!ok) bad.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("pure layers do no I/O and read no clock, randomness or environment", () => {
    const banned = [/\bDate\.now\(/, /\bMath\.random\(/, /randomUUID\(/, /process\.env/,
      /new Date\(\)/, /from "node:(fs|net|http|child_process|crypto|os)"/, /process\.(exit|stdout)/];
    const bad: string[] = [];
    for (const file of files.filter((f) => pureLayers.has(layerOf(f)))) {
      const text = readFileSync(file, "utf8");
      for (const pattern of banned) {
        if (pattern.test(text)) bad.push(`${relative(root, file)} uses ${pattern.source}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("error messages follow 'Cannot X: detail' without a final period", () => {
    const bad: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/["`](Cannot [^"`\n]*)["`]/g)) {
        if ((match[1] ?? "").endsWith(".")) bad.push(`${relative(root, file)}: ${match[1]}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
