// Country names and adjectives as lists write them, mapped to ISO 3166 alpha-2 codes, so that
// "Iran (Islamic Republic of)", "Iranian", "IR" and "ir" all compare equal.
import { anyAsciiLower } from "./transliterate.js";

// code:name|alternate|adjective;… (ISO 3166-1 names, common short forms, nationality words)
const table = [
  "af:afghanistan|afghan", "al:albania|albanian", "dz:algeria|algerian", "ad:andorra",
  "ao:angola|angolan", "ag:antigua and barbuda", "ar:argentina|argentine|argentinian",
  "am:armenia|armenian", "au:australia|australian", "at:austria|austrian",
  "az:azerbaijan|azerbaijani", "bs:bahamas|the bahamas|bahamas the", "bh:bahrain|bahraini",
  "bd:bangladesh|bangladeshi", "bb:barbados", "by:belarus|belarusian|byelorussia",
  "be:belgium|belgian", "bz:belize", "bj:benin", "bt:bhutan",
  "bo:bolivia|bolivia plurinational state of|bolivian", "ba:bosnia and herzegovina|bosnian",
  "bw:botswana", "br:brazil|brazilian", "bn:brunei|brunei darussalam", "bg:bulgaria|bulgarian",
  "bf:burkina faso", "bi:burundi|burundian", "kh:cambodia|cambodian", "cm:cameroon",
  "ca:canada|canadian", "cv:cabo verde|cape verde", "cf:central african republic",
  "td:chad|chadian", "cl:chile|chilean", "cn:china|chinese|people s republic of china",
  "co:colombia|colombian", "km:comoros", "cg:congo|republic of the congo|congo republic of",
  "cd:democratic republic of the congo|congo democratic republic of the|drc|congolese",
  "cr:costa rica", "ci:cote d ivoire|ivory coast", "hr:croatia|croatian", "cu:cuba|cuban",
  "cy:cyprus|cypriot", "cz:czech republic|czechia|czech", "dk:denmark|danish",
  "dj:djibouti", "dm:dominica", "do:dominican republic", "ec:ecuador|ecuadorian",
  "eg:egypt|egyptian", "sv:el salvador|salvadoran", "gq:equatorial guinea", "er:eritrea|eritrean",
  "ee:estonia|estonian", "sz:eswatini|swaziland", "et:ethiopia|ethiopian", "fj:fiji",
  "fi:finland|finnish", "fr:france|french", "ga:gabon", "gm:gambia|the gambia",
  "ge:georgia|georgian", "de:germany|german", "gh:ghana|ghanaian", "gr:greece|greek",
  "gd:grenada", "gt:guatemala|guatemalan", "gn:guinea|guinean", "gw:guinea bissau",
  "gy:guyana", "ht:haiti|haitian", "hn:honduras|honduran", "hk:hong kong",
  "hu:hungary|hungarian", "is:iceland", "in:india|indian", "id:indonesia|indonesian",
  "ir:iran|iran islamic republic of|islamic republic of iran|iranian", "iq:iraq|iraqi",
  "ie:ireland|irish", "il:israel|israeli", "it:italy|italian", "jm:jamaica|jamaican",
  "jp:japan|japanese", "jo:jordan|jordanian", "kz:kazakhstan|kazakh", "ke:kenya|kenyan",
  "ki:kiribati", "kp:north korea|korea north|democratic people s republic of korea|"
    + "korea democratic people s republic of|dprk|north korean",
  "kr:south korea|korea south|republic of korea|korea republic of|south korean",
  "kw:kuwait|kuwaiti", "kg:kyrgyzstan|kyrgyz", "la:laos|lao people s democratic republic|lao",
  "lv:latvia|latvian", "lb:lebanon|lebanese", "ls:lesotho", "lr:liberia|liberian",
  "ly:libya|libyan|libyan arab jamahiriya", "li:liechtenstein", "lt:lithuania|lithuanian",
  "lu:luxembourg", "mo:macau|macao", "mg:madagascar", "mw:malawi", "my:malaysia|malaysian",
  "mv:maldives", "ml:mali|malian", "mt:malta|maltese", "mh:marshall islands",
  "mr:mauritania|mauritanian", "mu:mauritius", "mx:mexico|mexican", "fm:micronesia",
  "md:moldova|republic of moldova|moldovan", "mc:monaco", "mn:mongolia|mongolian",
  "me:montenegro", "ma:morocco|moroccan", "mz:mozambique", "mm:myanmar|burma|burmese",
  "na:namibia", "nr:nauru", "np:nepal|nepalese", "nl:netherlands|dutch|the netherlands",
  "nz:new zealand", "ni:nicaragua|nicaraguan", "ne:niger", "ng:nigeria|nigerian",
  "mk:north macedonia|macedonia", "no:norway|norwegian", "om:oman|omani",
  "pk:pakistan|pakistani", "pw:palau", "ps:palestine|palestinian|state of palestine|"
    + "west bank|gaza", "pa:panama|panamanian", "pg:papua new guinea", "py:paraguay",
  "pe:peru|peruvian", "ph:philippines|filipino", "pl:poland|polish", "pt:portugal|portuguese",
  "qa:qatar|qatari", "ro:romania|romanian", "ru:russia|russian federation|russian",
  "rw:rwanda|rwandan", "kn:saint kitts and nevis", "lc:saint lucia",
  "vc:saint vincent and the grenadines", "ws:samoa", "sm:san marino",
  "st:sao tome and principe", "sa:saudi arabia|saudi", "sn:senegal|senegalese",
  "rs:serbia|serbian", "sc:seychelles", "sl:sierra leone", "sg:singapore|singaporean",
  "sk:slovakia|slovak", "si:slovenia|slovenian", "sb:solomon islands", "so:somalia|somali",
  "za:south africa|south african", "ss:south sudan|south sudanese", "es:spain|spanish",
  "lk:sri lanka|sri lankan", "sd:sudan|sudanese", "sr:suriname", "se:sweden|swedish",
  "ch:switzerland|swiss", "sy:syria|syrian arab republic|syrian", "tw:taiwan|taiwanese",
  "tj:tajikistan|tajik", "tz:tanzania|united republic of tanzania|tanzanian",
  "th:thailand|thai", "tl:timor leste|east timor", "tg:togo", "to:tonga",
  "tt:trinidad and tobago", "tn:tunisia|tunisian", "tr:turkey|turkiye|turkish",
  "tm:turkmenistan|turkmen", "tv:tuvalu", "ug:uganda|ugandan", "ua:ukraine|ukrainian",
  "ae:united arab emirates|uae|emirati", "gb:united kingdom|uk|great britain|british|"
    + "united kingdom of great britain and northern ireland",
  "us:united states|united states of america|usa|american", "uy:uruguay|uruguayan",
  "uz:uzbekistan|uzbek", "vu:vanuatu", "va:holy see|vatican",
  "ve:venezuela|venezuela bolivarian republic of|venezuelan", "vn:vietnam|viet nam|vietnamese",
  "ye:yemen|yemeni", "zm:zambia|zambian", "zw:zimbabwe|zimbabwean", "xk:kosovo",
  "cw:curacao", "vg:british virgin islands|virgin islands british", "ky:cayman islands",
  "gi:gibraltar", "im:isle of man", "je:jersey", "gg:guernsey", "bm:bermuda", "aw:aruba",
  "sx:sint maarten", "pr:puerto rico",
];

const byName = new Map<string, string>();
const codes = new Set<string>();
for (const row of table) {
  const [code, names] = row.split(":");
  if (code === undefined || names === undefined) continue;
  codes.add(code);
  for (const name of names.split("|")) byName.set(name, code);
}

/** The ISO 3166 alpha-2 code (lower case) of a country name, adjective or code, if known. */
export function countryCode(text: string): string | undefined {
  const key = anyAsciiLower(text).replace(/[^a-z]+/g, " ").trim();
  if (key.length === 0) return undefined;
  if (key.length === 2 && codes.has(key)) return key;
  const found = byName.get(key);
  if (found !== undefined) return found;
  // "Iran (Islamic Republic of)", "Bahamas, The": try the first word group before a comma.
  const head = anyAsciiLower(text).split(/[,(]/)[0]?.replace(/[^a-z]+/g, " ").trim() ?? "";
  return byName.get(head);
}
