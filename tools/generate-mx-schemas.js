// Generates compact schema tables (src/standards/iso20022/schemas/*.ts) from ISO 20022 XSDs.
// Run: node tools/generate-mx-schemas.js ../shared/testdata/xsd; the XSDs are the ISO 20022
// message definitions; only their structure and facets are kept, as TypeScript tables.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";

const xsdRoot = process.argv[2] ?? "../shared/testdata/xsd";
const outDir = "src/standards/iso20022/schemas";
const sources = [
  ["iso20022-base/head.001.001.02.xsd", "head-001-001-02"],
  ["iso20022-base/pacs.008.001.08.xsd", "pacs-008-001-08"],
  ["fedwire-2025/Fedwire_pacs.009.001.08.xsd", "pacs-009-001-08"],
  ["iso20022-base/pacs.002.001.10.xsd", "pacs-002-001-10"],
  ["iso20022-base/pacs.004.001.09.xsd", "pacs-004-001-09"],
  ["fedwire-2025/Fedwire_camt.056.001.08.xsd", "camt-056-001-08"],
  ["iso20022-base/camt.029.001.09.xsd", "camt-029-001-09"],
  ["iso20022-base/camt.052.001.08.xsd", "camt-052-001-08"],
  ["iso20022-base/camt.053.001.08.xsd", "camt-053-001-08"],
  ["iso20022-base/camt.054.001.08.xsd", "camt-054-001-08"],
];
const arrays = new Set(["xs:element", "xs:complexType", "xs:simpleType", "xs:enumeration",
  "xs:pattern", "xs:attribute"]);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "",
  isArray: (name) => arrays.has(name), processEntities: false });

function check(condition, message) {
  if (!condition) throw new Error(`Cannot generate schema: ${message}`);
}

function occurs(value, fallback) {
  if (value === undefined) return fallback;
  return value === "unbounded" ? "U" : Number(value);
}

function complexEntry(type) {
  const keys = Object.keys(type).filter((key) => key !== "name");
  check(keys.length === 1, `${type.name} has ${keys.join(",")}`);
  const key = keys[0];
  if (key === "xs:simpleContent") {
    const ext = type[key]["xs:extension"];
    return { value: ext.base,
      attrs: (ext["xs:attribute"] ?? []).map((a) => [a.name, a.type, a.use === "required"]) };
  }
  check(key === "xs:sequence" || key === "xs:choice", `${type.name} uses ${key}`);
  const group = type[key];
  if (group["xs:any"] !== undefined) return { any: true };
  check(Object.keys(group).every((k) => k === "xs:element"),
    `${type.name} nests ${Object.keys(group).join(",")}`);
  const items = group["xs:element"].map((e) =>
    [e.name, e.type, occurs(e.minOccurs, 1), occurs(e.maxOccurs, 1)]);
  return key === "xs:choice" ? { choice: true, items } : { items };
}

function simpleEntry(type) {
  const r = type["xs:restriction"];
  check(r !== undefined && r.base.startsWith("xs:"), `${type.name} base`);
  const entry = { base: r.base.slice(3) };
  for (const facet of ["minLength", "maxLength", "length", "totalDigits", "fractionDigits",
    "minInclusive", "maxInclusive"]) {
    const f = r[`xs:${facet}`];
    if (f !== undefined) entry[facet] = Number(f.value);
  }
  if (r["xs:pattern"]) entry.pattern = r["xs:pattern"].map((p) => p.value);
  if (r["xs:enumeration"]) entry.values = r["xs:enumeration"].map((e) => e.value);
  return entry;
}

function read(file) {
  const schema = parser.parse(readFileSync(join(xsdRoot, file), "utf8"))["xs:schema"];
  const roots = schema["xs:element"];
  check(roots.length === 1, `${file} has ${roots.length} global elements`);
  const complex = {};
  const simple = {};
  for (const t of schema["xs:complexType"]) complex[t.name] = complexEntry(t);
  for (const t of schema["xs:simpleType"]) simple[t.name] = simpleEntry(t);
  return { namespace: schema.targetNamespace, root: [roots[0].name, roots[0].type], complex, simple };
}

