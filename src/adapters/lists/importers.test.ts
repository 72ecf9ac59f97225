// Importer tests over small hand-written files in each official format (fictional entries whose
// layouts follow the publishers' documentation; no real list data is copied here).
import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect.js";
import { parseListFile } from "./parse-list-file.js";
import type { SanctionsList } from "../../screening/index.js";

const unXml = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>900001</DATAID><FIRST_NAME>IVAN</FIRST_NAME><SECOND_NAME>PETROVICH</SECOND_NAME>
      <THIRD_NAME>EXAMPLOV</THIRD_NAME><UN_LIST_TYPE>Testland</UN_LIST_TYPE>
      <NAME_ORIGINAL_SCRIPT>Иван Петрович Экзамплов</NAME_ORIGINAL_SCRIPT>
      <NATIONALITY><VALUE>Russian Federation</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Vanya Examplov</ALIAS_NAME>
      </INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>The Tester</ALIAS_NAME>
      </INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1970-05-01</DATE>
      </INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>P123</NUMBER>
      </INDIVIDUAL_DOCUMENT>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>900002</DATAID><FIRST_NAME>EXAMPLE TRADING CO.</FIRST_NAME>
      <UN_LIST_TYPE>Testland</UN_LIST_TYPE>
      <ENTITY_ADDRESS><CITY>Minsk</CITY><COUNTRY>Belarus</COUNTRY></ENTITY_ADDRESS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>`;

const euXml = `<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export"
  generationDate="2026-02-03T10:00:00.000+01:00">
  <sanctionEntity designationDate="2022-02-25" logicalId="5001" euReferenceNumber="EU.1.1">
    <regulation programme="RUS" regulationType="amendment"/>
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias wholeName="Fictional Bank PJSC" strong="true" logicalId="1"/>
    <nameAlias wholeName="FB" strong="false" logicalId="2"/>
    <identification identificationTypeCode="other" identificationTypeDescription="SWIFT BIC"
      number="FICTRUMM" countryIso2Code="RU" logicalId="3"/>
    <address city="Moscow" street="1 Example Street" countryIso2Code="RU"
      countryDescription="RUSSIAN FEDERATION" logicalId="4"/>
  </sanctionEntity>
  <sanctionEntity designationDate="2022-02-25" logicalId="5002" euReferenceNumber="EU.1.2">
    <regulation programme="RUS"/>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Anna" middleName="" lastName="Fictiva" wholeName="Anna Fictiva"
      strong="true"/>
    <citizenship countryIso2Code="BY" countryDescription="BELARUS"/>
    <birthdate birthdate="1980-12-24" year="1980"/>
    <identification identificationTypeCode="passport" number="MP0001" countryIso2Code="BY"/>
  </sanctionEntity>
</export>`;

const ukXml = `<?xml version="1.0" encoding="utf-8"?>
<Designations>
  <DateGenerated>05/03/2026</DateGenerated>
  <Designation>
    <UniqueID>TST0001</UniqueID>
    <Names>
      <Name><Name1>Boris</Name1><Name6>FICTIONOV</Name6><NameType>Primary Name</NameType></Name>
      <Name><Name6>Borya</Name6><NameType>Alias</NameType>
        <AliasStrength>Low quality</AliasStrength></Name>
    </Names>
    <NonLatinNames><NonLatinName>
      <NameNonLatinScript>Борис Фикционов</NameNonLatinScript>
    </NonLatinName></NonLatinNames>
    <RegimeName>The Testland (Sanctions) Regulations 2026</RegimeName>
    <IndividualEntityShip>Individual</IndividualEntityShip>
    <IndividualDetails><Individual><DOBs><DOB>dd/mm/1961</DOB><DOB>02/03/1962</DOB></DOBs>
      <Nationalities><Nationality>Russia</Nationality></Nationalities></Individual>
    </IndividualDetails>
  </Designation>
  <Designation>
    <UniqueID>TST0002</UniqueID>
    <Names><Name><Name6>SEA FICTION</Name6><NameType>Primary Name</NameType></Name></Names>
    <RegimeName>The Testland (Sanctions) Regulations 2026</RegimeName>
    <IndividualEntityShip>Ship</IndividualEntityShip>
    <ShipDetails><Ship><IMONumbers><IMONumber>9999999</IMONumber></IMONumbers></Ship></ShipDetails>
  </Designation>
