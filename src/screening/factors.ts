// Score factors beyond the name: birth date, nationality or country, entity kind and weak
// aliases. Each raises or lowers the name score within [0,1] and says why.
import { assert } from "../lib/index.js";
import type { EntityKind, ListEntity } from "./entity.js";

export interface ScoreFactor {
  readonly factor: "birth-date" | "country" | "kind" | "weak-alias" | "identifier";
  readonly effect: "raised" | "lowered" | "certain";
  readonly detail: string;
}

export interface FactorInput {
  readonly entity: ListEntity;
  readonly weak: boolean;
  readonly birthDate?: string;
  /** ISO alpha-2 code (lower case) of the query's country, resolved once per query. */
  readonly countryCode?: string;
  readonly kind?: EntityKind;
}

function raise(score: number, share: number): number {
  return score + (1 - score) * share;
}

function birthFactor(score: number, input: FactorInput, factors: ScoreFactor[]): number {
  const query = input.birthDate?.trim() ?? "";
  const year = /^(\d{4})/.exec(query)?.[1];
  if (year === undefined || input.entity.birthDates.length === 0) return score;
  const listed = input.entity.birthDates;
  if (query.length >= 10 && listed.includes(query.slice(0, 10))) {
    factors.push({ factor: "birth-date", effect: "raised", detail: `born ${query.slice(0, 10)}` });
    return raise(score, 0.4);
  }
  const years = listed.map((d) => Number(d.slice(0, 4))).filter((y) => y > 0);
  if (years.includes(Number(year))) {
    factors.push({ factor: "birth-date", effect: "raised", detail: `born in ${year}` });
    return raise(score, 0.25);
  }
  if (years.some((y) => Math.abs(y - Number(year)) <= 1)) return score;
  factors.push({ factor: "birth-date", effect: "lowered",
    detail: `born ${year}, listed ${[...new Set(years)].join("/")}` });
  return score * 0.85;
}

function countryFactor(score: number, input: FactorInput, factors: ScoreFactor[]): number {
  const code = input.countryCode;
  if (code === undefined || input.entity.countries.length === 0) return score;
  if (input.entity.countries.includes(code)) {
    factors.push({ factor: "country", effect: "raised", detail: `country ${code} listed` });
    return raise(score, 0.1);
  }
  factors.push({ factor: "country", effect: "lowered",
    detail: `country ${code}, listed ${input.entity.countries.join("/")}` });
  return score * 0.95;
}

/** Applies every factor that has data on both sides; returns the score and what counted. */
export function applyFactors(
  nameScore: number,
  input: FactorInput,
): { score: number; factors: ScoreFactor[] } {
  assert(nameScore >= 0 && nameScore <= 1, "a name score lies in [0,1]");
  const factors: ScoreFactor[] = [];
  let score = nameScore;
  if (input.weak) {
    factors.push({ factor: "weak-alias", effect: "lowered", detail: "a weak alias matched" });
    score *= 0.9;
  }
  score = birthFactor(score, input, factors);
  score = countryFactor(score, input, factors);
  const kind = input.kind;
  if (kind !== undefined && kind !== "unknown" && input.entity.kind !== "unknown" &&
    kind !== input.entity.kind) {
    factors.push({ factor: "kind", effect: "lowered",
      detail: `a ${kind} against a listed ${input.entity.kind}` });
    score *= 0.7;
  }
  assert(score >= 0 && score <= 1, "a factored score lies in [0,1]");
  return { score, factors };
}
