// The demo's own sanctions list: entirely fictional people, companies and one bank, in the US
// Consolidated Screening List CSV layout so the ordinary importer loads it. Not a government
// list and not derived from one; the project ships no real list data.
export const demoListFileName = "corridor-demo-fictional-list.csv";

const header = "source,entity_number,type,programs,name,alt_names,addresses,nationalities,ids";
const source = "Corridor demo fictional list (not a government list)";

const rows: readonly string[][] = [
  ["DEMO-1", "Individual", "DEMO-RU", "Viktor Pavlovich Demidenko",
    "Wiktor Demidenko; Viktor Demidenco", "Kazan, RU", "RU", ""],
  ["DEMO-2", "Entity", "DEMO-RU", "Ostrov Maritime Holdings LLC", "Ostrov Maritime",
    "Novorossiysk, RU", "RU", ""],
  ["DEMO-3", "Entity", "DEMO-IR", "Kasra Petrochemical Trading Company", "Kasra Petrochem",
    "Bandar Abbas, IR", "IR", ""],
  ["DEMO-4", "Entity", "DEMO-BY", "Belaya Vezha Logistics OOO", "Bielaja Vieza Logistics",
    "Brest, BY", "BY", ""],
  ["DEMO-5", "Individual", "DEMO-RU", "Leonid Arkadyevich Sorokin", "Leonid Sorokine",
    "Moscow, RU", "RU", ""],
  ["DEMO-6", "Entity", "DEMO-CN", "Golden Crane Dual-Use Electronics Ltd",
    "Golden Crane Electronics", "Shenzhen, CN", "CN", ""],
  ["DEMO-7", "Entity", "DEMO-IR", "Zagros Export Bank", "", "Tehran, IR", "IR",
    "IR, ZAGRIRTHXXX, SWIFT/BIC"],
];

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, "\"\"")}"` : value;
}

export function demoListCsv(): string {
  const lines = rows.map(([id, type, programme, ...rest]) =>
    [source, id ?? "", type ?? "", programme ?? "", ...rest].map(csvField).join(","));
  return `${header}\n${lines.join("\n")}\n`;
}

/** Names a demo payment can carry that the list should catch (some transliterated). */
export const demoListedNames: readonly { name: string; country: string; town: string }[] = [
  { name: "Wiktor Demidenko", country: "RU", town: "Kazan" },
  { name: "Ostrov Maritime Holdings", country: "RU", town: "Novorossiysk" },
  { name: "Kasra Petrochemical Trading Co", country: "IR", town: "Bandar Abbas" },
  { name: "Bielaja Vieza Logistics", country: "BY", town: "Brest" },
  { name: "Leonid A Sorokin", country: "RU", town: "Moscow" },
];