</Designations>`;

const ofacXml = `<?xml version="1.0" encoding="utf-8"?>
<sanctionsData xmlns="https://sanctionslistservice.ofac.treas.gov/ENHANCED_XML">
  <publicationInfo><dataAsOf>2026-03-04T00:00:00</dataAsOf>
    <filters><sanctionsLists><sanctionsList refId="1550">SDN List</sanctionsList>
    </sanctionsLists></filters>
  </publicationInfo>
  <entities>
    <entity id="77">
      <generalInfo><identityId>1</identityId><entityType refId="2">Entity</entityType>
      </generalInfo>
      <sanctionsPrograms><sanctionsProgram refId="3">TESTPROG</sanctionsProgram>
      </sanctionsPrograms>
      <names>
        <name id="1"><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality>
          <translations><translation id="1"><formattedFullName>FICTION BANK</formattedFullName>
          </translation></translations></name>
        <name id="2"><isPrimary>false</isPrimary><aliasType refId="1400">A.K.A.</aliasType>
          <isLowQuality>true</isLowQuality>
          <translations><translation id="2"><formattedFullName>FB</formattedFullName>
          </translation></translations></name>
      </names>
      <addresses><address id="1"><country refId="9">Iran</country></address></addresses>
      <features>
        <feature id="1"><type featureTypeId="13">SWIFT/BIC</type><value>FICTIRTH</value></feature>
      </features>
    </entity>
  </entities>
</sanctionsData>`;

const empty8 = "-0- ,".repeat(7);
const sdnCsv = [
  `10,"EXAMPLOV, Ivan",individual,"TESTPROG] [SDGT",${empty8}"DOB 01 May 1970; ` +
    `nationality Russia; Passport P123 (Russia); a.k.a. 'VANYA'."`,
  `11,"FICTION SHIPPING LTD.",-0- ,"TESTPROG",${empty8}"SWIFT/BIC FICTAEAD; IMO 1234567; ` +
    `Registration Number 55 (United Arab Emirates)."`,
  "\u001a",
].join("\r\n");
const altCsv = `10,1,"aka","EKZAMPLOV, Ivan",-0- \n11,2,"fka","OLD FICTION SHIPPING",-0- \n`;
const addCsv = `11,1,"1 Harbour Road","Dubai","United Arab Emirates",-0- \n`;

const ftmJson = [
  JSON.stringify({ id: "t-1", schema: "Person", target: true, datasets: ["test_ds"],
    last_change: "2026-01-05T00:00:00", properties: { name: ["Mila FICTIONA"],
      alias: ["Мила Фикциона"], weakAlias: ["Mimi"], birthDate: ["1990"], nationality: ["ua"],
      passportNumber: ["UA1"] } }),
  JSON.stringify({ id: "a-1", schema: "Address", properties: { full: ["Nowhere"] } }),
].join("\n");

const cslHeader = ["source", "entity_number", "type", "programs", "name", "title", "addresses",
  "federal_register_notice", "start_date", "end_date", "standard_order", "license_requirement",
  "license_policy", "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage",
  "vessel_flag", "vessel_owner", "remarks", "source_list_url", "alt_names", "citizenships",
  "dates_of_birth", "nationalities", "places_of_birth", "source_information_url", "ids"];