// Fedwire tables restrict the ISO types (suffixes __1, _fixed, _Fedwire_1). Where the base ISO
// type of the same name is known (ISO type names are unique and versioned), it replaces the
// Fedwire one; the few pacs.009.001.08-only types are written here from the ISO definition.
const o = (name, type) => [name, type, 0, 1];
const agent = "BranchAndFinancialInstitutionIdentification6";
const agents = (prefix) => [1, 2, 3].flatMap((n) =>
  [o(`${prefix}${n}`, agent), o(`${prefix}${n}Acct`, "CashAccount38")]);
const patches = {
  FinancialInstitutionCreditTransferV08: { items: [["GrpHdr", "GroupHeader93", 1, 1],
    ["CdtTrfTxInf", "CreditTransferTransaction36", 1, "U"],
    ["SplmtryData", "SupplementaryData1", 0, "U"]] },
  CreditTransferTransaction36: { items: [["PmtId", "PaymentIdentification7", 1, 1],
    o("PmtTpInf", "PaymentTypeInformation28"), ["IntrBkSttlmAmt", "ActiveCurrencyAndAmount", 1, 1],
    o("IntrBkSttlmDt", "ISODate"), o("SttlmPrty", "Priority3Code"),
    o("SttlmTmIndctn", "SettlementDateTimeIndication1"), o("SttlmTmReq", "SettlementTimeRequest2"),
    ...agents("PrvsInstgAgt"), o("InstgAgt", agent), o("InstdAgt", agent), ...agents("IntrmyAgt"),
    o("UltmtDbtr", agent), ["Dbtr", agent, 1, 1], o("DbtrAcct", "CashAccount38"),
    o("DbtrAgt", agent), o("DbtrAgtAcct", "CashAccount38"), o("CdtrAgt", agent),
    o("CdtrAgtAcct", "CashAccount38"), ["Cdtr", agent, 1, 1], o("CdtrAcct", "CashAccount38"),
    o("UltmtCdtr", agent), ["InstrForCdtrAgt", "InstructionForCreditorAgent2", 0, "U"],
    ["InstrForNxtAgt", "InstructionForNextAgent1", 0, "U"], o("Purp", "Purpose2Choice"),
    o("RmtInf", "RemittanceInformation2"), o("UndrlygCstmrCdtTrf", "CreditTransferTransaction37"),
    ["SplmtryData", "SupplementaryData1", 0, "U"]] },
  CreditTransferTransaction37: { items: [o("UltmtDbtr", "PartyIdentification135"),
    o("InitgPty", "PartyIdentification135"), ["Dbtr", "PartyIdentification135", 1, 1],
    o("DbtrAcct", "CashAccount38"), ["DbtrAgt", agent, 1, 1], o("DbtrAgtAcct", "CashAccount38"),
    ...agents("PrvsInstgAgt"), ...agents("IntrmyAgt"), ["CdtrAgt", agent, 1, 1],
    o("CdtrAgtAcct", "CashAccount38"), ["Cdtr", "PartyIdentification135", 1, 1],
    o("CdtrAcct", "CashAccount38"), o("UltmtCdtr", "PartyIdentification135"),
    ["InstrForCdtrAgt", "InstructionForCreditorAgent1", 0, "U"],
    ["InstrForNxtAgt", "InstructionForNextAgent1", 0, "U"], o("Tax", "TaxInformation8"),
    o("RmtInf", "RemittanceInformation16"), o("InstdAmt", "ActiveOrHistoricCurrencyAndAmount")] },
  InstructionForCreditorAgent2: { items: [o("Cd", "Instruction5Code"), o("InstrInf", "Max140Text")] },
  RemittanceInformation2: { items: [["Ustrd", "Max140Text", 0, "U"]] },
  // camt.056.001.08 (CBPR+ uses TxInf only; OrgnlGrpInfAndCxl and OrgnlPmtInfAndCxl are omitted).
  FIToFIPaymentCancellationRequestV08: { items: [["Assgnmt", "CaseAssignment5", 1, 1],
    o("Case", "Case5"), o("CtrlData", "ControlData1"), ["Undrlyg", "UnderlyingTransaction23", 1, "U"],
    ["SplmtryData", "SupplementaryData1", 0, "U"]] },
  UnderlyingTransaction23: { items: [["TxInf", "PaymentTransaction106", 0, "U"]] },
  PaymentTransaction106: { items: [o("CxlId", "Max35Text"), o("Case", "Case5"),
    o("OrgnlGrpInf", "OriginalGroupInformation29"), o("OrgnlInstrId", "Max35Text"),
    o("OrgnlEndToEndId", "Max35Text"), o("OrgnlTxId", "Max35Text"),
    o("OrgnlUETR", "UUIDv4Identifier"), o("OrgnlClrSysRef", "Max35Text"),
    o("OrgnlIntrBkSttlmAmt", "ActiveOrHistoricCurrencyAndAmount"), o("OrgnlIntrBkSttlmDt", "ISODate"),
    o("Assgnr", "Party40Choice"), o("Assgne", "Party40Choice"),
    ["CxlRsnInf", "PaymentCancellationReason5", 0, "U"],
    o("OrgnlTxRef", "OriginalTransactionReference28"), ["SplmtryData", "SupplementaryData1", 0, "U"]] },
  ControlData1: { items: [["NbOfTxs", "Max15NumericText", 1, 1],
    o("CtrlSum", "DecimalNumber")] },
};

