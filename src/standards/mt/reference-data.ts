// Reference data for MT validation: ISO 4217 currencies with their minor units, and ISO 3166
// country codes (plus XK, used in BICs). Active codes as of the 2026 ISO 4217 list.

/** Currencies whose minor unit is 2, the default. */
const twoDecimals =
  "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD " +
  "CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS " +
  "GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD " +
  "LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB " +
  "PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP " +
  "SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XAD XCD XCG YER ZAR ZMW " +
  "ZWG";
const zeroDecimals = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
const threeDecimals = "BHD IQD JOD KWD LYD OMR TND";
const fourDecimals = "CLF UYW";
/** Codes with no minor unit (metals, SDR, funds, test code): C03 puts no decimal limit on them. */
const noMinorUnit = "XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX";

/** ISO 4217 code -> number of decimals allowed in an amount (network rule C03). */
export const currencyDecimals: ReadonlyMap<string, number> = new Map([
  ...twoDecimals.split(" ").map((code) => [code, 2] as const),
  ...zeroDecimals.split(" ").map((code) => [code, 0] as const),
  ...threeDecimals.split(" ").map((code) => [code, 3] as const),
  ...fourDecimals.split(" ").map((code) => [code, 4] as const),
  ...noMinorUnit.split(" ").map((code) => [code, 14] as const),
]);

/** Commodity codes that FIN refuses in payment amounts (C08). */
export const commodityCurrencies: ReadonlySet<string> = new Set(["XAU", "XAG", "XPD", "XPT"]);

/** ISO 3166-1 alpha-2 codes, plus XK (Kosovo) which BICs use. */
export const countryCodes: ReadonlySet<string> = new Set((
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR " +
  "BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ " +
  "EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW " +
  "GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY " +
  "KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV " +
  "MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY " +
  "QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG " +
  "TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA " +
  "ZM ZW").split(" "));