function cslRow(values: Record<string, string>): string {
  return cslHeader.map((h) => values[h] ?? "").map((v) => (/[",]/.test(v)
    ? `"${v.replace(/"/g, '""')}"` : v)).join(",");
}
const cslCsv = [cslHeader.join(","),
  cslRow({ source: "Entity List (EL) - Bureau of Industry and Security",
    name: "Fiction Electronics Co", addresses: "1 Road, Shenzhen, CN",
    alt_names: "Fiction Elec; FEC" }),
  cslRow({ source: "Specially Designated Nationals (SDN) - Treasury Department",
    entity_number: "123", type: "Individual", programs: "TESTPROG", name: "FICTIONAL, Person",
    citizenships: "RU", dates_of_birth: "1971-02-03", nationalities: "RU",
    ids: "RU, 777, Passport" }),
].join("\n");

function parse(name: string, text: string, siblings: Record<string, string> = {}): SanctionsList {
  const parsed = parseListFile(name, Buffer.from(text), { format: "auto",
    readSibling: (file) => {
      const text = siblings[file];
      return text === undefined ? undefined : Buffer.from(text);
    } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  expect(parsed.value).toHaveLength(1);
  return parsed.value[0]!;
}

describe("detectFormat()", () => {
  it("recognises every format by its first bytes", () => {
    expect(detectFormat("x.xml", unXml)).toBe("un-sc");
    expect(detectFormat("x.xml", euXml)).toBe("eu-fsf");
    expect(detectFormat("x.xml", ukXml)).toBe("uk");
    expect(detectFormat("x.xml", ofacXml)).toBe("ofac-sdn-xml");
    expect(detectFormat("sdn.csv", sdnCsv)).toBe("ofac-csv");
    expect(detectFormat("alt.csv", altCsv)).toBe("ofac-csv-companion");
    expect(detectFormat("x.json", ftmJson)).toBe("ftm");
    expect(detectFormat("csl.csv", cslCsv)).toBe("us-csl");
    expect(detectFormat("x.txt", "hello")).toBeUndefined();
  });
});

describe("importUnXml()", () => {
  it("reads names, aliases with quality, birth dates, documents and countries", () => {
    const list = parse("un.xml", unXml);
    expect(list).toMatchObject({ id: "un-sc", version: "2026-01-02" });
    const [ivan, company] = list.entities;
    expect(ivan?.names.map((n) => [n.full, n.weak])).toEqual([
      ["IVAN PETROVICH EXAMPLOV", false], ["Иван Петрович Экзамплов", false],
      ["Vanya Examplov", false], ["The Tester", true]]);
    expect(ivan).toMatchObject({ id: "900001", kind: "person", birthDates: ["1970-05-01"],
      countries: ["ru"], programmes: ["Testland"] });
    expect(ivan?.identifiers[0]).toMatchObject({ scheme: "passport", value: "P123" });
    expect(company).toMatchObject({ kind: "organisation", countries: ["by"] });
  });
});

describe("importEuFsf()", () => {
  it("reads entities with strong and weak aliases and a SWIFT BIC", () => {
    const list = parse("eu.xml", euXml);
    expect(list).toMatchObject({ id: "eu-fsf", version: "2026-02-03" });
    const [bank, anna] = list.entities;
    expect(bank).toMatchObject({ id: "EU.1.1", kind: "organisation", countries: ["ru"],
      programmes: ["RUS"] });
    expect(bank?.names.map((n) => n.weak)).toEqual([false, true]);
    expect(bank?.identifiers[0]).toMatchObject({ scheme: "bic", value: "FICTRUMM" });
    expect(anna).toMatchObject({ kind: "person", birthDates: ["1980-12-24"], countries: ["by"] });
  });
});

describe("importUk()", () => {
  it("reads individuals with partial birth dates and ships with IMO numbers", () => {
    const list = parse("uk.xml", ukXml);
    expect(list).toMatchObject({ id: "uk", version: "2026-03-05" });
    const [boris, ship] = list.entities;
    expect(boris?.names.map((n) => n.full))
      .toEqual(["Boris FICTIONOV", "Borya", "Борис Фикционов"]);
    expect(boris?.names[1]?.weak).toBe(true);
    expect(boris).toMatchObject({ kind: "person", birthDates: ["1961", "1962-03-02"],
      countries: ["ru"] });
    expect(ship).toMatchObject({ kind: "vessel",
      identifiers: [{ scheme: "imo", value: "9999999" }] });
  });
});

describe("importOfacXml()", () => {
  it("reads the ENHANCED layout with low-quality aliases and a BIC feature", () => {
    const list = parse("SDN_ENHANCED.XML", ofacXml);
    expect(list).toMatchObject({ id: "ofac-sdn", version: "2026-03-04" });
    expect(list.entities[0]).toMatchObject({ id: "77", kind: "organisation", countries: ["ir"],
      programmes: ["TESTPROG"], identifiers: [{ scheme: "bic", value: "FICTIRTH" }] });
    expect(list.entities[0]?.names.map((n) => [n.full, n.weak])).toEqual([
      ["FICTION BANK", false], ["FB", true]]);
  });
});

describe("importOfacCsv()", () => {
  it("joins the companions and reads facts from the remarks", () => {
    const list = parse("sdn.csv", sdnCsv, { "alt.csv": altCsv, "add.csv": addCsv });
    expect(list.id).toBe("ofac-sdn");
    expect(list.version).toMatch(/^sha256-[0-9a-f]{12}$/);
    const [ivan, ship] = list.entities;
    expect(ivan).toMatchObject({ kind: "person", birthDates: ["1970-05-01"], countries: ["ru"],
      programmes: ["TESTPROG", "SDGT"] });
    expect(ivan?.names.map((n) => [n.full, n.kind, n.weak])).toEqual([
      ["EXAMPLOV, Ivan", "primary", false], ["EKZAMPLOV, Ivan", "alias", false],
      ["VANYA", "alias", true]]);
    expect(ship?.identifiers.map((i) => i.scheme)).toEqual(["bic", "imo", "registration"]);
    expect(ship?.names[1]).toMatchObject({ full: "OLD FICTION SHIPPING", kind: "former" });
    expect(ship?.countries).toEqual(["ae"]);
  });

  it("refuses a companion file imported alone", () => {
    const parsed = parseListFile("alt.csv", Buffer.from(altCsv),
      { format: "auto", readSibling: () => undefined });
    expect(parsed.ok ? "" : parsed.problems[0]?.code).toBe("companion-file");
  });
});

describe("importFtm()", () => {
  it("keeps target entities of known schemata and skips addresses", () => {
    const list = parse("x.ftm.json", ftmJson);
    expect(list).toMatchObject({ id: "ftm-test_ds", version: "2026-01-05" });
    expect(list.entities).toHaveLength(1);
    expect(list.entities[0]?.names.map((n) => n.weak)).toEqual([false, false, true]);
    expect(list.entities[0]).toMatchObject({ countries: ["ua"], birthDates: ["1990"] });
  });

  it("reports a line that is not JSON with its line number", () => {
    const parsed = parseListFile("x.json", Buffer.from(`${ftmJson}\n{"schema": oops`),
      { format: "ftm", readSibling: () => undefined });
    expect(parsed.ok ? [] : parsed.problems.map((p) => [p.code, p.location])).toEqual([
      ["malformed-json", "x.json:3"]]);
  });
});

describe("importUsCsl()", () => {
  it("reads alt names, ids and countries and gives rows without a number a stable id", () => {
    const list = parse("csl.csv", cslCsv);
    expect(list.entities.map((e) => e.id)).toEqual(["EL:fiction electronics co", "123"]);
    expect(list.entities[0]?.names.map((n) => n.full)).toEqual([
      "Fiction Electronics Co", "Fiction Elec", "FEC"]);
    expect(list.entities[1]).toMatchObject({ kind: "person", countries: ["ru"],
      birthDates: ["1971-02-03"], identifiers: [{ scheme: "passport", value: "777" }] });
  });
});

describe("parseListFile()", () => {
  it("refuses XML with a DTD and unknown formats, with a code and a location", () => {
    const dtd = parseListFile("x.xml", Buffer.from(`<?xml version="1.0"?><!DOCTYPE x [
      <!ENTITY a "aaaa">]><CONSOLIDATED_LIST/>`), { format: "auto", readSibling: () => undefined });
    expect(dtd.ok ? "" : dtd.problems[0]?.code).toBe("malformed-xml");
    const unknown = parseListFile("x.txt", Buffer.from("hello"),
      { format: "auto", readSibling: () => undefined });
    expect(unknown.ok ? "" : unknown.problems[0]).toMatchObject({ code: "unknown-format",
      location: "x.txt" });
  });

  it("refuses XML nested deeper than the limit", () => {
    const deep = `${"<a>".repeat(60)}${"</a>".repeat(60)}`;
    const parsed = parseListFile("x.xml", Buffer.from(deep), { format: "un-sc",
      readSibling: () => undefined });
    expect(parsed.ok ? "" : parsed.problems[0]?.message).toMatch(/nested over 40 levels/);
  });
});
