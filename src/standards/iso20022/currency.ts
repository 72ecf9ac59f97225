// ISO 4217 active currency codes with their minor units ("N": no minor unit defined, such as
// gold XAU or the SDR XDR). Data from the ISO 4217 list (datasets/currency-codes, ODC-PDDL).

const table =
  "AED2 AFN2 ALL2 AMD2 AOA2 ARS2 AUD2 AWG2 AZN2 BAM2 BBD2 BDT2 BHD3 BIF0 BMD2 BND2 BOB2 BOV2 " +
  "BRL2 BSD2 BTN2 BWP2 BYN2 BZD2 CAD2 CDF2 CHE2 CHF2 CHW2 CLF4 CLP0 CNY2 COP2 COU2 CRC2 CUP2 " +
  "CVE2 CZK2 DJF0 DKK2 DOP2 DZD2 EGP2 ERN2 ETB2 EUR2 FJD2 FKP2 GBP2 GEL2 GHS2 GIP2 GMD2 GNF0 " +
  "GTQ2 GYD2 HKD2 HNL2 HTG2 HUF2 IDR2 ILS2 INR2 IQD3 IRR2 ISK0 JMD2 JOD3 JPY0 KES2 KGS2 KHR2 " +
  "KMF0 KPW2 KRW0 KWD3 KYD2 KZT2 LAK2 LBP2 LKR2 LRD2 LSL2 LYD3 MAD2 MDL2 MGA2 MKD2 MMK2 MNT2 " +
  "MOP2 MRU2 MUR2 MVR2 MWK2 MXN2 MXV2 MYR2 MZN2 NAD2 NGN2 NIO2 NOK2 NPR2 NZD2 OMR3 PAB2 PEN2 " +
  "PGK2 PHP2 PKR2 PLN2 PYG0 QAR2 RON2 RSD2 RUB2 RWF0 SAR2 SBD2 SCR2 SDG2 SEK2 SGD2 SHP2 SLE2 " +
  "SOS2 SRD2 SSP2 STN2 SVC2 SYP2 SZL2 THB2 TJS2 TMT2 TND3 TOP2 TRY2 TTD2 TWD2 TZS2 UAH2 UGX0 " +
  "USD2 USN2 UYI0 UYU2 UYW4 UZS2 VED2 VES2 VND0 VUV0 WST2 XAD2 XAF0 XAGN XAUN XBAN XBBN XBCN " +
  "XBDN XCD2 XCG2 XDRN XOF0 XPDN XPF0 XPTN XSUN XTSN XUAN XXXN YER2 ZAR2 ZMW2 ZWG2 ";

const minorUnits: ReadonlyMap<string, number | null> = new Map(
  table.trim().split(" ").map((entry) => {
    const digit = entry.slice(3);
    return [entry.slice(0, 3), digit === "N" ? null : Number(digit)];
  }),
);

/** Minor units of an active ISO 4217 currency, null if it has none, undefined if unknown. */
export function currencyMinorUnits(code: string): number | null | undefined {
  return minorUnits.get(code);
}

const commodityCodes: readonly string[] = ["XAU", "XAG", "XPD", "XPT", "XDR", "XTS", "XXX", "XBA",
  "XBB", "XBC", "XBD", "XSU", "XUA"];

/** Commodity and special codes (X..) that are not money for payments (gold, SDR, testing). */
export function isCommodityCurrency(code: string): boolean {
  return code.charCodeAt(0) === 88 /* X */ && commodityCodes.includes(code);
}