function baseName(name) {
  return name.replace(/__\d+$/, "").replace(/_fixed$/, "").replace(/_Fedwire_1(_SimpleType)?$/,
    (_m, simple) => simple ?? "");
}

function relax(fedwire, bases) {
  const complex = {};
  const simple = {};
  const pending = [baseName(fedwire.root[1])];
  while (pending.length > 0) {
    const name = pending.pop();
    if (complex[name] !== undefined || simple[name] !== undefined) continue;
    const fromBase = (kind) => bases.map((b) => b[kind][name]).find((e) => e !== undefined);
    const fedwireOf = (kind) => Object.entries(fedwire[kind])
      .find(([n]) => baseName(n) === name)?.[1];
    const c = name === "Document" ? fedwireOf("complex")
      : patches[name] ?? fromBase("complex") ?? fedwireOf("complex");
    if (c !== undefined) {
      const entry = "items" in c ? { ...c, items: c.items.map(([n, t, min, max]) =>
        [n, baseName(t), min, max]) } : "value" in c ? { ...c, value: baseName(c.value),
        attrs: c.attrs.map(([n, t, r]) => [n, baseName(t), r]) } : c;
      complex[name] = entry;
      if ("items" in entry) pending.push(...entry.items.map(([, t]) => t));
      if ("value" in entry) pending.push(entry.value, ...entry.attrs.map(([, t]) => t));
      continue;
    }
    const s = fromBase("simple") ?? fedwireOf("simple");
    check(s !== undefined || name.startsWith("xs:"), `no definition of ${name}`);
    if (s !== undefined) simple[name] = s;
  }
  return { namespace: fedwire.namespace, root: [fedwire.root[0], baseName(fedwire.root[1])],
    complex, simple };
}

function occursText(value) {
  return value === "U" ? "U" : String(value);
}

