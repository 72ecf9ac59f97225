// Bench suite "mx": pacs.008 parse+validate (checkMx) per second on one core beside the bare
// fast-xml-parser parse of the same document in the same run, MT103 -> pacs.008 translation, and
// the cost per byte of a pathological pacs.008 (a problem at each of 19,000 siblings) and of
// reading the envelope of a header that repeats its sender tag 25,000 times.
import { XMLParser } from "fast-xml-parser";
import { checkMx, readEnvelope, translate } from "../../standards/index.js";
import { bestOfRounds, cpuRate } from "./cpu-rate.js";
import type { BenchFigure, BenchOptions, BenchSuite } from "./types.js";

const mt103 = "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}" +
  "{3:{121:0f6a8c1e-3b2d-4e5f-9a7b-1c2d3e4f5a6b}}{4:\r\n" +
  ":20:REF123456789\r\n:23B:CRED\r\n:32A:261126EUR123456,78\r\n:33B:EUR123456,78\r\n" +
  ":50F:/BE71096123456769\r\n1/ACME TRADING NV\r\n2/RUE DE LA LOI 1\r\n3/BE/BRUSSELS\r\n" +
  ":52A:BANKBEBB\r\n:57A:BANKDEFF\r\n:59F:/DE89370400440532013000\r\n1/MUELLER GMBH\r\n" +
  "2/HAUPTSTRASSE 5\r\n3/DE/BERLIN\r\n:70:/ROC/E2E-77/INV 2026-11\r\n:71A:SHA\r\n-}";

function samplePacs008(): string {
  const result = translate(mt103, "mx", { createdAt: "2026-11-26T10:00:00+00:00" });
  if (!result.ok) throw new Error("Cannot bench: the sample MT103 does not translate");
  if (checkMx(result.value.text).length !== 0) {
    throw new Error("Cannot bench: the sample pacs.008 is not valid");
  }
  return result.value.text;
}

/** The sample with 19,000 unknown elements in its remittance: 19,000 problems, ~78 KB. */
function floodedPacs008(xml: string): string {
  const flooded = xml.replace("<RmtInf>", `<RmtInf>${"<X/>".repeat(19_000)}`);
  if (flooded === xml) throw new Error("Cannot bench: the sample pacs.008 has no RmtInf");
  return flooded;
}

/** CPU milliseconds per check of `xml`: the best of three runs of `count` checks. */
function cpuMillisPerCheck(xml: string, count: number,
  check: (text: string) => unknown = checkMx): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run += 1) {
    const start = process.cpuUsage();
    for (let index = 0; index < count; index += 1) check(xml);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1_000 / count);
  }
  return best;
}

/** Per byte, how much more a check of the flooded message costs than one of the sample. */
function floodFigure(xml: string, normalPerSecond: number, quick: boolean): BenchFigure {
  const flooded = floodedPacs008(xml);
  const work = { steps: 0 };
  checkMx(flooded, { work });
  const millis = cpuMillisPerCheck(flooded, quick ? 5 : 20);
  const normalNanosPerByte = 1e9 / normalPerSecond / xml.length;
  const floodNanosPerByte = millis * 1e6 / flooded.length;
  return {
    name: "pacs.008 with 19,000 sibling problems", value: Number(millis.toFixed(2)), unit: "ms",
    baseline: { name: "pacs.008 parse+validate, ns per byte",
      value: Number(normalNanosPerByte.toFixed(1)) },
    ratio: floodNanosPerByte / normalNanosPerByte,
    note: `CPU ms per check of a ${flooded.length}-byte document (${work.steps} steps); ` +
      "ratio = its ns per byte over the sample's: linear work keeps it a small constant",
  };
}

/**
 * The envelope of a ~100 KB header repeating `<Fr>`, against the sample's envelope, per byte:
 * intake reads it on the event loop before anything else, so it must stay linear.
 */
function envelopeFloodFigure(xml: string, quick: boolean): BenchFigure {
  const flooded = `<Envelope><AppHdr>${"<Fr>".repeat(25_000)}</AppHdr></Envelope>`;
  const floodMillis = cpuMillisPerCheck(flooded, quick ? 20 : 100, readEnvelope);
  const sampleMillis = cpuMillisPerCheck(xml, quick ? 2_000 : 10_000, readEnvelope);
  const perByte = (millis: number, bytes: number) => millis * 1e6 / bytes;
  return {
    name: "envelope of a 100 KB header flood", value: Number(floodMillis.toFixed(3)), unit: "ms",
    baseline: { name: "envelope of the sample pacs.008, ns per byte",
      value: Number(perByte(sampleMillis, xml.length).toFixed(2)) },
    ratio: perByte(floodMillis, flooded.length) / perByte(sampleMillis, xml.length),
    note: `CPU ms to read the envelope of ${flooded.length} bytes of repeated <Fr> tags ` +
      "(one forward search each for the header and its BICFIs)",
  };
}

export const mxBenchSuite: BenchSuite = {
  name: "mx",
  description: "pacs.008 parse+validate (checkMx) and MT103 -> pacs.008 translation per CPU " +
    "second on one core vs. a bare fast-xml-parser parse of the same document",
  run(options: BenchOptions): Promise<readonly BenchFigure[]> {
    const xml = samplePacs008();
    const millis = options.quick ? 1_000 : 5_000;
    const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false,
      processEntities: false, parseTagValue: false, maxNestedTags: 40 });
    cpuRate(() => checkMx(xml).length, millis / 5);
    const { value, baseline } = bestOfRounds({ value: () => checkMx(xml).length,
      baseline: () => (parser.parse(xml) as unknown[]).length }, millis);
    const translateOnce = (): number =>
      translate(mt103, "mx", { createdAt: "2026-11-26T10:00:00+00:00" }).ok ? 1 : 0;
    const translation = bestOfRounds({ value: translateOnce,
      baseline: () => checkMx(xml).length }, millis).value;
    const flood = floodFigure(xml, value, options.quick);
    const envelopeFlood = envelopeFloodFigure(xml, options.quick);
    options.log(`mx: checkMx ${Math.round(value)} msg/s, fast-xml-parser ${Math.round(baseline)}` +
      ` /s, MT103 -> pacs.008 ${Math.round(translation)} msg/s (per CPU second, best of 5 ` +
      `alternating rounds); 19,000 sibling problems ${flood.value} ms a check`);
    return Promise.resolve([{
      name: "pacs.008 parse+validate", value: Math.round(value), unit: "msg/s",
      baseline: { name: "fast-xml-parser parse only", value: Math.round(baseline) },
      ratio: value / baseline, target: ">= 30000 msg/s", met: value >= 30_000,
      note: `one core, per CPU second (process.cpuUsage), best of 5 rounds alternating with ` +
        `the baseline; ${xml.length}-byte CBPR+ pacs.008 with AppHdr; validation = XSD-level, ` +
        "code lists and CBPR+ rules",
    }, {
      name: "MT103 -> pacs.008 translation", value: Math.round(translation), unit: "msg/s",
      baseline: { name: "pacs.008 parse+validate", value: Math.round(value) },
      ratio: translation / value,
      note: "per CPU second; parse MT, map, build, order by schema, validate the result, " +
        "serialise",
    }, flood, envelopeFlood]);
  },
};
