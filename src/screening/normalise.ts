// Name normalisation: transliteration to Latin, case, diacritics and punctuation folded, dotted
// abbreviations joined, and each token classed (legal form, particle, initial or word).
import { assert } from "../lib/index.js";
import {
  screeningQueryCharsMax, screeningTokenCharsMax, screeningTokensPerNameMax,
} from "../limits.js";
import { anyAsciiLower } from "./transliterate.js";

export type TokenRole = "word" | "generic" | "legal-form" | "particle" | "initial";

export interface NameToken {
  readonly text: string;
  readonly role: TokenRole;
}

// Legal-form words in many languages (after folding: "S.A." is "sa", "O.O.O." is "ooo").
const legalForms = new Set([
  "llc", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co", "company", "plc",
  "llp", "lp", "gmbh", "mbh", "ag", "kg", "se", "sa", "sas", "sarl", "sl", "spa", "srl", "bv",
  "nv", "oy", "ab", "as", "asa", "aps", "kft", "zrt", "sro", "doo", "dd", "ad", "ead", "ood",
  "ooo", "oao", "zao", "pao", "ao", "tov", "pat", "pjsc", "ojsc", "cjsc", "jsc", "ojs", "jscb",
  "fze", "fzco", "fzc", "fzllc", "wll", "pte", "pty", "bhd", "sdn", "tbk", "pt", "cv",
  "sapi", "ltda", "eireli", "cia", "sac", "saa", "eirl", "kk", "yk", "gk", "ltdco",
  "obshchestvo", "ogranichennoy", "otvetstvennostyu", "aktsionernoe", "publichnoe",
  "zakrytoe", "otkrytoe", "joint", "stock", "public", "private", "closed", "open",
  "liability", "societe", "anonyme", "sociedad", "anonima", "responsabilidad", "limitada",
  "gesellschaft", "beschrankter", "haftung", "unitary", "enterprise", "federal", "state",
]);

// Generic words of organisation names: they count (Bank in "VTB Bank") but weigh half, so that
// a match resting on them alone ("International Trading") is no hit.
const genericWords = new Set([
  "bank", "banca", "banco", "banque", "trading", "trade", "traders", "international", "intl",
  "group", "holding", "holdings", "industrial", "industries", "industry", "investment",
  "investments", "global", "general", "national", "services", "service", "import", "export",
  "commercial", "development", "shipping", "energy", "petroleum", "oil", "gas", "construction",
  "engineering", "technology", "technologies", "tech", "resources", "finance", "financial",
  "capital", "logistics", "trust", "union", "world", "new", "first", "united", "central",
  "management", "consulting", "partners", "associates", "systems", "solutions", "products",
  "marine", "maritime", "transport", "airlines", "air", "line", "lines", "foundation",
  "organization", "organisation", "association", "institute", "center", "centre", "office",
]);

// Words that join names and carry no identity on their own.
const particles = new Set([
  "of", "the", "and", "for", "in", "at", "on", "by", "a", "an", "to", "y", "e", "et", "und",
  "du", "des", "da", "do", "dos", "das", "la", "le", "les", "el", "al", "bin", "ibn", "bint",
  "van", "von", "der", "den", "di", "del", "della", "aka", "fka", "nka",
]);

const asciiOnly = /^[\x20-\x7e]*$/;

/** Folds a raw name to lower-case ASCII words (the text used for every comparison). */
export function foldName(input: string): string {
  // Longer text is no name: only its first screeningQueryCharsMax characters are compared.
  const raw = input.length > screeningQueryCharsMax
    ? input.slice(0, screeningQueryCharsMax) : input;
  assert(raw.length <= screeningQueryCharsMax, "foldName() works on a bounded text");
  // Printable ASCII (most payment party fields) needs no Unicode normalisation or transliteration.
  const ascii = asciiOnly.test(raw) ? raw.toLowerCase() : anyAsciiLower(raw.normalize("NFKC"));
  return ascii
    .replace(/(^|[\s-])`/g, "$1a") // Arabic ain opening a word: "`bd" is "abd"
    .replace(/['`\u2019]/g, "") // apostrophes join: "Kuz'menko" is "kuzmenko"
    .replace(/\b([a-z])\.(?=[a-z]\b)/g, "$1") // dotted abbreviations join: "s.a." is "sa."
    .replace(/\./g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Splits a name into classified tokens, at most `screeningTokensPerNameMax` of them. */
export function tokeniseName(raw: string): NameToken[] {
  const folded = foldName(raw);
  if (folded.length === 0) return [];
  const tokens: NameToken[] = [];
  for (const word of folded.split(" ")) {
    if (tokens.length >= screeningTokensPerNameMax) break;
    const text = word.length > screeningTokenCharsMax
      ? word.slice(0, screeningTokenCharsMax) : word;
    tokens.push({ text, role: roleOf(text) });
  }
  assert(tokens.length <= screeningTokensPerNameMax, "token count is bounded");
  return tokens;
}

function roleOf(text: string): TokenRole {
  if (legalForms.has(text)) return "legal-form";
  if (particles.has(text)) return "particle";
  if (genericWords.has(text)) return "generic";
  if (text.length === 1) return "initial";
  return "word";
}

/** True when the word is a legal form (LLC, OOO, GmbH, SA…) in some language. */
export function isLegalForm(word: string): boolean {
  return legalForms.has(foldName(word));
}
