// Builders of valid test messages (our own, not copied): an MT103 and a pacs.008 between two BICs.

export interface PaymentOptions {
  readonly sender: string;
  readonly receiver: string;
  readonly reference: string;
  readonly uetr?: string;
  readonly amount?: string;
  /** The beneficiary's name in field 59 (default JANE ROE). */
  readonly beneficiary?: string;
}

/** A UETR (UUID v4) derived from a number, so tests are deterministic. */
export function testUetr(n: number): string {
  const hex = n.toString(16).padStart(12, "0").slice(-12);
  return `e3b0c442-98fc-4c14-9afb-${hex}`;
}

/** An LT address: BIC8 + LT code A + branch. */
function lt(bic: string): string {
  return `${bic.slice(0, 8)}A${bic.length === 11 ? bic.slice(8) : "XXX"}`;
}

export function mt103(options: PaymentOptions): string {
  const amount = options.amount ?? "1000,00";
  const lines = [
    `:20:${options.reference}`,
    ":23B:CRED",
    `:32A:261126USD${amount}`,
    `:33B:USD${amount}`,
    ":50K:/12345678",
    "JOHN DOE",
    "1 MAIN STREET",
    ":59:/987654321",
    options.beneficiary ?? "JANE ROE",
    "2 HIGH STREET",
    ":71A:SHA",
  ];
  return `{1:F01${lt(options.sender)}0000000000}{2:I103${lt(options.receiver)}N}` +
    `{3:{121:${options.uetr ?? testUetr(1)}}}{4:\r\n${lines.join("\r\n")}\r\n-}`;
}

export function pacs008(options: PaymentOptions): string {
  const amount = (options.amount ?? "1000,00").replace(",", ".");
  const uetr = options.uetr ?? testUetr(1);
  const agent = (bic: string) => `<FinInstnId><BICFI>${bic}</BICFI></FinInstnId>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Envelope>
<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">
<Fr><FIId>${agent(options.sender)}</FIId></Fr>
<To><FIId>${agent(options.receiver)}</FIId></To>
<BizMsgIdr>${options.reference}</BizMsgIdr>
<MsgDefIdr>pacs.008.001.08</MsgDefIdr>
<BizSvc>swift.cbprplus.02</BizSvc>
<CreDt>2026-11-26T10:00:00Z</CreDt>
</AppHdr>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
<FIToFICstmrCdtTrf>
<GrpHdr><MsgId>${options.reference}</MsgId><CreDtTm>2026-11-26T10:00:00Z</CreDtTm>
<NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>
<CdtTrfTxInf>
<PmtId><InstrId>${options.reference}</InstrId><EndToEndId>E2E-${options.reference}</EndToEndId>
<UETR>${uetr}</UETR></PmtId>
<IntrBkSttlmAmt Ccy="USD">${amount}</IntrBkSttlmAmt>
<IntrBkSttlmDt>2026-11-26</IntrBkSttlmDt>
<ChrgBr>SHAR</ChrgBr>
<InstgAgt>${agent(options.sender)}</InstgAgt>
<InstdAgt>${agent(options.receiver)}</InstdAgt>
<Dbtr><Nm>John Doe</Nm><PstlAdr><TwnNm>New York</TwnNm><Ctry>US</Ctry></PstlAdr></Dbtr>
<DbtrAcct><Id><Othr><Id>12345678</Id></Othr></Id></DbtrAcct>
<DbtrAgt>${agent(options.sender)}</DbtrAgt>
<CdtrAgt>${agent(options.receiver)}</CdtrAgt>
<Cdtr><Nm>Jane Roe</Nm><PstlAdr><TwnNm>Tokyo</TwnNm><Ctry>JP</Ctry></PstlAdr></Cdtr>
<CdtrAcct><Id><Othr><Id>987654321</Id></Othr></Id></CdtrAcct>
</CdtTrfTxInf>
</FIToFICstmrCdtTrf>
</Document>
</Envelope>
`;
}
