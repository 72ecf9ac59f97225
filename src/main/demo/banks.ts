// The demo network's fictional institutions: names and BICs are invented (no real bank uses
// them), spread over the countries the 2022 exclusions and everyday corridors involve.
export interface DemoBank {
  readonly bic: string;
  readonly name: string;
  /** BIC8 of the parent institution (ownership links for exclusion policies). */
  readonly parent?: string;
  /** The currency it keeps nostro accounts in and clears for others (a correspondent). */
  readonly clears?: string;
}

/** Ordered so that the first N still make a mixed network: correspondents come first. */
export const demoBanks: readonly DemoBank[] = [
  { bic: "HUDSUS33XXX", name: "Hudson Clearing Bank", clears: "USD" },
  { bic: "RHEIDEFFXXX", name: "Rheinland Girobank", clears: "EUR" },
  { bic: "THAMGB2LXXX", name: "Thames Merchant Bank", clears: "GBP" },
  { bic: "JADECNSHXXX", name: "Jade River Commercial Bank", clears: "CNY" },
  { bic: "VOLGRUMMXXX", name: "Volga Trade Bank" },
  { bic: "NEVARUMMXXX", name: "Neva Savings Bank" },
  { bic: "KAMARUMMXXX", name: "Kama Industrial Bank" },
  { bic: "MINSBY2XXXX", name: "Minsk Agro Bank" },
  { bic: "ZAGRIRTHXXX", name: "Zagros Export Bank" },
  { bic: "SEINFRPPXXX", name: "Banque de la Seine" },
  { bic: "TIBRITRRXXX", name: "Banca del Tevere" },
  { bic: "DELTNL2AXXX", name: "Delta Handelsbank" },
  { bic: "ALPSCHZZXXX", name: "Alpenbank Zurich", clears: "CHF" },
  { bic: "SAKUJPJTXXX", name: "Sakura Trust Bank", clears: "JPY" },
  { bic: "LAKEUS44XXX", name: "Great Lakes National Bank" },
  { bic: "PEARCNBJXXX", name: "Pearl Harbour Bank of China" },
  { bic: "URALRUMMXXX", name: "Ural Development Bank" },
  { bic: "OKARRUMMXXX", name: "Oka Regional Bank", parent: "VOLGRUMM" },
  { bic: "VOLGATAAXXX", name: "Volga Trade Bank Kazakhstan", parent: "VOLGRUMM" },
  { bic: "NEVAAT2WXXX", name: "Neva Bank Austria", parent: "NEVARUMM" },
  { bic: "SVIRRUMMXXX", name: "Svir Energy Bank" },
  { bic: "BAIKRUMMXXX", name: "Baikal Credit Bank" },
  { bic: "DONNRUMMXXX", name: "Don Shipping Bank" },
  { bic: "AMURRUMMXXX", name: "Amur Far East Bank" },
  { bic: "ONEGRUMMXXX", name: "Onega Gas Industry Bank" },
  { bic: "GOMEBY2XXXX", name: "Gomel Industrial Bank" },
  { bic: "KARUIRTHXXX", name: "Karun Commercial Bank" },
  { bic: "DANUATWWXXX", name: "Donau Sparkasse" },
  { bic: "CLYDGB2EXXX", name: "Clyde Bank of Scotland" },
  { bic: "BOSPTRISXXX", name: "Bosphorus Participation Bank" },
  { bic: "GANGINBBXXX", name: "Ganges Cooperative Bank" },
  { bic: "OASIAEADXXX", name: "Oasis Gulf Bank" },
  { bic: "LIMMCHZZXXX", name: "Limmat Privatbank" },
  { bic: "MAASNL2RXXX", name: "Maas Trade Finance" },
];

/** The banks named by the replayed 2022 policies (fictional stand-ins, same structure). */
export const scenario2022 = {
  /** Regulation 2022/345: seven banks and their majority-owned Russian subsidiaries. */
  eu345: ["VOLGRUMM", "NEVARUMM", "KAMARUMM", "SVIRRUMM", "BAIKRUMM", "DONNRUMM", "AMURRUMM"],
  /** Regulation 2022/398: three Belarusian banks. */
  eu398: ["MINSBY2X", "GOMEBY2X"],
  /** Regulation 2022/879: the Sberbank-like institution, cut off later (ONEGRUMM, the
   * Gazprombank-like one, stays connected throughout). */
  eu879: ["URALRUMM"],
} as const;

/** A correspondent for a currency: the bank that clears it, if it is in the network. */
export function correspondentFor(banks: readonly DemoBank[], currency: string):
  DemoBank | undefined {
  return banks.find((bank) => bank.clears === currency);
}