function list(values) {
  return `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;
}

function complexText(c) {
  if ("any" in c) return "{ any: true }";
  if ("value" in c) {
    const attrs = c.attrs.map(([n, t, r]) => `[${JSON.stringify(n)}, ${JSON.stringify(t)}, ${r}]`);
    return `{\n      value: ${JSON.stringify(c.value)},\n      attrs: [${attrs.join(", ")}],\n    }`;
  }
  const items = c.items.map(([n, t, min, max]) =>
    `[${JSON.stringify(n)}, ${JSON.stringify(t)}, ${occursText(min)}, ${occursText(max)}]`);
  const choice = c.choice ? "choice: true, " : "";
  return `{ ${choice}items: [\n      ${items.join(",\n      ")},\n    ] }`;
}

function simpleText(s) {
  const parts = Object.entries(s).map(([k, v]) =>
    `${k}: ${Array.isArray(v) ? list(v) : typeof v === "string" ? JSON.stringify(v) : v}`);
  return `{ ${parts.join(", ")} }`;
}

function wrap(line) {
  if (line.length <= 100) return line;
  const indent = line.match(/^ */)[0] + "  ";
  const out = [];
  let current = line;
  while (current.length > 100) {
    let cut = current.lastIndexOf(", ", 98);
    check(cut > indent.length, `cannot wrap ${line.slice(0, 60)}`);
    out.push(current.slice(0, cut + 1));
    current = indent + current.slice(cut + 2);
  }
  out.push(current);
  return out.join("\n");
}

const tables = sources.map(([file, name]) => {
  const raw = read(file);
  return { file, name, raw };
});
const bases = tables.filter(({ file }) => file.startsWith("iso20022-base/")).map((t) => t.raw);
for (const entry of tables) {
  entry.table = entry.file.startsWith("fedwire-") ? relax(entry.raw, bases) : entry.raw;
}

// ISO 20022 type names are versioned repository names: the same name means the same definition
// in every message. Types found in two or more tables with one definition are written once, in
// components.ts; a name defined differently anywhere stays in each of its messages.
function sharedOf(kind) {
  const seen = new Map();
  for (const { table } of tables) {
    for (const [n, definition] of Object.entries(table[kind])) {
      const text = JSON.stringify(definition);
      const known = seen.get(n) ?? { text, count: 0, conflict: false };
      if (known.text !== text) known.conflict = true;
      known.count += 1;
      seen.set(n, known);
    }
  }
  return new Set([...seen].filter(([, v]) => v.count > 1 && !v.conflict).map(([n]) => n));
}
const shared = { complex: sharedOf("complex"), simple: sharedOf("simple") };

function entries(table, kind, keep) {
  return Object.entries(table[kind]).filter(([n]) => keep(shared[kind].has(n))).sort();
}

function write(name, lines) {
  const text = lines.join("\n").split("\n").map(wrap).join("\n");
  writeFileSync(join(outDir, `${name}.ts`), text);
  console.log(`wrote ${name}.ts (${text.length} chars)`);
}

const definitions = { complex: new Map(), simple: new Map() };
for (const { table } of tables) {
  for (const kind of ["complex", "simple"]) {
    for (const [n, d] of entries(table, kind, (isShared) => isShared)) definitions[kind].set(n, d);
  }
}
write("components", [
  "// The ISO 20022 types that several message tables share, each written once; generated by",
  "// tools/generate-mx-schemas.js from the ISO 20022 XSDs. Do not edit.",
  `import { U, type MxComplexType, type MxSimpleType } from "./schema-types.js";`,
  "",
  "export const sharedComplex: Readonly<Record<string, MxComplexType>> = {",
  ...[...definitions.complex].sort().map(([n, c]) => `  ${n}: ${complexText(c).replace(/\n {4}/g,
    "\n  ").replace(/\n {6}/g, "\n    ")},`),
  "};",
  "",
  "export const sharedSimple: Readonly<Record<string, MxSimpleType>> = {",
  ...[...definitions.simple].sort().map(([n, t]) => `  ${n}: ${simpleText(t)},`),
  "};",
  "",
]);

for (const { file, name, table } of tables) {
  const note = file.startsWith("fedwire-")
    ? ["// The Fedwire restrictions are lifted: base ISO types replace the restricted ones."] : [];
  const own = (kind) => entries(table, kind, (isShared) => !isShared);
  const usesU = own("complex").some(([, c]) => "items" in c && c.items.some(([, , , max]) =>
    max === "U"));
  const lines = [
    `// Schema table for ${table.namespace.split(":").pop()}, generated by`,
    `// tools/generate-mx-schemas.js from the ISO 20022 XSD (${file.split("/").pop()}). Do not edit.`,
    "// The types it shares with other messages are in components.ts; tables are looked up from",
    "// the root, so the shared types of other messages it carries along are never reached.",
    ...note,
    `import { sharedComplex, sharedSimple } from "./components.js";`,
    `import { ${usesU ? "U, " : ""}type MxSchema } from "./schema-types.js";`,
    ``,
    `export const schema: MxSchema = {`,
    `  namespace: ${JSON.stringify(table.namespace)},`,
    `  root: [${JSON.stringify(table.root[0])}, ${JSON.stringify(table.root[1])}],`,
    `  complex: {`,
    `    ...sharedComplex,`,
  ];
  for (const [n, c] of own("complex")) lines.push(`    ${n}: ${complexText(c)},`);
  lines.push("  },", "  simple: {", "    ...sharedSimple,");
  for (const [n, t] of own("simple")) lines.push(`    ${n}: ${simpleText(t)},`);
  lines.push("  },", "};", "");
  write(name, lines);
}
