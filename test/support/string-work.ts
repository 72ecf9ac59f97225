// Counts the work of string code, for tests that show it grows linearly with its input: while a
// callback runs, the String and RegExp methods add up how many characters they may examine.
// A count, not a clock: the same input gives the same number on an idle or a loaded machine.

type Cost = (text: string, args: readonly unknown[], result: unknown) => number;

const one: Cost = () => 1;
const searched: Cost = (_text, args) => String(args[0]).length;
const returned: Cost = (_text, _args, result) => (typeof result === "string" ? result.length : 1);
/** Methods that may read the whole receiver and build a result as long (an upper bound). */
const whole: Cost = (text, _args, result) =>
  text.length + (typeof result === "string" ? result.length : 0);

function indexOfCost(text: string, args: readonly unknown[], result: unknown): number {
  const from = Math.min(Math.max(Math.trunc(Number(args[1] ?? 0)) || 0, 0), text.length);
  const found = typeof result === "number" ? result : -1;
  return found === -1 ? text.length - from + 1 : found - from + String(args[0]).length;
}

/**
 * What each String method costs, in characters. Slices cost what they copy; searches cost what
 * they skip; methods we cannot see into cost the whole receiver. Regular expressions are counted
 * once, in RegExp.prototype.exec, which every regex method calls once it has been replaced.
 */
const stringCosts: Readonly<Record<string, Cost>> = {
  charCodeAt: one, codePointAt: one, charAt: one, at: one,
  indexOf: indexOfCost, startsWith: searched, endsWith: searched,
  slice: returned, substring: returned, substr: returned,
  includes: whole, lastIndexOf: whole, split: whole, trim: whole, trimStart: whole,
  trimEnd: whole, toUpperCase: whole, toLowerCase: whole, normalize: whole, padStart: whole,
  padEnd: whole, localeCompare: whole, replace: whole, replaceAll: whole, match: whole,
  matchAll: whole, search: whole, concat: whole, repeat: returned,
};

/**
 * A regex costs the characters from where it starts to the end of its match, or to the end of
 * the text when it fails. A sticky regex tries one position only (RegExp's split moves one).
 */
function execCost(regex: RegExp, text: string, start: number, result: RegExpExecArray | null) {
  if (result === null) return regex.sticky ? 1 : Math.max(text.length - start, 1);
  return Math.max(result.index + result[0].length - start, 1);
}

/**
 * Runs `run` and counts the characters that String and RegExp methods examined meanwhile.
 * Code that walks strings with `text[index]` or loops over arrays is not counted: the parsers
 * this measures go through `charCodeAt`, `indexOf`, `slice` and regexes.
 */
export function countStringWork<T>(run: () => T): { readonly value: T; readonly work: number } {
  let work = 0;
  const strings = String.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const [name, cost] of Object.entries(stringCosts)) {
    const original = strings[name];
    if (original === undefined) continue;
    originals.set(name, original);
    strings[name] = function counted(this: string, ...args: unknown[]): unknown {
      const result = original.apply(this, args);
      work += cost(String(this), args, result);
      return result;
    };
  }
  // Kept to put back below, and called on the same regex with .call(this).
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const exec = RegExp.prototype.exec;
  RegExp.prototype.exec = function counted(this: RegExp, text: string): RegExpExecArray | null {
    const start = this.global || this.sticky ? this.lastIndex : 0;
    const result = exec.call(this, text);
    work += execCost(this, String(text), start, result);
    return result;
  };
  try {
    const value = run();
    return { value, work };
  } finally {
    RegExp.prototype.exec = exec;
    for (const [name, original] of originals) strings[name] = original;
  }
}
