// The tidy test: style rules that reviewers should not have to check.
// Line length, file headers, banned APIs per layer, import boundaries and cycles, message grammar.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const src = join(root, "src");
/** The console's own sources (its tsconfig includes src/ and vite.config.ts; dist/ is built). */
const consoleFiles = [...listTs(join(root, "console", "src")),
  join(root, "console", "vite.config.ts")];

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

/** Which layers each layer may import: inward only; main imports everything. */
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
/** Files checked for line length, header comments and import cycles. */
const styledFiles = [...files, ...consoleFiles];

/** Every module a file names in an import, a re-export or a dynamic import. */
function importsOf(text: string): string[] {
  // TypeScript's own scanner: comments and strings that look like imports cannot fool it.
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The files a file imports by relative path, resolved: `import type` and re-exports too. */
function localImportsOf(file: string, known: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const fileName of importsOf(readFileSync(file, "utf8"))) {
    if (!fileName.startsWith(".")) continue;
    const base = resolve(dirname(file), fileName);
    const stem = base.replace(/\.js$/, "");
    const candidates = [base, `${stem}.ts`, `${stem}.tsx`, join(base, "index.ts")];
    const target = candidates.find((candidate) => known.has(candidate));
    if (target !== undefined) found.push(target);
  }
  return found;
}

/**
 * The import cycles of a graph: its strongly connected components (Tarjan) of more than one
 * file, and files that import themselves. Each is given as its edges, so the fix is visible.
 * Recursion is bounded by the number of source files, which we write ourselves.
 */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) visit(target);
      if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = new Set<string>();
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.add(member);
      if (member === node) break;
    }
    const edges = [...component].sort().flatMap((from) => (graph.get(from) ?? [])
      .filter((to) => component.has(to)).map((to) => `${from} -> ${to}`));
    if (component.size > 1 || edges.length > 0) cycles.push([...new Set(edges)]);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
}

/**
 * A test beside the code may use a helper of test/support/ that imports nothing from src/: it
 * adds no dependency between layers, and the pure layers' tests stay without hubs or stores.
 */
function isPureTestSupport(target: string): boolean {
  if (!target.startsWith(join(root, "test", "support") + sep)) return false;
  return importsOf(readFileSync(target, "utf8"))
    .every((spec) => !resolve(dirname(target), spec).startsWith(src + sep));
}

/** Each import and re-export of a file, and whether it is `import type`/`export type`. */
function moduleReferencesOf(file: string): { spec: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const statement of source.statements) {
    // `import { type X }` does not count: with verbatimModuleSyntax the module itself stays.
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      found.push({ spec: statement.moduleSpecifier.text,
        typeOnly: statement.importClause?.isTypeOnly === true });
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined &&
      ts.isStringLiteral(statement.moduleSpecifier)) {
      found.push({ spec: statement.moduleSpecifier.text, typeOnly: statement.isTypeOnly });
    }
  }
  return found;
}

describe("tidy", () => {
  it("every layer is known", () => {
    for (const file of files) expect(Object.keys(allowed)).toContain(layerOf(file));
  });

  it("lines are at most 100 columns and files open with a comment", () => {
    const bad: string[] = [];
    for (const file of styledFiles) {
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
        if (to === from || (file.endsWith(".test.ts") && isPureTestSupport(target))) continue;
        const viaIndex = relative(src, target).split(sep).length === 2 &&
          target.endsWith(`${sep}index.ts`);
        const ok = (allowed[from] ?? []).includes(to) && (to === "limits" || viaIndex);
        if (!ok) bad.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("cyclesOf() finds two-file and longer cycles and self-imports, not a diamond", () => {
    const graph = new Map([["a", ["b"]], ["b", ["a", "c"]], ["c", ["c"]], ["d", ["e", "f"]],
      ["e", ["g"]], ["f", ["g"]], ["g", ["h"]], ["h", ["i"]], ["i", ["g"]]]);
    expect(cyclesOf(graph)).toEqual([["a -> b", "b -> a"], ["c -> c"],
      ["g -> h", "h -> i", "i -> g"]]);
  });

  it("no import cycles in src/ or the console (type-only imports and re-exports count)", () => {
    const known = new Set(styledFiles);
    const graph = new Map(styledFiles.map((file) => [relative(root, file),
      localImportsOf(file, known).map((target) => relative(root, target))]));
    expect(cyclesOf(graph)).toEqual([]);
  });

  it("the console imports from src/ only the API's JSON types, and only as types", () => {
    // Anything else would bundle server code into the browser, or types that drift from it.
    const shared = join(src, "interfaces", "http", "console-api-types.ts");
    const bad: string[] = [];
    for (const file of consoleFiles) {
      for (const { spec, typeOnly } of moduleReferencesOf(file)) {
        const target = resolve(dirname(file), spec).replace(/\.js$/, ".ts");
        if (!spec.startsWith(".") || !target.startsWith(src + sep)) continue;
        if (target !== shared || !typeOnly) bad.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    expect(importsOf(readFileSync(shared, "utf8"))).toEqual([]);
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
